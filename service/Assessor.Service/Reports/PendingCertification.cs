using Assessor.Service.Decisions;

namespace Assessor.Service.Reports;

/// <summary>
/// A certified report waiting for its place in the audit log and its certificate number. The report prints the index of
/// its own certification and the number of its certificate, both taken in the decision's transaction, so it is rendered
/// before that transaction for the index and number it is expected to get; when another change took either meanwhile, it
/// is rendered again, for what it got, while the log is held (rarely, and only then slowly).
/// </summary>
public sealed class PendingCertification(
    long expectedIndex, CertificateNumber expectedNumber, SignedReport prepared, Func<long, CertificateNumber, CancellationToken, Task<SignedReport>> renderFor)
{
    /// <summary>The number's prefix: the regime's.</summary>
    public string Prefix => expectedNumber.Prefix;

    /// <summary>The year the number is counted in: the decision's, in Japan.</summary>
    public int Year => expectedNumber.Year;

    public async Task<SignedReport> ForAsync(long index, CertificateNumber number, CancellationToken cancellationToken) =>
        index == expectedIndex && number == expectedNumber ? prepared : await renderFor(index, number, cancellationToken);
}
