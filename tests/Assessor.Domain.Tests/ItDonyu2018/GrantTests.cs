using Assessor.Domain.Assessments;
using Assessor.Domain.RegimeDefinitions.ItDonyu2018;
using Assessor.Domain.RegimeDefinitions.Subsidies;

using FsCheck;
using FsCheck.Xunit;

using static Assessor.Domain.Tests.ItDonyu2018.ItDonyuPlans;

namespace Assessor.Domain.Tests.ItDonyu2018;

/// <summary>The grant: 1/2 of the eligible cost, truncated; at least ¥150,000 or nothing; at most ¥500,000.</summary>
public class GrantTests
{
    private static GrantAssessment WithEligibleCost(long cost) => Assess(WithTools(Tool("S", ToolCategory.Software, cost)));

    [Theory]
    // At the floor, one yen of grant below it, and truncation: ¥299,999 ÷ 2 = 149,999.5 → 149,999.
    [InlineData(300_000, 150_000, true, 150_000)]
    [InlineData(300_001, 150_000, true, 150_000)]
    [InlineData(299_999, 149_999, false, 0)]
    [InlineData(299_998, 149_999, false, 0)]
    // At the cap, and one yen of grant beyond it.
    [InlineData(1_000_000, 500_000, true, 500_000)]
    [InlineData(1_000_001, 500_000, true, 500_000)]
    [InlineData(1_000_002, 500_001, true, 500_000)]
    public void Half_the_eligible_cost_truncated_between_floor_and_cap(long eligibleCost, long beforeCap, bool passes, long amount)
    {
        var assessment = WithEligibleCost(eligibleCost);
        var requirement = assessment.Requirements.Single(r => r.Id == ItDonyuRequirements.GrantAmount);

        Assert.Equal(passes ? RequirementStatus.Pass : RequirementStatus.Fail, requirement.Status);
        Assert.Equal(passes ? ItDonyuCodes.GrantMeetsFloor : ItDonyuCodes.GrantBelowFloor, requirement.Codes().First());
        Assert.Equal(beforeCap, requirement.Figures<GrantAmountFigures>().BeforeCap);
        Assert.Equal(amount, assessment.Grant.Amount);
        Assert.Equal(amount, requirement.Figures<GrantAmountFigures>().Amount);
        Assert.Equal(beforeCap > 500_000, requirement.Codes().Contains(ItDonyuCodes.GrantCapApplied));
    }

    [Fact]
    public void The_grant_is_computed_whatever_the_other_requirements_say()
    {
        var failing = WithTools(Tool("S", ToolCategory.Software, 600_000)) with { Round = 7, SecurityAction = null, DiagnosisId = null };

        var assessment = Assess(failing);

        Assert.False(assessment.Eligible);
        Assert.Equal(300_000, assessment.Grant.Amount);
    }

    [Fact]
    public void Bonus_lists_the_claimed_items_in_the_regimes_order()
    {
        var all = Example with { Bonus = new() { ZeroRateMunicipality = true, RegionalEconomicPlan = true, RegionalLeadingCompany = true, OmotenashiCertified = true } };

        Assert.Equal(["zero-rate-municipality", "regional-economic-plan", "regional-leading-company", "omotenashi-certified"], Assess(all).Bonus);
        Assert.Empty(Assess(Example with { Bonus = null }).Bonus);
        Assert.Equal(["regional-leading-company"], Assess(Example with { Bonus = new() { ZeroRateMunicipality = false, RegionalEconomicPlan = false, RegionalLeadingCompany = true, OmotenashiCertified = false } }).Bonus);
    }

    [Property]
    public bool The_grant_never_exceeds_the_cap(PositiveInt cost, PositiveInt scale) =>
        WithEligibleCost((long)cost.Get * ((scale.Get % 1000) + 1)).Grant.Amount <= 500_000;

    [Property]
    public bool The_grant_is_never_below_the_floor_unless_it_is_zero(PositiveInt cost, PositiveInt scale) =>
        WithEligibleCost((long)cost.Get * ((scale.Get % 1000) + 1)).Grant.Amount is 0 or >= 150_000;

    [Property]
    public bool The_grant_is_monotone_in_the_eligible_cost(PositiveInt a, PositiveInt b)
    {
        var (low, high) = a.Get <= b.Get ? (a.Get, b.Get) : (b.Get, a.Get);
        return WithEligibleCost(low).Grant.Amount <= WithEligibleCost(high).Grant.Amount;
    }

    [Property]
    public bool The_grant_is_half_the_eligible_cost_truncated_within_floor_and_cap(PositiveInt cost)
    {
        var grant = WithEligibleCost(cost.Get).Grant;
        var half = cost.Get / 2;
        return grant.Amount == (half < 150_000 ? 0 : Math.Min(half, 500_000));
    }

    [Property]
    public bool Adding_an_excluded_item_never_changes_the_grant(PositiveInt cost, byte why)
    {
        ItTool[] excluded =
        [
            Tool("X", ToolCategory.Hardware, cost.Get),
            Tool("X", ToolCategory.Lease, cost.Get),
            Tool("X", ToolCategory.Software, cost.Get, vendorId: null),
            Tool("X", ToolCategory.Cloud, cost.Get, toolId: ""),
            Tool("X", ToolCategory.Introduction, cost.Get, contractedOn: new DateOnly(2018, 8, 14)),
        ];
        var plan = Example with { Tools = [.. Example.Tools, excluded[why % excluded.Length]] };

        var grant = Assess(plan).Grant;
        return grant.Amount == Assess(Example).Grant.Amount && grant.Excluded.Count == 2;
    }

    [Property]
    public bool The_eligible_cost_never_exceeds_the_tools_total(PositiveInt cost, PositiveInt months, bool cloud)
    {
        var tool = Tool("C", cloud ? ToolCategory.Cloud : ToolCategory.Software, cost.Get, months: (months.Get % 60) + 1);
        return Assess(WithTools(Base, tool)).Grant.EligibleCost <= Base.Cost + cost.Get;
    }

    private static readonly ItTool Base = Tool("S", ToolCategory.Software, 400_000);
}
