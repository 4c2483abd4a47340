namespace Assessor.Service.Reports;

/// <summary>
/// The report formats, their media types and file names: the report in four formats, its certificate page alone as a PDF,
/// and, in a certified bundle only, the plan's OSCAL assessment results.
/// </summary>
public static class ReportFormats
{
    public const string Html = "html";
    public const string Markdown = "md";
    public const string Json = "json";
    public const string Pdf = "pdf";

    /// <summary>The certificate (認定書) alone, one A4 page as a PDF; the report's PDF opens with the same page.</summary>
    public const string Certificate = "certificate";

    /// <summary>
    /// The OSCAL assessment-results document of the certified state, stored and signed with the report (docs/oscal.md).
    /// Only certified bundles have it: before certification the live export is <c>GET /plans/{id}/oscal</c>.
    /// </summary>
    public const string Oscal = "oscal";

    public static readonly IReadOnlyDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Html] = "text/html; charset=utf-8",
        [Markdown] = "text/markdown; charset=utf-8",
        [Json] = "application/json",
        [Pdf] = "application/pdf",
        [Certificate] = "application/pdf",

        // The media type NIST asks for OSCAL JSON; plain application/json is the typed report's.
        [Oscal] = "application/oscal+json",
    };

    /// <summary>True for the formats Chromium prints.</summary>
    public static bool IsPdf(string format) => format is Pdf or Certificate;

    /// <summary>
    /// <c>plan-{id}-r{revision}.{format}</c>; the certificate is <c>plan-{id}-r{revision}-certificate.pdf</c>, the OSCAL
    /// document <c>plan-{id}-r{revision}.oscal-ar.json</c>.
    /// </summary>
    public static string FileName(Guid planId, long revision, string format) => format switch
    {
        Certificate => $"plan-{planId:D}-r{revision}-certificate.pdf",
        Oscal => $"plan-{planId:D}-r{revision}.oscal-ar.json",
        _ => $"plan-{planId:D}-r{revision}.{format}",
    };

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
