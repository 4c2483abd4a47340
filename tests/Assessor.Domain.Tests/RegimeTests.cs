using Assessor.Domain.Assessments;

using static Assessor.Domain.Tests.TestPlans;

namespace Assessor.Domain.Tests;

/// <summary>A second regime is data: the same engine gives other answers under other thresholds.</summary>
public class RegimeTests
{
    private static readonly Regime Stricter = Regimes.ConnectedIndustries2018 with
    {
        Id = "test-stricter",
        Name = "Test regime",
        WindowEnd = new DateOnly(2019, 3, 31),
        MaxPlanYears = 2,
        MinimumQualifyingInvestment = 60_000_000,
        LabourProductivityGrowthThreshold = 0.03m,
        ReturnOnInvestmentThreshold = 0.40m,
        SpecialDepreciationRate = 0.50m,
        StandardCreditRate = 0.07m,
        StandardCapRate = 0.01m,
    };

    [Fact]
    public void The_catalogue_knows_connected_industries_2018_only()
    {
        Assert.True(Regimes.TryGet("connected-industries-2018", out var regime));
        Assert.Equal(new DateOnly(2018, 6, 6), regime.WindowStart);
        Assert.False(Regimes.TryGet("dx-2021", out _));
    }

    [Fact]
    public void Other_thresholds_change_the_outcomes_of_the_example()
    {
        var assessment = Assess(Example, Stricter);

        Assert.Equal("test-stricter", assessment.Regime);
        // Window ends 2019-03-31, so every asset (acquired 2019-06-01) is excluded and the plan (start 2019-04-01) is late;
        // three years exceed the two allowed. LP CAGR 2.50 % < 3 %; ROI 36.42 % < 40 %; qualifying 0 < 60,000,000.
        Assert.All(assessment.Requirements.Where(r => r.Id != RequirementIds.DataLinkage && r.Id != RequirementIds.Security),
            r => Assert.Equal(RequirementStatus.Fail, r.Status));
        Assert.Equal(0, assessment.TaxBenefit.Base);
    }

    [Fact]
    public void Other_rates_change_the_benefit()
    {
        var regime = Stricter with { WindowEnd = Regimes.ConnectedIndustries2018.WindowEnd };

        var benefit = Assess(Example, regime).TaxBenefit;

        // 50 % × 54,000,000 = 27,000,000; credit 7 % × 54,000,000 = 3,780,000 capped at 1 % × 30,000,000 = 300,000.
        Assert.Equal(27_000_000, benefit.SpecialDepreciation.Amount);
        Assert.Equal(300_000, benefit.TaxCredit.Amount);
    }

    [Fact]
    public void A_regime_chooses_its_rules()
    {
        var linkageOnly = Regimes.ConnectedIndustries2018 with { Rules = [new DataLinkageRule()] };

        var assessment = Assess(Example, linkageOnly);

        Assert.Equal([RequirementIds.DataLinkage], assessment.Requirements.Select(r => r.Id));
        Assert.True(assessment.Eligible);
    }
}
