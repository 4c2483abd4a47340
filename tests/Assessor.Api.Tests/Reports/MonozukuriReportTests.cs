using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Assessor.Domain.Attestations;
using Assessor.Domain.Log;
using Assessor.Domain.Procedure;
using Assessor.Domain.RegimeDefinitions;
using Assessor.Domain.RegimeDefinitions.Monozukuri2018;
using Assessor.Domain.Reports;

namespace Assessor.Api.Tests.Reports;

/// <summary>The Monozukuri subsidy's example report (examples/monozukuri-2018.json) with fixed ids and times, rendered from reports/monozukuri-2018/.</summary>
public static class MonozukuriReportFixture
{
    public const string Templates = "monozukuri-2018";

    /// <param name="edit">Changes the plan before it is assessed.</param>
    public static MonozukuriReport Example(bool certified = true, Func<MonozukuriPlan, MonozukuriPlan>? edit = null)
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "examples", "monozukuri-2018.json"));
        var regime = Monozukuri2018Definition.Instance;
        var read = regime.Read(bytes, out _)!;
        var plan = edit?.Invoke((MonozukuriPlan)read.Document) ?? (MonozukuriPlan)read.Document;
        // Certified: the named support organisation (not a participant) signed a passing confirmation.
        var assessment = regime.Assess(plan, certified
            ? ConsortiumEvidence.Nothing with { Confirmation = new("106213000812", "4010401011863", Passed: true) }
            : AttestationEvidence.None);
        var reportPlan = new ReportPlan(Guid.Parse("44444444-5555-6666-7777-888888888888"), 1,
            "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)), certified ? PlanStatus.Certified : PlanStatus.Submitted, regime.Id, regime.Name);
        var lead = new LogActor(Guid.Parse("0b7c1a52-2f4e-4a53-9d3e-6a1f4c2b9e10"), "applicant");
        var events = new List<(LogEvent, string)>();
        void Add(long index, int minutes, string action, LogActor actor, string name) =>
            events.Add((new LogEvent(index, ReportFixture.FixedTime.AddDays(-6).AddMinutes(minutes), action, actor, LogSubject.Plan(reportPlan.Id),
                new LogPlanRef(reportPlan.Id, 1, reportPlan.Digest), new Dictionary<string, string>(), new Dictionary<string, string>()), name));
        Add(3, 0, LogActions.PlanCreated, lead, "幹事 一郎");
        Add(4, 60, LogActions.PlanSubmitted, lead, "幹事 一郎");
        if (certified)
        {
            Add(5, 1440, LogActions.PlanCertified, new LogActor(Guid.Parse("6f5e4d3c-2b1a-4f0e-8d9c-7b6a5f4e3d2c"), "reviewer"), "審査 花子");
        }

        return (MonozukuriReport)regime.CreateReport(new RegimeReportInput(
            reportPlan, read with { Document = plan }, ((IRegimeAssessment)assessment).ForRevision(reportPlan.Id, 1, reportPlan.Digest),
            certified ? new SignoffReportAttestation(ReportFixture.Signoff("monozukuri-confirmation", SpecialistKind.SupportOrganisation, "106213000812",
                "サンプル経営支援株式会社", SignoffRules.ConfirmationChecks, "<b>面談</b>で工程表を確認")) : null,
            certified ? new ReportDecision(Decision.Certify, "確認を経て交付を認める。", "審査 花子", ReportFixture.FixedTime.AddHours(-1)) : null,
            certified, ReportFixture.FixedTime, ReportHistory.Compact(events), certified ? 5 : null)
        {
            Certificate = ReportFixture.Certificates.For(regime.Id, read.Summary.Industry, certified ? CertificateNumber : null,
                certified ? ReportFixture.SigningKeyId : null),
        });
    }

    /// <summary>The example's certificate number.</summary>
    public const string CertificateNumber = "MZ-2026-000003";

    public static byte[] Render(string format, IRegimeReport report) => ReportFixture.Renderer.Render(Templates, format, report, ReportFixture.Stamp);
}

public class MonozukuriReportTests
{
    /// <summary>
    /// The example renders exactly as the checked-in golden files. After an intended template change, rewrite them and review
    /// the diff: <c>ASSESSOR_UPDATE_GOLDEN=1 dotnet test tests/Assessor.Api.Tests --filter Golden</c>.
    /// </summary>
    [Theory]
    [InlineData("html")]
    [InlineData("md")]
    public void Golden_monozukuri_report_matches_its_file(string format)
    {
        ReportFixture.MatchesGolden(Path.Combine(SourceFolder(), "golden", "monozukuri-2018", $"certification.{format}"), MonozukuriReportFixture.Render(format, MonozukuriReportFixture.Example()));
    }

    [Theory]
    [InlineData("html")]
    [InlineData("md")]
    public void The_report_shows_participants_data_grant_per_participant_confirmations_and_bonus(string format)
    {
        var text = Encoding.UTF8.GetString(MonozukuriReportFixture.Render(format, MonozukuriReportFixture.Example()));

        foreach (var expected in new[]
        {
            "交付審査報告書", "株式会社サンプル製作所", "株式会社サンプル精機", "有限会社サンプル物流", "受注・生産計画データ", "社内在庫データ",
            "¥10,000,000 + ¥2,000,000 + ¥0 = ¥12,000,000", "¥10,000,000 + ¥3,000,000 + ¥300,000 = ¥13,300,000", "¥20,200,000",
            "C3 (補助対象外の経費区分 / category not eligible)", "106213000812", "5010001008813, 1011101012345",
            "先端設備等導入計画", "Participants' confirmations", "審査 花子",
            "サンプル経営支援株式会社", "monozukuri-confirmation v1", "FEA-01", "not one of the participants",
        })
        {
            Assert.Contains(expected, text);
        }

        Assert.DoesNotContain("DRAFT", text);
    }

    [Theory]
    [InlineData("html")]
    [InlineData("md")]
    public void What_the_participants_write_is_escaped(string format)
    {
        var report = MonozukuriReportFixture.Example(edit: p => p with
        {
            Title = "<script>x</script> & 共同",
            Linkages = [p.SharedData[0] with { Data = "<b>受注</b>", Purpose = "a | b" }],
        });

        var text = Encoding.UTF8.GetString(MonozukuriReportFixture.Render(format, report));

        Assert.Contains("&lt;b&gt;受注&lt;/b&gt;", text);
        Assert.DoesNotContain("<b>受注", text);
        Assert.DoesNotContain("<b>面談", text);
        Assert.DoesNotContain("<script>", text);
    }

    [Fact]
    public void A_draft_says_so()
    {
        var text = Encoding.UTF8.GetString(MonozukuriReportFixture.Render("md", MonozukuriReportFixture.Example(certified: false)));

        Assert.Contains("下書き — 未認定", text);
        Assert.Contains("No decision has been made yet.", text);
    }

    [Fact]
    public void The_json_report_names_its_schema_and_holds_the_grant_per_participant()
    {
        var json = System.Text.Json.JsonDocument.Parse(RegimeReports.ToJson(MonozukuriReportFixture.Example())).RootElement;

        Assert.Equal(MonozukuriReport.SchemaId, json.GetProperty("schema").GetString());
        var grant = json.GetProperty("assessment").GetProperty("grant");
        Assert.Equal(20_200_000, grant.GetProperty("total").GetInt64());
        Assert.Equal(3, grant.GetProperty("participants").GetArrayLength());
        Assert.Equal("5010001008813", json.GetProperty("assessment").GetProperty("requirements")[10].GetProperty("participant").GetString());
        Assert.Equal(3, json.GetProperty("participants").GetArrayLength());
        Assert.True(json.GetProperty("confirmation").GetProperty("signed").GetBoolean());
        Assert.Equal("106213000812", json.GetProperty("signoff").GetProperty("registrationNumber").GetString());
        Assert.Equal("support-organisation", json.GetProperty("signoff").GetProperty("specialistKind").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, System.Text.Json.JsonDocument.Parse(RegimeReports.ToJson(MonozukuriReportFixture.Example(certified: false)))
            .RootElement.GetProperty("signoff").ValueKind);
    }

    private static string SourceFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
