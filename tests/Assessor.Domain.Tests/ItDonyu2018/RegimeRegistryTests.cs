using System.Text;
using Assessor.Domain.Assessments;
using Assessor.Domain.Procedure;
using Assessor.Domain.RegimeDefinitions;
using Assessor.Domain.RegimeDefinitions.ConnectedIndustries2018;
using Assessor.Domain.RegimeDefinitions.ItDonyu2018;

namespace Assessor.Domain.Tests.ItDonyu2018;

/// <summary>The registry: one line per regime, and the document's <c>regime</c> choosing how it is read.</summary>
public class RegimeRegistryTests
{
    [Fact]
    public void Every_regime_is_registered_in_order_with_distinct_ids()
    {
        Assert.Equal(["connected-industries-2018", "it-donyu-2018", "monozukuri-2018"], RegimeRegistry.All.Select(r => r.Id));
        Assert.Same(ConnectedIndustries2018Definition.Instance, RegimeRegistry.Fallback);
        Assert.True(RegimeRegistry.TryGet("it-donyu-2018", out var regime));
        Assert.Same(ItDonyu2018Definition.Instance, regime);
        Assert.False(RegimeRegistry.TryGet("monozukuri-2019", out _));
    }

    [Theory]
    [InlineData("""{"regime":"it-donyu-2018"}""", "it-donyu-2018")]
    [InlineData("""{"title":"x","applicant":{"regime":"nested"},"regime":"it-donyu-2018","tools":[]}""", "it-donyu-2018")]
    [InlineData("""{"regime":7}""", null)]
    [InlineData("""{"title":"x"}""", null)]
    [InlineData("""[{"regime":"it-donyu-2018"}]""", null)]
    [InlineData("""{"title":"x",""", null)]
    [InlineData("", null)]
    public void The_top_level_regime_member_is_peeked_without_reading_the_rest(string json, string? regime) =>
        Assert.Equal(regime, RegimeRegistry.RegimeOf(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("""{"regime":"it-donyu-2018"}""", "it-donyu-2018")]
    [InlineData("""{"regime":"connected-industries-2018"}""", "connected-industries-2018")]
    [InlineData("""{"regime":"dx-2021"}""", "connected-industries-2018")]
    [InlineData("not json", "connected-industries-2018")]
    public void A_document_naming_no_known_regime_is_read_as_the_first_registered(string json, string reader) =>
        Assert.Equal(reader, RegimeRegistry.For(Encoding.UTF8.GetBytes(json)).Id);

    [Fact]
    public void The_tax_regime_keeps_its_name_figures_and_attestation()
    {
        var tax = ConnectedIndustries2018Definition.Instance;

        Assert.Equal(Regimes.ConnectedIndustries2018.Name, tax.Name);
        Assert.Equal(Regimes.ConnectedIndustries2018.Rules.Select(r => r.Id), tax.Requirements);
        Assert.Equal(OutcomeKind.TaxBenefit, tax.Outcome);
        Assert.Equal(AttestationKind.SpecialistSignoff, tax.Attestation.Kind);
        Assert.Equal(RequirementIds.Security, tax.Attestation.RequirementId);
        Assert.Equal("", tax.ReportTemplates);
        Assert.Equal([new RegimeWindow("investment", new(2018, 6, 6), new(2021, 3, 31))], tax.Windows);
    }

    [Fact]
    public void The_tax_regime_reads_and_assesses_exactly_as_its_own_code_does()
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "examples", "plan.json"));
        var read = ConnectedIndustries2018Definition.Instance.Read(bytes, out var errors)!;
        var security = new SecurityStatus(RequirementStatus.Pass, [Reasons.SecuritySignedOff("情報 安全子", "011172")]);

        var viaRegime = ConnectedIndustries2018Definition.Instance.Assess(read, new SignoffEvidence(security));
        var direct = PlanAssessor.Assess(Plans.PlanJson.Parse(bytes, out _)!, Regimes.ConnectedIndustries2018, security);

        Assert.Empty(errors);
        Assert.Equal("011172", read.Summary.SpecialistRegistrationNumber);
        Assert.Equal(
            System.Text.Json.JsonSerializer.Serialize(direct, Plans.PlanJson.Options),
            System.Text.Json.JsonSerializer.Serialize((Assessment)viaRegime, Plans.PlanJson.Options));
        Assert.Equal(RequirementStatus.Pending,
            ConnectedIndustries2018Definition.Instance.Assess(read, AttestationEvidence.None).Requirements.Single(r => r.Id == "security").Status);
    }

    [Fact]
    public void A_regime_refuses_a_document_another_regime_read()
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "examples", "it-donyu-2018.json"));
        var read = ItDonyu2018Definition.Instance.Read(bytes, out _)!;

        Assert.Throws<ArgumentException>(() => ConnectedIndustries2018Definition.Instance.Assess(read, AttestationEvidence.None));
    }
}
