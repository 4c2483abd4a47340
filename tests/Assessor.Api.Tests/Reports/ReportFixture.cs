using System.Security.Cryptography;
using Assessor.Domain.Assessments;
using Assessor.Domain.Attestations;
using Assessor.Domain.Log;
using Assessor.Domain.Plans;
using Assessor.Domain.Procedure;
using Assessor.Domain.Reports;
using Assessor.Service.Checklists;
using Assessor.Service.Reports;

namespace Assessor.Api.Tests.Reports;

/// <summary>The example plan's report with fixed ids and times, so its rendering can be compared byte for byte.</summary>
public static class ReportFixture
{
    public static readonly DateTimeOffset FixedTime = new(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);

    public static readonly ReportStamp Stamp = new(
        "sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0",
        "https://assessor.example/api/v1/reports/0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0");

    private static readonly Lazy<ReportRenderer> SharedRenderer = new(() => new ReportRenderer(TemplatesFolder));

    public static string TemplatesFolder => Path.Combine(AppContext.BaseDirectory, "reports");

    public static ReportRenderer Renderer => SharedRenderer.Value;

    /// <param name="edit">Changes the plan before it is assessed (e.g. a hostile company name).</param>
    /// <param name="specialistNote">The notes on the first checklist answer.</param>
    public static CertificationReport Example(bool certified = true, Func<PlanDocument, PlanDocument>? edit = null,
        string specialistNote = "VPN の設定と鍵管理を現地で確認した。")
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "examples", "plan.json"));
        var plan = PlanJson.Parse(bytes, out var error) ?? throw new InvalidOperationException(string.Join("; ", error));
        plan = edit?.Invoke(plan) ?? plan;
        var security = new SecurityStatus(RequirementStatus.Pass, [Reasons.SecuritySignedOff("情報 安全子", "011172")]);
        var assessment = PlanAssessor.Assess(plan, Regimes.ConnectedIndustries2018, security);
        var regime = Regimes.ConnectedIndustries2018;
        var reportPlan = new ReportPlan(Guid.Parse("11111111-2222-3333-4444-555555555555"), 2,
            "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)), certified ? PlanStatus.Certified : PlanStatus.Submitted, regime.Id, regime.Name);
        return CertificationReports.Create(reportPlan, plan, assessment with { PlanId = reportPlan.Id, Revision = 2, Digest = reportPlan.Digest },
            Security(specialistNote), certified ? Decision : null, certified, FixedTime) with
        {
            History = History(reportPlan, certified),
            LogIndex = certified ? CertifiedAt : null,
            Certificate = Certificates.For(regime.Id, plan.Applicant.Industry, certified ? CertificateNumber : null, certified ? SigningKeyId : null),
        };
    }

    /// <summary>The certificate data shipped beside the templates.</summary>
    public static CertificateCatalog Certificates => SharedCertificates.Value;

    private static readonly Lazy<CertificateCatalog> SharedCertificates =
        new(() => CertificateCatalog.Load(TemplatesFolder, Domain.RegimeDefinitions.RegimeRegistry.All.Select(r => r.Id)));

    /// <summary>The example's certificate number.</summary>
    public const string CertificateNumber = "CI-2026-000042";

    /// <summary>The example's signing key id.</summary>
    public const string SigningKeyId = "b4c1e2a3d5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";

    /// <summary>The log index of the example's certification.</summary>
    public const long CertifiedAt = 57;

    /// <summary>The example plan's audit-log history: uploaded, revised, submitted, checked and signed off, then (when certified) certified.</summary>
    private static IReadOnlyList<ReportHistoryEntry> History(ReportPlan plan, bool certified)
    {
        var applicant = new LogActor(Guid.Parse("0b7c1a52-2f4e-4a53-9d3e-6a1f4c2b9e10"), "applicant");
        var specialist = new LogActor(Guid.Parse("5e1f0c3a-7d2b-4c6e-9a8f-1b2c3d4e5f60"), "specialist");
        var run = new LogSubject("checklist-run", "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");
        var events = new List<(LogEvent, string)>();
        void Add(long index, int minutes, string action, LogActor actor, string name, long revision, LogSubject? subject = null) =>
            events.Add((new LogEvent(index, FixedTime.AddDays(-5).AddMinutes(minutes), action, actor, subject ?? LogSubject.Plan(plan.Id),
                new LogPlanRef(plan.Id, revision, plan.Digest), new Dictionary<string, string>(), new Dictionary<string, string>()), name));
        Add(12, 0, LogActions.PlanCreated, applicant, "申請 花子", 1);
        Add(15, 30, LogActions.PlanRevised, applicant, "申請 花子", 2);
        Add(16, 35, LogActions.PlanSubmitted, applicant, "申請 花子", 2);
        Add(20, 1440, LogActions.RunCreated, specialist, "情報 安全子", 2, run);
        for (var i = 0; i < 12; i++)
        {
            Add(21 + i, 1450 + i, LogActions.AnswerChanged, specialist, "情報 安全子", 2, run);
        }

        Add(40, 2880, LogActions.SignoffAccepted, specialist, "情報 安全子", 2, new LogSubject("signoff", "4d3c2b1a-0f9e-4d8c-b7a6-5f4e3d2c1b0a"));
        if (certified)
        {
            Add(CertifiedAt, 7140, LogActions.PlanCertified, new LogActor(Guid.Parse("6f5e4d3c-2b1a-4f0e-8d9c-7b6a5f4e3d2c"), "reviewer"), "審査 一郎", 2);
        }

        return ReportHistory.Compact(events);
    }

    private static readonly ReportDecision Decision = new(Domain.Procedure.Decision.Certify, "全要件を満たすため認定する。", "審査 一郎", FixedTime.AddHours(-1));

    private static ReportSecurity Security(string note) =>
        Signoff("ci-tax-security", SpecialistKind.Riss, "011172", "情報 安全子", SignoffRules.Checks, note);

    /// <summary>
    /// A sign-off as production records it: a shipped checklist, every mandatory item answered, one optional item not
    /// applicable, the verdict computed by the domain and the checks the domain rules make.
    /// </summary>
    internal static ReportSecurity Signoff(string checklistId, SpecialistKind kind, string number, string name, IReadOnlyList<string> verified, string note)
    {
        var catalog = ChecklistsApi.Load(Path.Combine(AppContext.BaseDirectory, "checklists"));
        var checklist = catalog.TryGet(checklistId, 1, out var found) ? found : throw new InvalidOperationException($"{checklistId} v1 is not shipped.");
        var firstMandatory = checklist.Items.First(i => i.Mandatory);
        var optional = checklist.Items.First(i => !i.Mandatory);
        var answers = checklist.Items.Where(i => i.Mandatory || i == optional).Select(i => new ReportAnswer(
            i.Id, i.Category, i.Question.Ja, i.Question.En, i.Mandatory,
            i == optional ? Answer.NotApplicable : Answer.Satisfied,
            i == optional ? "無線機器は使用しない。" : null,
            i == firstMandatory ? note : null,
            i == firstMandatory ? [new("vpn-config.pdf", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")] : [])).ToList();
        var verdict = SecurityStatement.VerdictOf(checklist.Items.Select(i => (i.Id, i.Mandatory)), answers.ToDictionary(a => a.ItemId, a => a.Answer));
        return new ReportSecurity(
            SpecialistName: name,
            SpecialistKind: kind,
            RegistrationNumber: number,
            KeyId: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            SignedAt: FixedTime.AddDays(-3),
            Verdict: verdict,
            StatementSha256: "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae",
            Verified: verified,
            ChecklistId: checklist.Id,
            ChecklistVersion: checklist.Version,
            ChecklistTitleJa: checklist.Title.Ja,
            ChecklistTitleEn: checklist.Title.En,
            Answers: answers);
    }

    /// <summary>
    /// Asserts that <paramref name="rendered"/> is exactly the golden file at <paramref name="goldenPath"/>; with
    /// <c>ASSESSOR_UPDATE_GOLDEN=1</c> it rewrites the file instead, for review of the diff.
    /// </summary>
    public static void MatchesGolden(string goldenPath, byte[] rendered)
    {
        if (Environment.GetEnvironmentVariable("ASSESSOR_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(goldenPath)!);
            File.WriteAllBytes(goldenPath, rendered);
            return;
        }

        Assert.True(File.Exists(goldenPath), $"{goldenPath} is missing; run with ASSESSOR_UPDATE_GOLDEN=1 to create it.");
        Assert.Equal(System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(goldenPath)), System.Text.Encoding.UTF8.GetString(rendered));
    }
}
