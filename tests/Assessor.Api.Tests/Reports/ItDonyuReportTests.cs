using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Assessor.Domain.Checklists;
using Assessor.Domain.Log;
using Assessor.Domain.Plans;
using Assessor.Domain.Procedure;
using Assessor.Domain.RegimeDefinitions;
using Assessor.Domain.RegimeDefinitions.ItDonyu2018;
using Assessor.Domain.Reports;
using Assessor.Service.Checklists;
using Assessor.Service.Reports;

namespace Assessor.Api.Tests.Reports;

/// <summary>The IT subsidy's example report (examples/it-donyu-2018.json) with fixed ids and times, rendered from reports/it-donyu-2018/.</summary>
public static class ItDonyuReportFixture
{
    public const string Templates = "it-donyu-2018";

    /// <param name="edit">Changes the plan before it is assessed.</param>
    /// <param name="answered">How many self-check items are answered; null for no self-check at all.</param>
    public static ItDonyuReport Example(bool certified = true, Func<ItDonyuPlan, ItDonyuPlan>? edit = null, int? answered = 25)
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "examples", "it-donyu-2018.json"));
        var regime = ItDonyu2018Definition.Instance;
        var read = regime.Read(bytes, out _)!;
        var plan = edit?.Invoke((ItDonyuPlan)read.Document) ?? (ItDonyuPlan)read.Document;
        var document = read with { Document = plan };
        var (result, selfCheck) = answered is { } count ? SelfCheck(count) : (null, null);
        var assessment = regime.Assess(plan, result is null ? AttestationEvidence.None : new SelfCheckEvidence(result));
        var reportPlan = new ReportPlan(Guid.Parse("22222222-3333-4444-5555-666666666666"), 1,
            "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)), certified ? PlanStatus.Certified : PlanStatus.Submitted, regime.Id, regime.Name);
        return (ItDonyuReport)regime.CreateReport(new RegimeReportInput(
            reportPlan, document, ((IRegimeAssessment)assessment).ForRevision(reportPlan.Id, 1, reportPlan.Digest),
            selfCheck is null ? null : new SelfCheckReportAttestation(selfCheck),
            certified ? new ReportDecision(Decision.Certify, "全要件を満たすため交付を認める。", "審査 花子", ReportFixture.FixedTime.AddHours(-1)) : null,
            certified, ReportFixture.FixedTime, History(reportPlan, certified), certified ? CertifiedAt : null)
        {
            Certificate = ReportFixture.Certificates.For(regime.Id, document.Summary.Industry, certified ? CertificateNumber : null,
                certified ? ReportFixture.SigningKeyId : null),
        });
    }

    /// <summary>The example's certificate number.</summary>
    public const string CertificateNumber = "IT-2026-000007";

    /// <summary>The log index of the example's certification.</summary>
    public const long CertifiedAt = 31;

    /// <summary>The example's audit-log history: uploaded, self-checked item by item, submitted, then (when certified) certified.</summary>
    private static IReadOnlyList<ReportHistoryEntry> History(ReportPlan plan, bool certified)
    {
        var applicant = new LogActor(Guid.Parse("0b7c1a52-2f4e-4a53-9d3e-6a1f4c2b9e10"), "applicant");
        var run = new LogSubject("self-check-run", "33333333-4444-5555-6666-777777777777");
        var events = new List<(LogEvent, string)>();
        void Add(long index, int minutes, string action, LogActor actor, string name, LogSubject? subject = null) =>
            events.Add((new LogEvent(index, ReportFixture.FixedTime.AddDays(-6).AddMinutes(minutes), action, actor, subject ?? LogSubject.Plan(plan.Id),
                new LogPlanRef(plan.Id, 1, plan.Digest), new Dictionary<string, string>(), new Dictionary<string, string>()), name));
        Add(3, 0, LogActions.PlanCreated, applicant, "申請 太郎");
        Add(4, 10, LogActions.SelfCheckCreated, applicant, "申請 太郎", run);
        for (var i = 0; i < 25; i++)
        {
            Add(5 + i, 11 + i, LogActions.SelfCheckAnswerChanged, applicant, "申請 太郎", run);
        }

        Add(30, 60, LogActions.PlanSubmitted, applicant, "申請 太郎");
        if (certified)
        {
            Add(CertifiedAt, 1440, LogActions.PlanCertified, new LogActor(Guid.Parse("6f5e4d3c-2b1a-4f0e-8d9c-7b6a5f4e3d2c"), "reviewer"), "審査 花子");
        }

        return ReportHistory.Compact(events);
    }

    /// <summary>The shipped self-check answered in a realistic mix: the five basic items done, then partly, not done, unknown and not applicable.</summary>
    private static (SelfCheckResult, ReportSelfCheck) SelfCheck(int answered)
    {
        var catalog = ChecklistsApi.Load(Path.Combine(AppContext.BaseDirectory, "checklists"));
        var checklist = catalog.TryGet("ipa-self-check", 1, out var found) ? found : throw new InvalidOperationException("ipa-self-check v1 is not shipped.");
        SelfCheckAnswer[] cycle = [SelfCheckAnswer.Done, SelfCheckAnswer.Done, SelfCheckAnswer.Partly, SelfCheckAnswer.NotDone, SelfCheckAnswer.Unknown, SelfCheckAnswer.NotApplicable];
        var answers = checklist.Items.Take(answered).Select((item, i) => (item, answer: item.Mandatory ? SelfCheckAnswer.Done : cycle[i % cycle.Length]))
            .ToDictionary(p => p.item.Id, p => (p.answer, p.item.Id == "IPA-06" ? "<b>朝礼で周知</b> & 掲示" : (string?)null));
        var updatedAt = ReportFixture.FixedTime.AddDays(-5);
        var result = SelfCheckResult.Of(Guid.Parse("33333333-4444-5555-6666-777777777777"), checklist, answers.ToDictionary(a => a.Key, a => a.Value.answer), updatedAt);
        return (result, ReportSelfCheck.Create(checklist, answers, result.Score, result.Band, updatedAt));
    }

    public static byte[] Render(string format, IRegimeReport report) => ReportFixture.Renderer.Render(Templates, format, report, ReportFixture.Stamp);
}

public class ItDonyuReportTests
{
    /// <summary>
    /// The example renders exactly as the checked-in golden files. After an intended template change, rewrite them and review
    /// the diff: <c>ASSESSOR_UPDATE_GOLDEN=1 dotnet test tests/Assessor.Api.Tests --filter Golden</c>.
    /// </summary>
    [Theory]
    [InlineData("html")]
    [InlineData("md")]
    public void Golden_it_donyu_report_matches_its_file(string format)
    {
        ReportFixture.MatchesGolden(Path.Combine(SourceFolder(), "golden", "it-donyu-2018", $"certification.{format}"), ItDonyuReportFixture.Render(format, ItDonyuReportFixture.Example()));
    }

    [Theory]
    [InlineData("html")]
    [InlineData("md")]
    public void The_report_shows_requirements_grant_bonus_and_self_check_in_both_languages(string format)
    {
        var text = Encoding.UTF8.GetString(ItDonyuReportFixture.Render(format, ItDonyuReportFixture.Example()));

        foreach (var expected in new[]
        {
            "交付審査報告書", "Grant certification report", "有限会社サンプル商店",
            "中小企業者", "SME", "SECURITY ACTION", "生産性向上目標", "Productivity targets",
            "¥820,000", "¥410,000", "1/2", "ハードウェアは対象外", "hardware not eligible", "¥240,000 × 12 ÷ 24 = ¥120,000",
            "おもてなし規格認証", "Omotenashi", "情報セキュリティ自己診断", "Security self-check", "25 / 25", "審査 花子",
        })
        {
            Assert.Contains(expected, text);
        }

        Assert.DoesNotContain("DRAFT", text);
    }

    [Theory]
    [InlineData("html")]
    [InlineData("md")]
    public void A_draft_says_so_and_a_missing_self_check_is_stated(string format)
    {
        var text = Encoding.UTF8.GetString(ItDonyuReportFixture.Render(format, ItDonyuReportFixture.Example(certified: false, answered: null)));

        Assert.Contains("下書き — 未認定", text);
        Assert.Contains("No self-check on this revision yet.", text);
        Assert.Contains("No decision has been made yet.", text);
    }

    [Theory]
    [InlineData("html", "&lt;b&gt;朝礼で周知&lt;/b&gt; &amp; 掲示")]
    [InlineData("md", "&lt;b&gt;朝礼で周知&lt;/b&gt; &amp; 掲示")]
    public void The_applicants_own_notes_are_escaped(string format, string escaped)
    {
        var text = Encoding.UTF8.GetString(ItDonyuReportFixture.Render(format, ItDonyuReportFixture.Example()));

        Assert.Contains(escaped, text);
        Assert.DoesNotContain("<b>朝礼", text);
    }

    [Fact]
    public void A_grant_below_the_floor_shows_why_it_is_zero()
    {
        var report = ItDonyuReportFixture.Example(edit: plan => plan with { Tools = [plan.Tools[0] with { Cost = 299_999 }] });

        var text = Encoding.UTF8.GetString(ItDonyuReportFixture.Render("md", report));

        Assert.Equal(0, report.Assessment.Grant.Amount);
        Assert.Contains("¥299,999 × 1/2 = ¥149,999", text);
        Assert.Contains("below the floor: ¥0", text);
    }

    [Fact]
    public void Rendering_twice_gives_identical_bytes_and_the_json_is_the_record() =>
        Assert.Equal(ItDonyuReportFixture.Render("html", ItDonyuReportFixture.Example()), ItDonyuReportFixture.Render("html", ItDonyuReportFixture.Example()));

    [Fact]
    public void The_json_report_names_its_own_schema_and_holds_the_grant_computation()
    {
        var json = System.Text.Json.JsonDocument.Parse(RegimeReports.ToJson(ItDonyuReportFixture.Example())).RootElement;

        Assert.Equal(ItDonyuReport.SchemaId, json.GetProperty("schema").GetString());
        Assert.Equal(410_000, json.GetProperty("grantComputation").GetProperty("amount").GetInt64());
        Assert.Equal(820_000, json.GetProperty("assessment").GetProperty("grant").GetProperty("eligibleCost").GetInt64());
        Assert.Equal(25, json.GetProperty("selfCheck").GetProperty("answers").GetArrayLength());
        Assert.Equal("it-donyu-2018", json.GetProperty("plan").GetProperty("regimeId").GetString());
    }

    [Fact]
    public void A_regime_without_its_templates_is_named_when_rendered()
    {
        var folder = Directory.CreateTempSubdirectory("assessor-templates-");
        try
        {
            foreach (var file in Directory.EnumerateFiles(ReportFixture.TemplatesFolder))
            {
                File.Copy(file, Path.Combine(folder.FullName, Path.GetFileName(file)));
            }

            var renderer = new ReportRenderer(folder.FullName);

            Assert.False(renderer.Has("it-donyu-2018/certification.html.sbn"));
            var error = Assert.Throws<ReportTemplateException>(() => renderer.Render("it-donyu-2018", "html", ItDonyuReportFixture.Example(), ReportFixture.Stamp));
            Assert.Equal("it-donyu-2018/certification.html.sbn", error.File);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [SkippableFact]
    public async Task The_pdf_carries_the_japanese_and_english_report()
    {
        var chromium = Environment.GetEnvironmentVariable("ASSESSOR_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        TestDependencies.RequireFile(chromium, "chromium");
        TestDependencies.RequireFile("/usr/bin/pdftotext", "pdftotext (poppler-utils)");

        var pdf = await new PdfPrinter(chromium).PrintAsync(ItDonyuReportFixture.Render("html", ItDonyuReportFixture.Example()), CancellationToken.None);
        var text = await ChromiumReportTests.PdfTextAsync(pdf);

        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
        foreach (var expected in new[] { "交付審査報告書", "有限会社サンプル商店", "¥410,000", "Security self-check" })
        {
            Assert.Contains(expected, text);
        }
    }

    private static string SourceFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
