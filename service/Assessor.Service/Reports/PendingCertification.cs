namespace Assessor.Service.Reports;

/// <summary>
/// A certified report waiting for its place in the audit log. The report prints the index of its own certification, so it
/// is rendered before the decision's transaction for the index the log is expected to give it; when another change took
/// that index meanwhile, it is rendered again, for the index it got, while the log is held (rarely, and only then slowly).
/// </summary>
public sealed class PendingCertification(long expectedIndex, SignedReport prepared, Func<long, CancellationToken, Task<SignedReport>> renderFor)
{
    public async Task<SignedReport> ForIndexAsync(long index, CancellationToken cancellationToken) =>
        index == expectedIndex ? prepared : await renderFor(index, cancellationToken);
}
