using Assessor.Domain.Assessments;
using Assessor.Domain.RegimeDefinitions.Monozukuri2018;
using Assessor.Domain.RegimeDefinitions.Subsidies;

using static Assessor.Domain.Tests.Monozukuri2018.MonozukuriPlans;

namespace Assessor.Domain.Tests.Monozukuri2018;

/// <summary>The per-participant requirements at and one step beyond each boundary of programmes.md §0 and §2.</summary>
public class ParticipantRuleTests
{
    private static RequirementResult Of(MonozukuriPlan plan, string id, string participant = Lead) => Assess(plan).Requirement(id, participant);

    [Theory]
    [InlineData(300_000_000L, 301, RequirementStatus.Pass)]
    [InlineData(300_000_001L, 300, RequirementStatus.Pass)]
    [InlineData(300_000_001L, 301, RequirementStatus.Fail)]
    public void A_company_is_an_sme_by_capital_or_employees(long capital, int employees, RequirementStatus expected)
    {
        var plan = Example.WithParticipant(0, p => p with { Capital = capital, Employees = employees });

        Assert.Equal(expected, Of(plan, MonozukuriRequirements.Sme).Status);
    }

    [Theory]
    [InlineData(EntityType.Cooperative, 5000, RequirementStatus.Pass)]
    [InlineData(EntityType.Individual, 300, RequirementStatus.Pass)]
    [InlineData(EntityType.Individual, 301, RequirementStatus.Fail)]
    [InlineData(EntityType.MedicalCorporation, 10, RequirementStatus.Fail)]
    [InlineData(EntityType.Npo, 10, RequirementStatus.Fail)]
    public void Only_companies_individuals_and_cooperatives_may_apply(EntityType entityType, int employees, RequirementStatus expected)
    {
        var plan = Example.WithParticipant(0, p => p with { EntityType = entityType, Employees = employees });

        var result = Of(plan, MonozukuriRequirements.Sme);

        Assert.Equal(expected, result.Status);
        Assert.Equal(entityType is EntityType.MedicalCorporation or EntityType.Npo, result.Reasons[0].Code == MonozukuriCodes.EntityTypeNotEligible);
    }

    [Theory]
    [InlineData(0.5, 0, 0, MonozukuriCodes.DeemedLargeSingleOwner)]
    [InlineData(0.4999, 0, 0, null)]
    [InlineData(0, 0.6667, 0, MonozukuriCodes.DeemedLargeOwnersCombined)]
    [InlineData(0, 0.6666, 0, null)]
    [InlineData(0, 0, 0.5, MonozukuriCodes.DeemedLargeBoard)]
    public void A_deemed_large_participant_fails(decimal single, decimal combined, decimal board, string? code)
    {
        var plan = Example.WithParticipant(1, p => p with
        {
            Ownership = new() { LargestLargeCompanyShare = single, LargeCompaniesShare = combined, LargeCompanyPeopleBoardShare = board },
        });

        var result = Of(plan, MonozukuriRequirements.Sme, Second);

        Assert.Equal(code is null ? RequirementStatus.Pass : RequirementStatus.Fail, result.Status);
        Assert.Equal(code, result.Reasons.Select(r => r.Code).FirstOrDefault(c => c.StartsWith("deemed-large", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_member_without_machinery_fails_the_whole_consortium()
    {
        var plan = Example.WithParticipant(2, p => p with { Costs = [Cost("C2", "cloud", 3_300_000)] });

        var assessment = Assess(plan, AllConfirmed(plan));

        Assert.Equal((RequirementStatus.Fail, MonozukuriCodes.NoMachinery),
            (assessment.Requirement(MonozukuriRequirements.Equipment, Third).Status, assessment.Requirement(MonozukuriRequirements.Equipment, Third).Reasons[0].Code));
        Assert.All(assessment.Requirements.Where(r => r.Participant != Third), r => Assert.Equal(RequirementStatus.Pass, r.Status));
        Assert.False(assessment.Eligible);
    }

    [Theory]
    [InlineData(MonozukuriType.General, RequirementStatus.Fail)]
    [InlineData(MonozukuriType.SmallEquipment, RequirementStatus.Fail)]
    [InlineData(MonozukuriType.SmallPrototype, RequirementStatus.Pass)]
    public void Machinery_is_required_except_for_a_small_prototype(MonozukuriType type, RequirementStatus expected)
    {
        var plan = Single(type, p => p with { Costs = [Cost("C1", "technology-introduction", 3_000_000)] });

        Assert.Equal(expected, Of(plan, MonozukuriRequirements.Equipment).Status);
    }

    /// <summary>A 3-year plan from value added 100,000,000 and ordinary profit 10,000,000: the targets are 109,000,000 and 10,300,000.</summary>
    private static MonozukuriPlan Targets(long vaFinal, long opFinal, long vaBase = 100_000_000, long opBase = 10_000_000) =>
        Example.WithParticipant(0, p => p with
        {
            Plan = new()
            {
                Years = 3,
                // Operating profit, personnel costs and depreciation sum to value added; non-operating expenses take ordinary profit to its figure.
                Base = Year(2017, opBase + 1_000_000, vaBase - opBase - 1_000_000, 0, 1_000_000),
                Final = Year(2020, opFinal + 1_000_000, vaFinal - opFinal - 1_000_000, 0, 1_000_000),
            },
        });

    [Theory]
    [InlineData(109_000_000L, 10_300_000L, RequirementStatus.Pass)]
    [InlineData(108_999_999L, 10_300_000L, RequirementStatus.Fail)]
    [InlineData(109_000_000L, 10_299_999L, RequirementStatus.Fail)]
    public void Targets_are_met_exactly_at_the_final_year(long vaFinal, long opFinal, RequirementStatus expected)
    {
        var result = Of(Targets(vaFinal, opFinal), MonozukuriRequirements.PlanTargets);

        Assert.Equal(expected, result.Status);
        var figures = (PlanTargetsFigures)result.Figures!;
        Assert.Equal((100_000_000L, vaFinal, 0.09m, 10_000_000L, opFinal, 0.03m),
            (figures.ValueAddedBase, figures.ValueAddedFinal, figures.ValueAddedTarget, figures.OrdinaryProfitBase, figures.OrdinaryProfitFinal, figures.OrdinaryProfitTarget));
    }

    [Theory]
    [InlineData(4, 112_000_000L, 10_400_000L, RequirementStatus.Pass)]
    [InlineData(5, 115_000_000L, 10_499_999L, RequirementStatus.Fail)]
    public void Targets_grow_with_the_plans_years(int years, long vaFinal, long opFinal, RequirementStatus expected)
    {
        var plan = Targets(vaFinal, opFinal).WithParticipant(0, p => p with { Plan = p.Plan with { Years = years, Final = p.Plan.Final with { FiscalYear = 2017 + years } } });

        Assert.Equal(expected, Of(plan, MonozukuriRequirements.PlanTargets).Status);
    }

    [Theory]
    [InlineData(0L, 10_000_000L)]
    [InlineData(100_000_000L, 0L)]
    [InlineData(100_000_000L, -1L)]
    public void A_base_that_is_not_positive_waits_for_a_reviewer_whatever_the_other_target(long vaBase, long opBase)
    {
        var result = Of(Targets(1, 1, vaBase, opBase), MonozukuriRequirements.PlanTargets);

        Assert.Equal(RequirementStatus.Pending, result.Status);
        Assert.Equal([MonozukuriCodes.BaseNotPositive], result.Reasons.Select(r => r.Code));
    }

    [Theory]
    [InlineData(1_500_000L, 1_000_000L, RequirementStatus.Pass, 1_000_000L)]
    [InlineData(1_499_999L, 999_999L, RequirementStatus.Fail, 0L)]
    [InlineData(1_500_001L, 1_000_000L, RequirementStatus.Pass, 1_000_000L)]
    public void The_floor_is_checked_on_the_truncated_grant_before_the_cap(long eligible, long beforeCap, RequirementStatus expected, long amount)
    {
        var plan = Example.WithParticipant(2, p => p with { Costs = [Cost("C1", "machinery", eligible)] });

        var assessment = Assess(plan);

        Assert.Equal(expected, assessment.Requirement(MonozukuriRequirements.GrantAmount, Third).Status);
        Assert.Equal((beforeCap, amount), (assessment.Grant.Participants[2].BeforeCap, assessment.Grant.Participants[2].Amount));
    }

    [Theory]
    [InlineData(16_500_000L, false, 11_000_000L)]
    [InlineData(16_500_002L, false, 11_000_000L)]
    [InlineData(16_500_002L, true, 11_000_001L)]
    [InlineData(17_000_000L, true, 11_300_000L)]
    public void The_cap_is_the_types_plus_the_allocation_plus_the_expert(long eligible, bool expert, long amount)
    {
        // The third member's allocation is 1,000,000: cap 11,000,000, or 11,300,000 with an expert.
        var plan = Example.WithParticipant(2, p => p with { Costs = [Cost("C1", "machinery", eligible)], ExpertUsed = expert });

        var grant = Assess(plan).Grant.Participants[2];

        Assert.Equal(amount, grant.Amount);
        Assert.Equal(expert ? 11_300_000 : 11_000_000, grant.Cap);
    }

    [Fact]
    public void A_cap_over_the_grant_is_said()
    {
        var result = Assess(Example).Requirement(MonozukuriRequirements.GrantAmount, Lead);

        Assert.Equal([MonozukuriCodes.GrantMeetsFloor, MonozukuriCodes.GrantCapApplied], result.Reasons.Select(r => r.Code));
    }

    [Theory]
    [InlineData(MonozukuriType.General, 10_000_000L)]
    [InlineData(MonozukuriType.SmallEquipment, 5_000_000L)]
    [InlineData(MonozukuriType.SmallPrototype, 5_000_000L)]
    public void Each_type_has_its_cap(MonozukuriType type, long cap) =>
        Assert.Equal(cap, Assess(Single(type)).Grant.Participants[0].Cap);

    [Theory]
    [InlineData("materials", MonozukuriType.SmallPrototype, true)]
    [InlineData("materials", MonozukuriType.General, false)]
    [InlineData("intellectual-property", MonozukuriType.SmallPrototype, true)]
    [InlineData("outsourcing", MonozukuriType.DataSharing, false)]
    [InlineData("cloud", MonozukuriType.SmallEquipment, true)]
    [InlineData("advertising", MonozukuriType.SmallPrototype, false)]
    public void Cost_categories_count_by_type(string category, MonozukuriType type, bool counts)
    {
        var plan = Single(type, p => p with { Costs = [Cost("C1", "machinery", 3_000_000), Cost("C2", category, 600_000)] });

        var grant = Assess(plan).Grant.Participants[0];

        Assert.Equal(counts ? 3_600_000 : 3_000_000, grant.EligibleCost);
        Assert.Equal(counts ? [] : [new ExcludedItem("C2", MonozukuriCodes.CostCategoryNotEligible)], grant.Excluded);
    }

    [Fact]
    public void General_type_rates_half_unless_raised()
    {
        static string Rate(Func<Participant, Participant> change) => Assess(Single(MonozukuriType.General, change)).Grant.Participants[0].Rate;
        var mip = new ManagementInnovationPlan
        {
            AppliedOn = new(2017, 12, 22),
            Approved = true,
            Targets = new() { ValueAdded = 0.03m, OrdinaryProfit = 0.01m, LabourProductivity = 0.03m },
        };

        Assert.Equal("1/2", Rate(p => p with { AdvancedEquipmentPlan = null }));
        Assert.Equal("2/3", Rate(p => p with { AdvancedEquipmentPlan = new() { Certified = true, ZeroRateMunicipality = true } }));
        Assert.Equal("1/2", Rate(p => p with { AdvancedEquipmentPlan = new() { Certified = true, ZeroRateMunicipality = false } }));
        Assert.Equal("1/2", Rate(p => p with { AdvancedEquipmentPlan = new() { Certified = false, ZeroRateMunicipality = true } }));
        Assert.Equal("2/3", Rate(p => p with { AdvancedEquipmentPlan = null, ManagementInnovationPlan = mip }));
        Assert.Equal("1/2", Rate(p => p with { AdvancedEquipmentPlan = null, ManagementInnovationPlan = mip with { AppliedOn = new(2017, 12, 21) } }));
        Assert.Equal("1/2", Rate(p => p with { AdvancedEquipmentPlan = null, ManagementInnovationPlan = mip with { Approved = false } }));
        Assert.Equal("1/2", Rate(p => p with { AdvancedEquipmentPlan = null, ManagementInnovationPlan = mip with { Targets = mip.Targets with { ValueAdded = 0.0299m } } }));
        Assert.Equal("1/2", Rate(p => p with { AdvancedEquipmentPlan = null, ManagementInnovationPlan = mip with { Targets = mip.Targets with { OrdinaryProfit = 0.0099m } } }));
        Assert.Equal("1/2", Rate(p => p with { AdvancedEquipmentPlan = null, ManagementInnovationPlan = mip with { Targets = mip.Targets with { LabourProductivity = 0.0299m } } }));
    }

    [Theory]
    [InlineData(Industry.Manufacturing, 20, "2/3")]
    [InlineData(Industry.Manufacturing, 21, "1/2")]
    [InlineData(Industry.Retail, 5, "2/3")]
    [InlineData(Industry.Retail, 6, "1/2")]
    public void A_small_type_rates_two_thirds_for_a_small_business(Industry industry, int employees, string rate)
    {
        var plan = Single(MonozukuriType.SmallEquipment, p => p with { Industry = industry, Employees = employees, Capital = 10_000_000 });

        var assessment = Assess(plan);

        Assert.Equal(rate, assessment.Grant.Participants[0].Rate);
        Assert.Equal(rate == "2/3", assessment.Bonus.Contains("small-business-small-type"));
    }

    [Fact]
    public void Bonus_items_follow_the_participants()
    {
        var mip = new ManagementInnovationPlan
        {
            AppliedOn = new(2017, 1, 10),
            Approved = true,
            Targets = new() { ValueAdded = 0.01m, OrdinaryProfit = 0.01m, LabourProductivity = 0.01m },
        };
        var plan = Example
            .WithParticipant(0, p => p with { AdvancedEquipmentPlan = new() { Certified = true, ZeroRateMunicipality = false }, WageRaiseCommitment = true })
            .WithParticipant(2, p => p with { ManagementInnovationPlan = mip });

        Assert.Equal(["advanced-equipment-plan", "management-plan", "wage-raise"], Assess(plan).Bonus);
        Assert.Equal([], Assess(plan.WithParticipant(0, p => p with { AdvancedEquipmentPlan = null, WageRaiseCommitment = false })
            .WithParticipant(2, p => p with { ManagementInnovationPlan = null })).Bonus);
    }
}
