using System.Security.Cryptography;
using System.Text.Json;
using Assessor.Domain.Assessments;
using Assessor.Domain.Attestations;
using Assessor.Domain.Plans;
using Assessor.Domain.Procedure;
using Assessor.Domain.RegimeDefinitions;
using Assessor.Domain.Reports;
using Assessor.Service.Assessments;
using Assessor.Service.Attestations;
using Assessor.Service.Log;
using Assessor.Service.Oscal;
using Assessor.Service.Plans;

namespace Assessor.Service.Reports;

/// <summary>A report rendered in every format it could be: the JSON report's digest identifies them all.</summary>
public sealed record RenderedReport(string Digest, IReadOnlyList<ReportFile> Files);

/// <summary>Builds reports from stored data, renders them, and signs certified ones.</summary>
public sealed class Reporting(
    PlanStore plans, AttestationSources attestations, ReportRenderer renderer, PdfPrinter printer, ServiceSigningKey signingKey,
    PdfRenderLimiter pdfRenders, LogStore log, CertificateCatalog certificates, OscalSources oscal, ILogger<Reporting> logger)
{
    /// <summary>A draft: the plan's current revision, as its regime builds it, with its history so far and a certificate without a number.</summary>
    public async Task<IRegimeReport> BuildAsync(
        PlanRow plan, IRegimeAssessment assessment, ReportDecision? decision, bool certified, DateTimeOffset generatedAt, CancellationToken cancellationToken) =>
        await BuildAsync(plan, assessment, decision, certified, generatedAt,
            await log.ReportHistoryAsync(plan.Id, certification: null, cancellationToken), logIndex: null, certificateNumber: null, cancellationToken);

    /// <summary>The report of the plan's current revision, as its regime builds it, with the attestation its regime needs.</summary>
    private async Task<IRegimeReport> BuildAsync(
        PlanRow plan, IRegimeAssessment assessment, ReportDecision? decision, bool certified, DateTimeOffset generatedAt,
        IReadOnlyList<ReportHistoryEntry> history, long? logIndex, string? certificateNumber, CancellationToken cancellationToken)
    {
        var revision = await plans.GetRevisionAsync(plan.Id, plan.CurrentRevision, PlanScope.Everything, cancellationToken)
            ?? throw new InvalidOperationException($"Plan {plan.Id} has no revision {plan.CurrentRevision}.");
        var regime = RegimeRegistry.Get(plan.Regime);
        var document = regime.Load(revision.Body);
        return regime.CreateReport(new RegimeReportInput(
            new ReportPlan(plan.Id, plan.CurrentRevision, revision.Digest(), certified ? PlanStatus.Certified : plan.Status, plan.Regime, regime.Name),
            document,
            assessment,
            await attestations.ReportAsync(plan, regime, cancellationToken),
            decision,
            certified,
            generatedAt,
            history,
            logIndex)
        {
            Certificate = certificates.For(plan.Regime, document.Summary.Industry, certificateNumber, certified ? signingKey.KeyId : null),
        });
    }

    /// <summary>
    /// JSON, HTML and Markdown always (from the regime's templates); when Chromium is installed, the report's PDF when
    /// <paramref name="withPdf"/> and the certificate page's PDF when <paramref name="withCertificate"/>.
    /// </summary>
    public async Task<RenderedReport> RenderAsync(
        IRegimeReport report, string verifyBaseUrl, bool withPdf, CancellationToken cancellationToken, bool withCertificate = false)
    {
        var json = RegimeReports.ToJson(report);
        var digest = Sha256(json);
        var stamp = new ReportStamp($"sha256:{digest}", $"{verifyBaseUrl.TrimEnd('/')}/api/v1/reports/{digest}");
        var templates = RegimeRegistry.Get(report.Plan.RegimeId).ReportTemplates;
        var html = renderer.Render(templates, ReportFormats.Html, report, stamp);
        var files = new List<ReportFile>
        {
            File(ReportFormats.Json, json),
            File(ReportFormats.Html, html),
            File(ReportFormats.Markdown, renderer.Render(templates, ReportFormats.Markdown, report, stamp)),
        };
        var prints = new List<(string Format, Func<byte[]> Html, Func<PdfPageOptions> Page)>();
        if (withPdf)
        {
            prints.Add((ReportFormats.Pdf, () => html, () => renderer.PageFurniture(report, stamp)));
        }

        if (withCertificate)
        {
            prints.Add((ReportFormats.Certificate, () => renderer.Render(templates, ReportFormats.Certificate, report, stamp), () => PdfPageOptions.Plain));
        }

        if (prints.Count > 0 && printer.IsAvailable)
        {
            try
            {
                // A draft beyond the printers' queue is refused (503); a certification waits in its own lane.
                using var turn = await pdfRenders.EnterAsync(report.Certified, cancellationToken);
                // A certification's two documents print side by side, each in a page of its own (issue 11: one after the
                // other they were most of the decision's time). Files keep their order; a failure keeps those before it.
                var printing = prints.Select(print => (print.Format, Pdf: printer.PrintAsync(print.Html(), print.Page(), cancellationToken))).ToList();
                await Task.WhenAll(printing.Select(p => (Task)p.Pdf)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                foreach (var (format, pdf) in printing)
                {
                    files.Add(File(format, await pdf));
                }
            }
            catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or PdfUnavailableException)
            {
                // The PDFs are convenience copies of the HTML: their absence must not block a certification.
                logger.LogWarning(ex, "Could not print the report of plan {PlanId} as PDF", report.Plan.Id);
            }
        }

        return new RenderedReport(digest, files);
    }

    /// <summary>
    /// The certified report of <paramref name="decision"/>: built from the stored data, rendered in every format (the
    /// report's and the certificate's PDF when Chromium can print them) with the plan's OSCAL assessment results, and signed
    /// by the service, ready to be stored with the decision. It names <paramref name="logIndex"/> as the index of its
    /// certification in the audit log and <paramref name="certificateNumber"/> as its certificate's number, and its history
    /// is the plan's events before it, then the certification.
    /// </summary>
    public async Task<SignedReport> CertifyAsync(
        PlanRow plan, IRegimeAssessment assessment, Guid decisionId, ReportDecision decision, string verifyBaseUrl, long logIndex,
        string certificateNumber, CancellationToken cancellationToken)
    {
        var history = await log.ReportHistoryAsync(plan.Id, (logIndex, plan.CurrentRevision, decision), cancellationToken);
        var report = await BuildAsync(plan, assessment, decision, certified: true, decision.DecidedAt, history, logIndex, certificateNumber,
            cancellationToken);
        var rendered = await RenderAsync(report, verifyBaseUrl, withPdf: true, cancellationToken, withCertificate: true);
        // The plan as the decision's transaction leaves it (DecisionStore), so the stored document is the live export of that state.
        var certifiedPlan = plan with { Status = PlanStatus.Certified, Version = plan.Version + 1, UpdatedAt = decision.DecidedAt };
        var oscalInput = await oscal.ForAsync(certifiedPlan, RegimeRegistry.Get(plan.Regime), assessment, decision, history, cancellationToken);
        rendered = rendered with { Files = [.. rendered.Files, File(ReportFormats.Oscal, OscalExport.ToJson(oscalInput))] };
        var envelope = Sign(rendered, report);
        return new SignedReport(
            new CertifiedReport(rendered.Digest, plan.Id, plan.CurrentRevision, decisionId, JsonSerializer.Serialize(envelope, PlanJson.Options),
                signingKey.KeyId, decision.DecidedAt),
            rendered.Files);
    }

    /// <summary>The service's DSSE envelope over an in-toto statement naming every file by its digest.</summary>
    private DsseEnvelope Sign(RenderedReport rendered, IRegimeReport report)
    {
        var decision = report.Decision ?? throw new InvalidOperationException("Only a decided report is signed.");
        var statement = ReportStatement.Create(
            rendered.Files.Select(f => (ReportFormats.FileName(report.Plan.Id, report.Plan.Revision, f.Format), f.Sha256)),
            new CertificationPredicate(report.Plan.Id, report.Plan.Revision, report.Plan.Digest, decision.Decision, decision.DecidedAt,
                decision.ReviewerName, $"sha256:{rendered.Digest}"));
        return signingKey.Sign(InTotoStatements.Serialize(statement));
    }

    private static ReportFile File(string format, byte[] body) => new(format, ReportFormats.ContentTypes[format], Sha256(body), body);

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
