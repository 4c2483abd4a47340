namespace Assessor.Service.Reports;

/// <summary>The report formats, their media types and file names: the report in four formats, and its certificate page alone as a PDF.</summary>
public static class ReportFormats
{
    public const string Html = "html";
    public const string Markdown = "md";
    public const string Json = "json";
    public const string Pdf = "pdf";

    /// <summary>The certificate (認定書) alone, one A4 page as a PDF; the report's PDF opens with the same page.</summary>
    public const string Certificate = "certificate";

    public static readonly IReadOnlyDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Html] = "text/html; charset=utf-8",
        [Markdown] = "text/markdown; charset=utf-8",
        [Json] = "application/json",
        [Pdf] = "application/pdf",
        [Certificate] = "application/pdf",
    };

    /// <summary>True for the formats Chromium prints.</summary>
    public static bool IsPdf(string format) => format is Pdf or Certificate;

    /// <summary><c>plan-{id}-r{revision}.{format}</c>; the certificate is <c>plan-{id}-r{revision}-certificate.pdf</c>.</summary>
    public static string FileName(Guid planId, long revision, string format) =>
        format == Certificate ? $"plan-{planId:D}-r{revision}-certificate.pdf" : $"plan-{planId:D}-r{revision}.{format}";

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
