using System.Security.Claims;
using System.Text.Json;
using Assessor.Domain.Plans;
using Assessor.Domain.Procedure;
using Assessor.Domain.Reports;
using Assessor.Service.Assessments;
using Assessor.Service.Attestations;
using Assessor.Service.Decisions;
using Assessor.Service.Http;
using Assessor.Service.Identity;
using Assessor.Service.Log;
using Assessor.Service.Oscal;
using Assessor.Service.Plans;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Assessor.Service.Reports;

/// <summary>What a certified report's digest stands for: the plan revision certified, when, and the service's signed statement over the files.</summary>
/// <param name="ReportDigest">The report's identity: the lower-case hex SHA-256 of its JSON format.</param>
/// <param name="PlanId">The certified plan's id.</param>
/// <param name="Revision">The plan revision that was certified.</param>
/// <param name="Decision">The decision the report records; always <c>certify</c> (only certification stores a report).</param>
/// <param name="DecidedAt">When the plan was certified (ISO-8601, UTC).</param>
/// <param name="KeyId">The id (hex SHA-256 of the SubjectPublicKeyInfo) of the service key that signed <c>envelope</c>; see <c>GET /keys</c>.</param>
/// <param name="Formats">Every file stored at certification (html, md, json and, when it could be printed, pdf), with its digest and size.</param>
/// <param name="Envelope">
/// The service's DSSE envelope (<c>payloadType</c>, base64 <c>payload</c>, <c>signatures</c>): an in-toto statement naming
/// every file's SHA-256 and the certified revision's digest, signed with ECDSA P-256 by <c>keyId</c>.
/// </param>
public sealed record ReportLookup(
    string ReportDigest, Guid PlanId, long Revision, Decision Decision, DateTimeOffset DecidedAt, string KeyId,
    IReadOnlyList<ReportFileInfo> Formats, JsonElement Envelope)
{
    /// <summary>
    /// The certification's place in the audit log: its event's index and bytes, the latest signed checkpoint and the
    /// inclusion proof to it (<c>assessor-cli verify-report</c> checks them). Absent for a report certified before the log began.
    /// </summary>
    public ReportLogProof? Log { get; init; }

    /// <summary>The number of the certificate the report opens with (e.g. <c>CI-2026-000001</c>); absent for a report certified before numbers were assigned.</summary>
    public string? CertificateNumber { get; init; }
}

/// <summary>A public key the service signs certified reports with.</summary>
/// <param name="KeyId">The key's id: the lower-case hex SHA-256 of its DER SubjectPublicKeyInfo, as named in report envelopes.</param>
/// <param name="Algorithm">The signature scheme: <c>ECDSA P-256 / SHA-256 (DSSE)</c>.</param>
/// <param name="PublicKeyPem">The public key as PEM SubjectPublicKeyInfo, for verifying report envelopes offline.</param>
public sealed record ServiceKeyView(string KeyId, string Algorithm, string PublicKeyPem);

public static class ReportsApi
{
    /// <summary>The look-up's proof leads to the latest checkpoint, so its answer is kept but revalidated.</summary>
    private const string LookUpCaching = "public, no-cache";

    private static readonly ResponseHeader LookUpCacheControl = new("Cache-Control",
        $"`{LookUpCaching}`: what a report digest names never changes, but `log` proves it against the audit log's latest checkpoint, "
        + "so a cache revalidates (`If-None-Match`) and gets 304 until the log grows.");

    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddOptions<ReportOptions>().BindConfiguration(ReportOptions.Section).ValidateDataAnnotations()
            .Validate<IHostEnvironment>((options, environment) => !environment.IsProduction() || options.PublicBaseUrl is not null,
                $"{ReportOptions.Section}:PublicBaseUrl must be set in Production: it is printed and QR-encoded in every certified report " +
                "and must never be taken from a request's Host header.")
            .ValidateOnStart();
        services.AddOptions<SigningOptions>().BindConfiguration(SigningOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(provider => new ReportRenderer(provider.GetRequiredService<IOptions<ReportOptions>>().Value.Path));
        services.AddSingleton(provider => CertificateCatalog.Load(
            provider.GetRequiredService<IOptions<ReportOptions>>().Value.Path, Domain.RegimeDefinitions.RegimeRegistry.All.Select(r => r.Id)));
        // As many pages kept as print at once.
        services.AddSingleton(provider => new PdfPrinter(
            provider.GetRequiredService<IOptions<ReportOptions>>().Value.ChromiumPath,
            PdfRenderLimiter.MostPagesAtOnce(provider.GetRequiredService<IOptions<RateLimitOptions>>().Value)));
        services.AddSingleton<ServiceSigningKey>();
        services.AddSingleton<ReportStore>();
        services.AddSingleton<ReportCache>();
        services.AddSingleton<OscalSources>();
        services.AddSingleton<Reporting>();
        return services;
    }

    public static RouteGroupBuilder MapReports(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").WithTags("Reports");
        group.MapGet("/plans/{id:guid}/report", GetReport).RequireAuthorization()
            .WithName("GetPlanReport")
            .WithSummary("The report in html, md, json or pdf, or its certificate page alone (format=certificate, PDF); certified ones are the stored bytes")
            .Produces<CertificationReport>(StatusCodes.Status200OK, ReportFormats.ContentTypes[ReportFormats.Json])
            .WithResponseContent(StatusCodes.Status200OK, "text/html", text: true)
            .WithResponseContent(StatusCodes.Status200OK, "text/markdown", text: true)
            .WithResponseContent(StatusCodes.Status200OK, ReportFormats.ContentTypes[ReportFormats.Pdf])
            .WithOscalDocument(StatusCodes.Status200OK, ReportFormats.ContentTypes[ReportFormats.Oscal])
            .Produces(StatusCodes.Status304NotModified)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithParameter("format",
                "The format; when omitted, the one `Accept` prefers (HTML when it names none of them). `certificate` is the certificate "
                + "(認定書) alone, one A4 page as a PDF: the same page the report's PDF opens with. `oscal` is the OSCAL assessment-results "
                + "document stored with a certified report (404 before certification: the live export is `GET /plans/{id}/oscal`).", ClosedSets.ReportFormat)
            .WithRequestHeader("If-None-Match", "The `ETag` of a copy you hold: 304 without a body when it is still the plan's report in this format.")
            .WithResponseHeaders(StatusCodes.Status200OK, ResponseHeader.ETag, ResponseHeader.ContentDisposition)
            .WithResponseHeaders(StatusCodes.Status304NotModified, ResponseHeader.ETag)
            .WithResponseHeaders(StatusCodes.Status503ServiceUnavailable, ResponseHeader.RetryAfter with { Required = false });
        // Anyone holding a report may check it: verification needs no account.
        group.MapGet("/reports/{digest}", LookUp).AllowAnonymous()
            .WithName("VerifyReport").WithSummary("What a report digest (of the JSON report or of any of its files) certifies")
            .Produces(StatusCodes.Status304NotModified).ProducesProblem(StatusCodes.Status404NotFound)
            .WithRequestHeader("If-None-Match",
                "The `ETag` of an answer you hold: 304 without a body while the audit log has not grown (what a digest certifies never changes).")
            .WithResponseHeaders(StatusCodes.Status200OK, ResponseHeader.ETag, LookUpCacheControl)
            .WithResponseHeaders(StatusCodes.Status304NotModified, ResponseHeader.ETag, LookUpCacheControl);
        group.MapGet("/reports/{digest}/{format}", GetCertifiedFile).AllowAnonymous()
            .WithName("GetCertifiedReportFile")
            .WithSummary("A certified report's stored file (html, md, json, pdf, certificate or oscal) by the report's digest; public and immutable, served from memory")
            .WithDescription("The file stored at certification in `format`, found by the report's digest (hex or `sha256:hex`, as printed on the "
                + "report). Certified bytes never change: any cache may keep the answer for ever (`Cache-Control: public, max-age=31536000, "
                + "immutable`), and `If-None-Match` with its `ETag` answers 304. Needs no key: the digest is printed only on the report itself.")
            .Produces<CertificationReport>(StatusCodes.Status200OK, ReportFormats.ContentTypes[ReportFormats.Json])
            .WithResponseContent(StatusCodes.Status200OK, "text/html", text: true)
            .WithResponseContent(StatusCodes.Status200OK, "text/markdown", text: true)
            .WithResponseContent(StatusCodes.Status200OK, ReportFormats.ContentTypes[ReportFormats.Pdf])
            .WithOscalDocument(StatusCodes.Status200OK, ReportFormats.ContentTypes[ReportFormats.Oscal])
            .Produces(StatusCodes.Status304NotModified)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithParameter("format", "The stored file's format.", ClosedSets.ReportFormat)
            .WithRequestHeader("If-None-Match", "The `ETag` of the file you hold: 304 without a body (certified bytes never change).")
            .WithResponseHeaders(StatusCodes.Status200OK, ResponseHeader.ETag, ResponseHeader.PublicImmutable, ResponseHeader.ContentDisposition)
            .WithResponseHeaders(StatusCodes.Status304NotModified, ResponseHeader.ETag, ResponseHeader.PublicImmutable);
        group.MapGet("/keys", Keys).AllowAnonymous()
            .WithName("ServiceKeys").WithSummary("The public keys that sign certified reports");
        return group;
    }

    public static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> GetReport(
        Guid id, string? format, HttpContext context, ClaimsPrincipal user, PlanStore plans, PlanAssessments assessments, Reporting reporting,
        ReportStore reports, DecisionStore decisions, IOptions<ReportOptions> options, PdfRenderLimiter pdfRenders, ReportCache cache,
        ReportRenderer renderer, CertificateCatalog certificates, CancellationToken cancellationToken)
    {
        format ??= ReportFormats.FromAccept(context.Request.GetTypedHeaders().Accept);
        if (!ReportFormats.ContentTypes.ContainsKey(format))
        {
            return Problems.Validation("format", ValidationText.OneOf(ReportFormats.ContentTypes.Keys));
        }

        var plan = await plans.GetAsync(id, PlanScope.For(Caller.From(user)), cancellationToken);
        if (plan is null)
        {
            return Problems.NotFound("Plan");
        }

        ReportFile? file;
        if (format == ReportFormats.Oscal && plan.Status != PlanStatus.Certified)
        {
            return Problems.Create(StatusCodes.Status404NotFound, "not-found", "No certified OSCAL document yet",
                $"Only a certified report carries the OSCAL assessment results; until then the live export is /api/v1/plans/{plan.Id}/oscal.");
        }

        if (plan.Status == PlanStatus.Certified)
        {
            // Certified: the bytes stored at certification, whatever the templates say today; they never change.
            file = await cache.CertifiedForPlanAsync(plan.Id, format, async () => (await reports.GetForPlanAsync(plan.Id, format, cancellationToken))?.File);
        }
        else
        {
            // A draft rendered before under the same key shows exactly what a new render would.
            var verifyBaseUrl = options.Value.PublicBaseUrlFor(context.Request);
            var key = DraftKey.For(plan, $"{renderer.Version}.{certificates.Version}", verifyBaseUrl, format);
            file = cache.Draft(key);
            if (file is null)
            {
                if (ReportFormats.IsPdf(format))
                {
                    pdfRenders.CountDraft(user);
                }

                var rendered = await DraftAsync(plan, format, verifyBaseUrl, assessments, reporting, decisions, cancellationToken);
                cache.KeepDraft(key, rendered?.Files ?? []);
                file = rendered?.Files.FirstOrDefault(f => f.Format == format);
            }
        }

        if (file is null)
        {
            return ReportFormats.IsPdf(format)
                ? Problems.Create(StatusCodes.Status503ServiceUnavailable, "pdf-unavailable", "PDF rendering is not available",
                    "PDFs are printed by headless Chromium: install the Debian packages chromium and fonts-ipaexfont (or set Assessor:Reports:ChromiumPath). " +
                    "A certified plan's PDFs (the report and its certificate) exist only if Chromium was present when it was certified, and the " +
                    "certificate alone only for plans certified since certificates were introduced; the other formats are available.")
                : Problems.NotFound("Report");
        }

        var etag = $"\"sha256:{file.Sha256}\"";
        context.Response.Headers.ETag = etag;
        if (context.Request.Headers.IfNoneMatch.Contains(etag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.File(file.Body, file.ContentType, ReportFormats.FileName(plan.Id, plan.CurrentRevision, format));
    }

    public static async Task<Results<Ok<ReportLookup>, StatusCodeHttpResult, ProblemHttpResult>> LookUp(
        string digest, HttpContext context, ReportStore reports, LogStore log, Checkpoints checkpoints, CertificateNumbers numbers,
        CancellationToken cancellationToken)
    {
        var hex = digest.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase) ? digest[7..] : digest;
        var found = hex.Length == 64 && hex.All(char.IsAsciiHexDigit) ? await reports.FindAsync(hex.ToLowerInvariant(), cancellationToken) : null;
        if (found is not { } hit)
        {
            return Problems.NotFound("Report");
        }

        // What a digest certifies never changes, but the proof of its certification leads to the log's latest checkpoint:
        // a cache may keep the answer and revalidate it, and it stays the same until the log grows.
        var inLog = await log.CertificationProofAsync(hit.Report.PlanId, checkpoints, cancellationToken);
        context.Response.Headers.ETag = $"\"report:{hit.Report.ReportDigest}.{inLog?.Checkpoint.Size ?? 0}\"";
        context.Response.Headers.CacheControl = LookUpCaching;
        if (context.Request.Headers.IfNoneMatch.Contains(context.Response.Headers.ETag.ToString()))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        // Only certification stores a report, so every stored report records a certify decision.
        using var envelope = JsonDocument.Parse(hit.Report.Envelope);
        return TypedResults.Ok(new ReportLookup(hit.Report.ReportDigest, hit.Report.PlanId, hit.Report.PlanRevision,
            Decision.Certify, hit.Report.CreatedAt, hit.Report.KeyId, hit.Files, envelope.RootElement.Clone())
        {
            Log = inLog,
            CertificateNumber = await numbers.OfPlanAsync(hit.Report.PlanId, cancellationToken),
        });
    }

    /// <summary>
    /// A certified report's file by the report's digest (hex or sha256:hex) and format, from memory after the first request.
    /// Certified bytes never change, so the answer is public and immutable (<c>Cache-Control: public, max-age=31536000,
    /// immutable</c>) with <c>ETag: "sha256:&lt;the file's digest&gt;"</c>. Like the look-up, it needs no account: the
    /// digest is printed only on the report itself, so whoever holds it holds the report.
    /// </summary>
    public static async Task<Results<CertifiedFileAnswer, StatusCodeHttpResult, ProblemHttpResult>> GetCertifiedFile(
        string digest, string format, HttpContext context, ReportStore reports, ReportCache cache, CancellationToken cancellationToken)
    {
        if (!ReportFormats.ContentTypes.ContainsKey(format))
        {
            return Problems.Validation("format", ValidationText.OneOf(ReportFormats.ContentTypes.Keys));
        }

        var hex = (digest.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase) ? digest[7..] : digest).ToLowerInvariant();
        var found = hex.Length == 64 && hex.All(char.IsAsciiHexDigit)
            ? await cache.CertifiedAsync(hex, format, () => reports.GetFileAsync(hex, format, cancellationToken))
            : null;
        if (found is null)
        {
            return Problems.NotFound("Report");
        }

        if (ImmutableAnswer(context, found.ETag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return new CertifiedFileAnswer(found);
    }

    /// <summary>Marks the answer immutable with <paramref name="etag"/>; true when the client already holds it (304).</summary>
    private static bool ImmutableAnswer(HttpContext context, string etag)
    {
        context.Response.Headers.ETag = etag;
        context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return context.Request.Headers.IfNoneMatch.Contains(etag);
    }

    public static Ok<ServiceKeyView[]> Keys(ServiceSigningKey key) =>
        TypedResults.Ok(new[] { new ServiceKeyView(key.KeyId, "ECDSA P-256 / SHA-256 (DSSE)", key.PublicKeyPem) });

    /// <summary>
    /// A draft is rendered from the stored data as it is now; stamped with the plan's last change, so it is repeatable. Its
    /// certificate has no number, and its PDFs carry the draft watermark.
    /// </summary>
    private static async Task<RenderedReport?> DraftAsync(
        PlanRow plan, string format, string verifyBaseUrl, PlanAssessments assessments, Reporting reporting, DecisionStore decisions,
        CancellationToken cancellationToken)
    {
        var assessment = await assessments.AssessCurrentAsync(plan, cancellationToken);
        if (assessment is null)
        {
            return null;
        }

        var latest = await decisions.LatestAsync(plan.Id, cancellationToken);
        var decision = latest is null ? null : new ReportDecision(latest.Decision, latest.Reason, latest.ReviewerName, latest.DecidedAt);
        var report = await reporting.BuildAsync(plan, assessment, decision, certified: false, plan.UpdatedAt, cancellationToken);
        return await reporting.RenderAsync(report, verifyBaseUrl, withPdf: format == ReportFormats.Pdf, cancellationToken,
            withCertificate: format == ReportFormats.Certificate);
    }
}
