namespace Assessor.Service.Reports;

/// <summary>What a rendered report says about its own identity.</summary>
/// <param name="Digest"><c>sha256:&lt;hex&gt;</c> of the JSON report's bytes.</param>
/// <param name="VerifyUrl">Absolute URL of <c>GET /reports/{hex}</c>, printed and drawn as a QR code.</param>
public sealed record ReportStamp(string Digest, string VerifyUrl);
