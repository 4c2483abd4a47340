using System.Security.Cryptography;
using System.Text.Json;
using Assessor.Domain.Assessments;
using Assessor.Domain.Attestations;
using Assessor.Domain.Plans;
using Assessor.Domain.Procedure;
using Assessor.Domain.Reports;
using Assessor.Service.Assessments;
using Assessor.Service.Attestations;
using Assessor.Service.Log;
using Assessor.Service.Plans;

namespace Assessor.Service.Reports;

/// <summary>A report rendered in every format it could be: the JSON report's digest identifies them all.</summary>
public sealed record RenderedReport(string Digest, IReadOnlyList<ReportFile> Files);

/// <summary>Builds reports from stored data, renders them, and signs certified ones.</summary>
public sealed class Reporting(
    PlanStore plans, SignoffStore signoffs, RunStatements runs, ReportRenderer renderer, PdfPrinter printer, ServiceSigningKey signingKey,
    PdfRenderLimiter pdfRenders, LogStore log, ILogger<Reporting> logger)
{
    /// <summary>A draft: the plan as stored now, with its history so far.</summary>
    public async Task<CertificationReport> BuildAsync(
        PlanRow plan, Assessment assessment, ReportDecision? decision, bool certified, DateTimeOffset generatedAt, CancellationToken cancellationToken) =>
        await BuildWithoutHistoryAsync(plan, assessment, decision, certified, generatedAt, cancellationToken) with
        {
            History = await log.ReportHistoryAsync(plan.Id, certification: null, cancellationToken),
        };

    private async Task<CertificationReport> BuildWithoutHistoryAsync(
        PlanRow plan, Assessment assessment, ReportDecision? decision, bool certified, DateTimeOffset generatedAt, CancellationToken cancellationToken)
    {
        var revision = await plans.GetRevisionAsync(plan.Id, plan.CurrentRevision, PlanScope.Everything, cancellationToken)
            ?? throw new InvalidOperationException($"Plan {plan.Id} has no revision {plan.CurrentRevision}.");
        var document = PlanJson.Parse(revision.Body, out _)!;
        Regimes.TryGet(plan.Regime, out var regime);
        return CertificationReports.Create(
            new ReportPlan(plan.Id, plan.CurrentRevision, revision.Digest(), certified ? PlanStatus.Certified : plan.Status, plan.Regime, regime?.Name ?? plan.Regime),
            document,
            assessment,
            await SecurityAsync(plan, cancellationToken),
            decision,
            certified,
            generatedAt);
    }

    /// <summary>JSON, HTML and Markdown always; PDF when Chromium is installed and <paramref name="withPdf"/>.</summary>
    public async Task<RenderedReport> RenderAsync(CertificationReport report, string verifyBaseUrl, bool withPdf, CancellationToken cancellationToken)
    {
        var json = CertificationReports.ToJson(report);
        var digest = Sha256(json);
        var stamp = new ReportStamp($"sha256:{digest}", $"{verifyBaseUrl.TrimEnd('/')}/api/v1/reports/{digest}");
        var html = renderer.RenderHtml(report, stamp);
        var files = new List<ReportFile>
        {
            File(ReportFormats.Json, json),
            File(ReportFormats.Html, html),
            File(ReportFormats.Markdown, renderer.RenderMarkdown(report, stamp)),
        };
        if (withPdf && printer.IsAvailable)
        {
            try
            {
                // A draft beyond the printers' queue is refused (503); a certification waits in its own lane.
                using var turn = await pdfRenders.EnterAsync(report.Certified, cancellationToken);
                files.Add(File(ReportFormats.Pdf, await printer.PrintAsync(html, cancellationToken)));
            }
            catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or PdfUnavailableException)
            {
                // The PDF is a convenience copy of the HTML: its absence must not block a certification.
                logger.LogWarning(ex, "Could not print the report of plan {PlanId} as PDF", report.Plan.Id);
            }
        }

        return new RenderedReport(digest, files);
    }

    /// <summary>
    /// The certified report of <paramref name="decision"/>: built from the stored data, rendered in every format (PDF when
    /// Chromium can print it), and signed by the service, ready to be stored with the decision. It names
    /// <paramref name="logIndex"/> as the index of its certification in the audit log, and its history is the plan's events
    /// before it, then the certification.
    /// </summary>
    public async Task<SignedReport> CertifyAsync(
        PlanRow plan, Assessment assessment, Guid decisionId, ReportDecision decision, string verifyBaseUrl, long logIndex, CancellationToken cancellationToken)
    {
        var report = await BuildWithoutHistoryAsync(plan, assessment, decision, certified: true, decision.DecidedAt, cancellationToken) with
        {
            History = await log.ReportHistoryAsync(plan.Id, (logIndex, plan.CurrentRevision, decision), cancellationToken),
            LogIndex = logIndex,
        };
        var rendered = await RenderAsync(report, verifyBaseUrl, withPdf: true, cancellationToken);
        var envelope = Sign(rendered, report);
        return new SignedReport(
            new CertifiedReport(rendered.Digest, plan.Id, plan.CurrentRevision, decisionId, JsonSerializer.Serialize(envelope, PlanJson.Options),
                signingKey.KeyId, decision.DecidedAt),
            rendered.Files);
    }

    /// <summary>The service's DSSE envelope over an in-toto statement naming every file by its digest.</summary>
    private DsseEnvelope Sign(RenderedReport rendered, CertificationReport report)
    {
        var decision = report.Decision ?? throw new InvalidOperationException("Only a decided report is signed.");
        var statement = ReportStatement.Create(
            rendered.Files.Select(f => (ReportFormats.FileName(report.Plan.Id, report.Plan.Revision, f.Format), f.Sha256)),
            new CertificationPredicate(report.Plan.Id, report.Plan.Revision, report.Plan.Digest, decision.Decision, decision.DecidedAt,
                decision.ReviewerName, $"sha256:{rendered.Digest}"));
        return signingKey.Sign(InTotoStatements.Serialize(statement));
    }

    private async Task<ReportSecurity?> SecurityAsync(PlanRow plan, CancellationToken cancellationToken)
    {
        var signoff = await signoffs.CurrentAsync(plan, cancellationToken);
        var state = signoff is null ? null : await runs.LoadAsync(signoff.RunId, cancellationToken);
        if (signoff is null || state is null)
        {
            return null;
        }

        return new ReportSecurity(
            signoff.Name,
            WireNames<SpecialistKind>.Parse(signoff.Kind),
            signoff.RegistrationNumber,
            signoff.KeyId,
            signoff.SignedAt,
            signoff.Verdict,
            state.Signoff!.StatementSha256,
            SignoffRules.Checks,
            state.Checklist.Id,
            state.Checklist.Version,
            state.Checklist.Title.Ja,
            state.Checklist.Title.En,
            state.Checklist.Items.Join(state.Answers, i => i.Id, a => a.ItemId, (i, a) => new ReportAnswer(
                i.Id, i.Category, i.Question.Ja, i.Question.En, i.Mandatory, WireNames<Answer>.Parse(a.Answer), a.Justification, a.Notes,
                a.EvidenceList().Select(e => new ReportEvidence(e.Name, e.Sha256)).ToList())).ToList());
    }

    private static ReportFile File(string format, byte[] body) => new(format, ReportFormats.ContentTypes[format], Sha256(body), body);

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
