using Assessor.Domain.Assessments;
using Assessor.Domain.Plans;

using static Assessor.Domain.Tests.TestPlans;

namespace Assessor.Domain.Tests;

public class ReturnOnInvestmentRuleTests
{
    // t0: OP 50,000,000 + Dep 10,000,000 = 60,000,000; year t earns gain_t more, split between OP and depreciation.
    private static PlanDocument WithGains(long gain1, long gain2, long gain3, params Asset[] assets) =>
        Example with
        {
            Assets = assets,
            Financials =
            [
                Year(2018, 50_000_000, depreciation: 10_000_000),
                Year(2019, 50_000_000 + gain1, depreciation: 10_000_000),
                Year(2020, 50_000_000 + gain2 - 1_000_000, depreciation: 11_000_000),
                Year(2021, 50_000_000 + gain3, depreciation: 10_000_000),
            ],
        };

    [Theory]
    // Investment 100,000,000: (10,000,000 + 15,000,000 + 20,000,000)/3 = 15,000,000 → 0.1500 exactly, passes.
    [InlineData(10_000_000, 15_000_000, 20_000_000, "0.1500", true)]
    // One yen less: 44,999,999/3/100,000,000 = 0.14999999667 → 0.1500 shown, but fails.
    [InlineData(10_000_000, 15_000_000, 19_999_999, "0.1500", false)]
    // (5,000,000 + 5,000,000 + 5,000,000)/3/100,000,000 = 0.05 → fails.
    [InlineData(5_000_000, 5_000_000, 5_000_000, "0.0500", false)]
    // Profits fall: (−3,000,000 − 3,000,000 − 3,000,000)/3/100,000,000 = −0.03.
    [InlineData(-3_000_000, -3_000_000, -3_000_000, "-0.0300", false)]
    public void Average_gain_over_investment_must_reach_fifteen_percent(long gain1, long gain2, long gain3, string average, bool passes)
    {
        var result = Requirement(WithGains(gain1, gain2, gain3, Software("A1", 100_000_000)), RequirementIds.ReturnOnInvestment);

        var figures = result.Figures<ReturnOnInvestmentFigures>();
        Assert.Equal(Dec(average), figures.Average);
        Assert.Equal(0.15m, figures.Threshold);
        Assert.Equal(100_000_000, figures.Investment);
        Assert.Equal([gain1, gain2, gain3], figures.ByYear.Select(y => (long)y.Gain));
        Assert.Equal(passes ? RequirementStatus.Pass : RequirementStatus.Fail, result.Status);
    }

    [Fact]
    public void The_investment_is_every_asset_not_only_the_qualifying_ones()
    {
        // 60,000,000 software + 40,000,000 second-hand machinery = 100,000,000; gains 15,000,000 each year → 0.15.
        var plan = WithGains(15_000_000, 15_000_000, 15_000_000, Software("A1", 60_000_000), Machinery("A2", 40_000_000, "A1") with { IsNew = false });

        var result = Requirement(plan, RequirementIds.ReturnOnInvestment);

        Assert.Equal(100_000_000, result.Figures<ReturnOnInvestmentFigures>().Investment);
        Assert.Equal([0.15m, 0.15m, 0.15m], result.Figures<ReturnOnInvestmentFigures>().ByYear.Select(y => y.Roi));
        Assert.Equal(RequirementStatus.Pass, result.Status);
    }

    [Fact]
    public void Zero_investment_fails_with_a_reason()
    {
        var result = Requirement(WithGains(1, 1, 1), RequirementIds.ReturnOnInvestment);

        Assert.Equal(RequirementStatus.Fail, result.Status);
        Assert.Equal([ReasonCodes.InvestmentZero], result.Codes());
        Assert.Null(result.Figures<ReturnOnInvestmentFigures>().Average);
    }

    [Fact]
    public void A_missing_year_fails_naming_that_year()
    {
        var plan = Example with { Financials = [.. Example.Financials.Where(row => row.FiscalYear != 2018)] };

        var result = Requirement(plan, RequirementIds.ReturnOnInvestment);

        Assert.Equal(RequirementStatus.Fail, result.Status);
        Assert.Equal([ReasonCodes.FinancialYearMissing], result.Codes());
    }
}
