using System.Text.Json;
using Assessor.Domain.Assessments;
using Assessor.Domain.Plans;
using Assessor.Domain.Procedure;
using Assessor.Domain.RegimeDefinitions;
using Assessor.Domain.RegimeDefinitions.ItDonyu2018;
using Assessor.Domain.RegimeDefinitions.Subsidies;

using static Assessor.Domain.Tests.ItDonyu2018.ItDonyuPlans;

namespace Assessor.Domain.Tests.ItDonyu2018;

/// <summary>examples/it-donyu-2018.json (the example of the regime's documentation) read, assessed and serialised as the API will.</summary>
public class ItDonyuExampleTests
{
    private static byte[] ExampleBytes() => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "examples", "it-donyu-2018.json"));

    [Fact]
    public void The_file_reads_as_the_example_in_code()
    {
        var read = RegimeRegistry.For(ExampleBytes()).Read(ExampleBytes(), out var errors);

        Assert.Empty(errors);
        var plan = Assert.IsType<ItDonyuPlan>(read!.Document);
        Assert.Equal(ItDonyu2018Definition.Instance, read.Regime);
        Assert.Equal(JsonSerializer.Serialize(Example, PlanJson.Options), JsonSerializer.Serialize(plan, PlanJson.Options));
        Assert.Equal(new PlanSummary("it-donyu-2018", Example.Title, "7000012050002", "有限会社サンプル商店", null) { Industry = "retail" }, read.Summary);
    }

    [Fact]
    public void The_example_gets_the_grant_the_documentation_states()
    {
        var assessment = Assess(Example);

        // 600,000 + 240,000 × 12 ÷ 24 + 100,000 (contracted after round 2's decision on 2018-08-15); T4 is hardware.
        Assert.Equal(820_000, assessment.Grant.EligibleCost);
        Assert.Equal([new ExcludedItem("T4", ItDonyuCodes.HardwareNotEligible)], assessment.Grant.Excluded);
        Assert.Equal("1/2", assessment.Grant.Rate);
        Assert.Equal(150_000, assessment.Grant.Floor);
        Assert.Equal(500_000, assessment.Grant.Cap);
        Assert.Equal(410_000, assessment.Grant.Amount);
        Assert.Equal(["omotenashi-certified"], assessment.Bonus);
    }

    [Fact]
    public void Every_requirement_passes_but_the_two_star_declaration_waits_for_the_self_check()
    {
        var pending = Assess(Example);

        Assert.Equal(
            ["sme", "window", "security-action", "diagnosis", "third-party-review", "tools", "productivity", "grant-amount"],
            pending.Requirements.Select(r => r.Id));
        Assert.All(pending.Requirements.Where(r => r.Id != ItDonyuRequirements.SecurityAction), r => Assert.Equal(RequirementStatus.Pass, r.Status));
        Assert.Equal(RequirementStatus.Pending, pending.Requirements.Single(r => r.Id == ItDonyuRequirements.SecurityAction).Status);
        Assert.False(pending.Eligible);

        var complete = Assess(Example, SelfCheck());
        Assert.True(complete.Eligible);
    }

    [Fact]
    public void The_assessment_serialises_with_grant_and_bonus_and_no_tax_benefit()
    {
        var json = JsonSerializer.SerializeToElement(Assess(Example), PlanJson.Options);

        Assert.Equal(
            ["regime", "eligible", "requirements", "grant", "bonus"],
            json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            """{"eligibleCost":820000,"excluded":[{"id":"T4","code":"hardware-not-eligible"}],"rate":"1/2","floor":150000,"cap":500000,"amount":410000}""",
            json.GetProperty("grant").GetRawText());
        var productivity = json.GetProperty("requirements")[6].GetProperty("figures").GetProperty("byYear");
        // LP 60,000,000 ÷ 24,000 = 2,500 per hour; 61,500,000 ÷ 24,000 = 2,562.5: 2.5 % over three years.
        Assert.Equal(2500m, productivity[0].GetProperty("lp").GetDecimal());
        Assert.Equal(0.025m, productivity[1].GetProperty("growth").GetDecimal());
    }

    [Fact]
    public void The_regime_describes_itself()
    {
        var regime = ItDonyu2018Definition.Instance;

        Assert.Equal(OutcomeKind.Grant, regime.Outcome);
        Assert.Equal(AttestationKind.ApplicantSelfCheck, regime.Attestation.Kind);
        Assert.Equal("security-action", regime.Attestation.RequirementId);
        Assert.Equal(SelfCheckRef, regime.Attestation.Checklist);
        Assert.Equal(["round-1", "round-2", "round-3"], regime.Windows.Select(w => w.Id));
        Assert.Equal(new RegimeWindow("round-3", new(2018, 9, 12), new(2018, 12, 18), new(2018, 10, 5)), regime.Windows[2]);
        Assert.Equal(["zero-rate-municipality", "regional-economic-plan", "regional-leading-company", "omotenashi-certified"], regime.Bonus.Select(b => b.Id));
        Assert.Equal(typeof(ItDonyuPlan), regime.DocumentType);
        Assert.Equal(typeof(GrantAssessment), regime.AssessmentType);
    }
}
