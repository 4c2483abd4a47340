using Assessor.Service.Http;
using Assessor.Service.Plans;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Assessor.Service.Reports;

/// <summary>
/// A certified report's file as <c>/reports/{digest}/{format}</c> serves it: the bytes and whose they are, and the headers
/// that never change with them, made once when the file enters the cache instead of on every request.
/// </summary>
public sealed record CertifiedFile(ReportFile File, Guid PlanId, long Revision)
{
    /// <summary>The file's own digest: certified bytes never change, so it is a strong validator for ever.</summary>
    public string ETag { get; } = $"\"sha256:{File.Sha256}\"";

    /// <summary>What <c>TypedResults.File</c> sends for the file's download name (attachment, plain and RFC 5987 forms).</summary>
    public string ContentDisposition { get; } = Attachment(ReportFormats.FileName(PlanId, Revision, File.Format));

    private static string Attachment(string fileName)
    {
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(fileName);
        return disposition.ToString();
    }
}

/// <summary>200 with a certified file from memory: its stored bytes and the headers made with it, and nothing computed per request.</summary>
public sealed class CertifiedFileAnswer(CertifiedFile found) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.ContentDisposition = found.ContentDisposition;
        return httpContext.Response.WriteWholeAsync(StatusCodes.Status200OK, found.File.ContentType, found.File.Body, httpContext.RequestAborted);
    }
}

/// <summary>
/// Everything a draft report shows, as a cache key: the plan at its version (a revision, submission, sign-off or decision
/// moves it, and the report prints the plan's last change), its current revision (which names exactly one digest), the
/// templates, the verification base URL and the format. The sign-off that counts is not read for the key: the one place
/// that stores a sign-off moves the plan's version in the same transaction, so the version already names it. A draft
/// looked up under another key is rendered anew; nothing else goes into a draft.
/// </summary>
public sealed record DraftKey(
    Guid PlanId, long Revision, long PlanVersion, DateTimeOffset PlanUpdatedAt, string TemplateVersion, string VerifyBaseUrl, string Format)
{
    public static DraftKey For(PlanRow plan, string templateVersion, string verifyBaseUrl, string format) =>
        new(plan.Id, plan.CurrentRevision, plan.Version, plan.UpdatedAt, templateVersion, verifyBaseUrl, format);
}

/// <summary>
/// Bounded in-memory caches of report bytes, each holding at most its configured number of bytes (least recently used
/// entries go first). Certified files never change, so an entry is valid for ever; a draft is keyed by everything it
/// shows (<see cref="DraftKey"/>), so a changed plan or sign-off is simply a miss. Per instance: nothing is shared.
/// </summary>
public sealed class ReportCache : IDisposable
{
    private readonly MemoryCache certified;
    private readonly MemoryCache drafts;

    public ReportCache(IOptions<ReportOptions> options)
    {
        certified = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.CertifiedCacheMegabytes) * 1024L * 1024 });
        drafts = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.DraftCacheMegabytes) * 1024L * 1024 });
    }

    /// <summary>A certified file by report digest and format, loaded once and then served from memory.</summary>
    public Task<CertifiedFile?> CertifiedAsync(string reportDigest, string format, Func<Task<CertifiedFile?>> load) =>
        GetOrLoadAsync(certified, ("report", reportDigest, format), load, file => file.File.Body.LongLength);

    /// <summary>A certified plan's file in a format: its report never changes once certified.</summary>
    public Task<ReportFile?> CertifiedForPlanAsync(Guid planId, string format, Func<Task<ReportFile?>> load) =>
        GetOrLoadAsync(certified, ("plan", planId, format), load, file => file.Body.LongLength);

    public ReportFile? Draft(DraftKey key) => drafts.TryGetValue(key, out ReportFile? file) ? file : null;

    /// <summary>Keeps every format of one draft render under its own key.</summary>
    public void KeepDraft(DraftKey key, IEnumerable<ReportFile> files)
    {
        foreach (var file in files)
        {
            Keep(drafts, key with { Format = file.Format }, file, file.Body.LongLength);
        }
    }

    public void Dispose()
    {
        certified.Dispose();
        drafts.Dispose();
    }

    private static async Task<T?> GetOrLoadAsync<T>(MemoryCache cache, object key, Func<Task<T?>> load, Func<T, long> size)
        where T : class
    {
        if (cache.TryGetValue(key, out T? hit))
        {
            return hit;
        }

        // Two first requests may both load; the bytes are the same, and the second simply replaces the first.
        var loaded = await load();
        if (loaded is not null)
        {
            Keep(cache, key, loaded, size(loaded));
        }

        return loaded;
    }

    private static void Keep(MemoryCache cache, object key, object value, long bytes)
    {
        // An entry larger than the whole cache is not kept (MemoryCache would refuse it anyway).
        using var entry = cache.CreateEntry(key);
        entry.Value = value;
        entry.Size = Math.Max(1, bytes);
    }
}
