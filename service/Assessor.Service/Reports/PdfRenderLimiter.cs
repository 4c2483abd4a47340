using System.Security.Claims;
using System.Threading.RateLimiting;
using Assessor.Service.Http;
using Microsoft.Extensions.Options;

namespace Assessor.Service.Reports;

/// <summary>
/// Bounds the browsers printing PDFs (each is a Chromium of a few hundred MB). Drafts share a small pool with a bounded
/// queue and are refused with 503 <c>pdf-busy</c> beyond it, and each principal may have only so many drafts printed per
/// window (429 <c>rate-limited</c>). A certification is never refused by either: it prints in a lane of its own, one at a
/// time, and one that cannot get its turn in time is stored without its PDF, as when printing fails, because the PDF is a
/// convenience copy of the signed HTML and must not block a decision.
/// </summary>
public sealed class PdfRenderLimiter : IDisposable
{
    private const int CertificationQueueLimit = 1_000;

    // A certification prints its report and its certificate page side by side (Reporting.RenderAsync).
    private const int CertificationDocuments = 2;

    private readonly RateLimitOptions options;
    private readonly ConcurrencyLimiter drafts;
    private readonly ConcurrencyLimiter certifications;
    private readonly PartitionedRateLimiter<string> draftsPerPrincipal;

    public PdfRenderLimiter(IOptions<RateLimitOptions> options)
    {
        this.options = options.Value;
        var renders = this.options.PdfRenders;
        drafts = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = renders.MaxConcurrent,
            QueueLimit = renders.QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        certifications = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = 1,
            QueueLimit = CertificationQueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        var perPrincipal = this.options.DraftPdfs;
        draftsPerPrincipal = PartitionedRateLimiter.Create<string, string>(principal => RateLimitPartition.GetFixedWindowLimiter(principal, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = perPrincipal.PermitLimit, Window = perPrincipal.Window, QueueLimit = 0 }));
    }

    /// <summary>The most pages that print at once: the drafts' pool and one certification's documents.</summary>
    public static int MostPagesAtOnce(RateLimitOptions options) => options.PdfRenders.MaxConcurrent + CertificationDocuments;

    /// <summary>Counts a draft PDF against <paramref name="user"/>'s limit.</summary>
    /// <exception cref="ThrottledException">429: the principal has had its drafts for this window.</exception>
    public void CountDraft(ClaimsPrincipal user)
    {
        var limit = options.DraftPdfs;
        using var lease = draftsPerPrincipal.AttemptAcquire(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "");
        if (!lease.IsAcquired)
        {
            throw ThrottledException.TooMany(
                $"At most {limit.PermitLimit} draft PDFs per {limit.WindowSeconds} s for each caller; the other formats are not limited.",
                lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : limit.Window);
        }
    }

    /// <summary>A turn to print one PDF; dispose it when the browser has finished.</summary>
    /// <exception cref="ThrottledException">503: a draft found the queue full or waited too long.</exception>
    /// <exception cref="TimeoutException">A certification waited longer than its limit.</exception>
    public async Task<IDisposable> EnterAsync(bool certification, CancellationToken cancellationToken)
    {
        var renders = options.PdfRenders;
        return certification
            ? await WaitAsync(certifications, TimeSpan.FromSeconds(renders.CertificationWaitSeconds), cancellationToken)
                ?? throw new TimeoutException($"No PDF printer was free for the certification within {renders.CertificationWaitSeconds} s.")
            : await WaitAsync(drafts, TimeSpan.FromSeconds(renders.QueueTimeoutSeconds), cancellationToken)
                ?? throw ThrottledException.PdfRendersBusy(TimeSpan.FromSeconds(renders.RetryAfterSeconds));
    }

    /// <summary>The lease, or null when the queue is full or <paramref name="timeout"/> passed first.</summary>
    private static async Task<RateLimitLease?> WaitAsync(ConcurrencyLimiter limiter, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var lease = await limiter.AcquireAsync(1, deadline.Token);
            if (lease.IsAcquired)
            {
                return lease;
            }

            lease.Dispose();
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    public void Dispose()
    {
        drafts.Dispose();
        certifications.Dispose();
        draftsPerPrincipal.Dispose();
    }
}
