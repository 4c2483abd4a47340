namespace Assessor.Service.Reports;

/// <summary>The four report formats, their media types and file extensions.</summary>
public static class ReportFormats
{
    public const string Html = "html";
    public const string Markdown = "md";
    public const string Json = "json";
    public const string Pdf = "pdf";

    public static readonly IReadOnlyDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Html] = "text/html; charset=utf-8",
        [Markdown] = "text/markdown; charset=utf-8",
        [Json] = "application/json",
        [Pdf] = "application/pdf",
    };

    public static string FileName(Guid planId, long revision, string format) => $"plan-{planId:D}-r{revision}.{format}";

    /// <summary>The format an <c>Accept</c> header prefers, when it names one of ours; HTML otherwise.</summary>
    public static string FromAccept(IEnumerable<Microsoft.Net.Http.Headers.MediaTypeHeaderValue> accept)
    {
        foreach (var type in accept.OrderByDescending(a => a.Quality ?? 1))
        {
            var media = type.MediaType.Value;
            var match = ContentTypes.FirstOrDefault(c => c.Value.StartsWith(media ?? "\0", StringComparison.OrdinalIgnoreCase));
            if (match.Key is not null)
            {
                return match.Key;
            }
        }

        return Html;
    }
}
