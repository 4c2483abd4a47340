using Assessor.Domain.Assessments;
using Assessor.Domain.Plans;

using static Assessor.Domain.Tests.TestPlans;

namespace Assessor.Domain.Tests;

public class MinimumInvestmentRuleTests
{
    private static readonly Asset Base = Software("S", 50_000_000);

    public static TheoryData<string, Asset[], long, string[]> Cases => new()
    {
        // 50,000,000 of software: exactly the minimum.
        { "software alone", [Base], 50_000_000, [] },
        // 42,000,000 + 9,000,000 + 3,000,000 = 54,000,000: hardware acquired with qualifying software counts.
        { "hardware with software", [Software("A1", 42_000_000), Machinery("A2", 9_000_000, "A1"), Equipment("A3", 3_000_000, "A1")], 54_000_000, [] },
        // 50,000,000 + 0: machinery without software, not collecting data → two reasons on one asset.
        { "machinery alone", [Base, Machinery("M", 9_000_000, null, collectsData: false)], 50_000_000, ["M:hardware-without-software,machinery-not-collecting-data"] },
        // collectsDataAutomatically missing is not true.
        { "machinery not collecting data", [Base, Machinery("M", 9_000_000, "S", collectsData: null)], 50_000_000, ["M:machinery-not-collecting-data"] },
        // Equipment needs software too; it need not collect data.
        { "equipment without software", [Base, Equipment("E", 3_000_000, null)], 50_000_000, ["E:hardware-without-software"] },
        // The software is second-hand, so neither it nor the hardware bought with it qualifies: 50,000,000 + 0 + 0.
        { "hardware with excluded software", [Base, Software("U", 8_000_000, isNew: false), Equipment("E", 3_000_000, "U")], 50_000_000, ["U:asset-not-new", "E:linked-software-not-qualifying"] },
        // Window is 2018-06-06..2021-03-31: a day before, a day after, and both reasons at once.
        { "acquired before the window", [Base, Software("X", 1_000_000) with { AcquiredOn = new(2018, 6, 5) }], 50_000_000, ["X:asset-outside-window"] },
        { "in service after the window", [Base, Software("X", 1_000_000) with { InServiceOn = new(2021, 4, 1) }], 50_000_000, ["X:asset-outside-window"] },
        { "old and late", [Base, Software("X", 1_000_000, isNew: false) with { InServiceOn = new(2021, 4, 1) }], 50_000_000, ["X:asset-not-new,asset-outside-window"] },
        // The window's first and last days are inside: 50,000,000 + 1,000,000.
        { "window boundaries", [Base, Software("X", 1_000_000) with { AcquiredOn = new(2018, 6, 6), InServiceOn = new(2021, 3, 31) }], 51_000_000, [] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Qualifying_total_and_exclusions(string name, Asset[] assets, long qualifying, string[] excluded)
    {
        var result = Requirement(Example with { Assets = assets }, RequirementIds.MinimumInvestment);

        var figures = result.Figures<MinimumInvestmentFigures>();
        Assert.Equal(qualifying, figures.Qualifying);
        Assert.Equal(excluded, figures.Excluded.Select(e => $"{e.AssetId}:{string.Join(',', e.Reasons)}"));
        Assert.Equal(assets.Length - excluded.Length, figures.QualifyingAssets.Count);
        Assert.True(result.Status == RequirementStatus.Pass, name);
    }

    [Theory]
    // 50,000,000 ≥ 50,000,000 passes; 49,999,999 is one yen under and fails.
    [InlineData(50_000_000, RequirementStatus.Pass, ReasonCodes.InvestmentMeetsMinimum)]
    [InlineData(49_999_999, RequirementStatus.Fail, ReasonCodes.InvestmentBelowMinimum)]
    public void The_minimum_is_inclusive(long cost, RequirementStatus status, string code)
    {
        var result = Requirement(Example with { Assets = [Software("S", cost)] }, RequirementIds.MinimumInvestment);

        Assert.Equal(status, result.Status);
        Assert.Equal([code], result.Codes());
        Assert.Equal(50_000_000, result.Figures<MinimumInvestmentFigures>().Threshold);
    }

    [Fact]
    public void An_asset_outside_the_window_is_excluded_but_does_not_fail_the_window()
    {
        var plan = Example with { Assets = [.. Example.Assets, Software("LATE", 1_000_000) with { AcquiredOn = new(2021, 4, 1), InServiceOn = new(2021, 4, 1) }] };

        var assessment = Assess(plan);

        Assert.Equal(RequirementStatus.Pass, assessment.Requirements.Single(r => r.Id == RequirementIds.Window).Status);
        var minimum = assessment.Requirements.Single(r => r.Id == RequirementIds.MinimumInvestment);
        Assert.Equal(54_000_000, minimum.Figures<MinimumInvestmentFigures>().Qualifying);
        Assert.Contains(ReasonCodes.AssetOutsideWindow, minimum.Codes());
    }
}
