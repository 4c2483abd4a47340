using Assessor.Domain.Assessments;
using Assessor.Domain.RegimeDefinitions;
using Assessor.Domain.RegimeDefinitions.Monozukuri2018;

using static Assessor.Domain.Tests.Monozukuri2018.MonozukuriPlans;

namespace Assessor.Domain.Tests.Monozukuri2018;

/// <summary>examples/monozukuri-2018.json, the example docs/regimes/monozukuri-2018.md works through.</summary>
public class MonozukuriExampleTests
{
    [Fact]
    public void The_file_reads_under_its_regime_and_the_lead_applies()
    {
        var read = RegimeRegistry.For(ExampleBytes()).Read(ExampleBytes(), out var errors);

        Assert.Empty(errors);
        Assert.Equal(Monozukuri2018Definition.Instance, read!.Regime);
        // The named support organisation is the plan's attestor; it may be none of the other participants.
        Assert.Equal(new PlanSummary("monozukuri-2018", Example.Title, Lead, "株式会社サンプル製作所", "106213000812") { Industry = "manufacturing" },
            read.Summary with { OtherParticipants = [] });
        Assert.Equal(["5010001008813", "1011101012345"], read.Summary.OtherParticipants);
    }

    [Fact]
    public void Each_participant_gets_the_grant_the_documentation_states()
    {
        var grant = Assess(Example).Grant;

        // Lead: (24,000,000 + 600,000) × 2/3 = 16,400,000, capped at 10,000,000 + its 2,000,000 allocation; C3 is not an eligible category.
        var lead = grant.Participants[0];
        Assert.Equal((24_600_000L, "2/3", 16_400_000L, 12_000_000L, 12_000_000L), (lead.EligibleCost, lead.Rate, lead.BeforeCap, lead.Cap, lead.Amount));
        Assert.Equal([new("C3", MonozukuriCodes.CostCategoryNotEligible)], lead.Excluded);
        // Second: 9,000,000 × 2/3 under a cap of 10,000,000 + 3,000,000 + 300,000 (expert).
        var second = grant.Participants[1];
        Assert.Equal((6_000_000L, 10_000_000L, 3_000_000L, 300_000L, 13_300_000L), (second.Amount, second.TypeCap, second.AllocationAdded, second.ExpertAdded, second.Cap));
        // Third: 3,300,000 × 2/3.
        Assert.Equal(2_200_000, grant.Participants[2].Amount);
        Assert.Equal(20_200_000, grant.Total);
        Assert.Equal(["advanced-equipment-plan"], Assess(Example).Bonus);
    }

    [Fact]
    public void Everything_passes_but_the_confirmations_which_wait()
    {
        var assessment = Assess(Example);

        Assert.Equal(
            ["participants", "window", "data-sharing", "allocation", "consortium-consent", "support-organisation",
             .. Enumerable.Repeat<string[]>(["sme", "equipment", "plan-targets", "grant-amount"], 3).SelectMany(x => x)],
            assessment.Requirements.Select(r => r.Id));
        Assert.Equal([null, null, null, null, null, null, Lead, Lead, Lead, Lead, Second, Second, Second, Second, Third, Third, Third, Third],
            assessment.Requirements.Select(r => r.Participant));
        Assert.Equal([MonozukuriRequirements.ConsortiumConsent, MonozukuriRequirements.SupportOrganisation],
            assessment.Requirements.Where(r => r.Status != RequirementStatus.Pass).Select(r => r.Id));
        Assert.All(assessment.Requirements.Where(r => r.Status != RequirementStatus.Pass), r => Assert.Equal(RequirementStatus.Pending, r.Status));
        Assert.False(assessment.Eligible);

        Assert.True(Assess(Example, AllConfirmed(Example)).Eligible);
    }

    [Fact]
    public void The_regime_is_registered_with_its_windows_requirements_and_bonus_items()
    {
        var regime = Monozukuri2018Definition.Instance;

        Assert.Contains(regime, RegimeRegistry.All);
        Assert.Equal(OutcomeKind.Grant, regime.Outcome);
        Assert.Equal([new RegimeWindow("round-1", new(2018, 2, 28), new(2018, 4, 27)), new RegimeWindow("round-2", new(2018, 8, 3), new(2018, 9, 10))], regime.Windows);
        Assert.Equal(["advanced-equipment-plan", "management-plan", "wage-raise", "small-business-small-type"], regime.Bonus.Select(b => b.Id));
        Assert.Equal(MonozukuriRequirements.SupportOrganisation, regime.Attestation.RequirementId);
    }
}
