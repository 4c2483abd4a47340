using Assessor.Domain.Assessments;
using Assessor.Domain.Plans;

using static Assessor.Domain.Tests.TestPlans;

namespace Assessor.Domain.Tests;

public class LabourProductivityRuleTests
{
    // Value added VA = OP + personnel 70,000,000 + depreciation 10,000,000; t1 and t2 do not enter the growth rate.
    private static PlanDocument WithValueAdded(long va0, int headcount0, long va3, int headcount3, LabourInput input = LabourInput.Headcount, decimal? hours0 = null, decimal? hours3 = null) =>
        Example with
        {
            LabourInput = input,
            Financials =
            [
                Year(2018, va0 - 80_000_000, 70_000_000, 10_000_000, headcount0, hours0),
                Year(2019, va0 - 80_000_000, 70_000_000, 10_000_000, headcount0, hours0),
                Year(2020, va3 - 80_000_000, 70_000_000, 10_000_000, headcount3, hours3),
                Year(2021, va3 - 80_000_000, 70_000_000, 10_000_000, headcount3, hours3),
            ],
        };

    [Theory]
    // LP0 = 100,000,000/100 = 1,000,000; LP3 = 106,120,800/100 = 1,061,208 = 1.02³ × LP0 → CAGR exactly 2.00 %, passes.
    // simple = (0.061208)/3 = 0.020403 → 0.0204.
    [InlineData(100_000_000, 100, 106_120_800, 100, "0.0200", "0.0204", true)]
    // One yen less at t3: LP3/LP0 = 1.06120799 < 1.061208 → fails, though both round to 0.0200.
    [InlineData(100_000_000, 100, 106_120_799, 100, "0.0200", "0.0204", false)]
    // The example: LP0 = 560,000,000/120 = 4,666,666.67, LP3 = 608,000,000/121 = 5,024,793.39;
    // ratio = 608·120/(560·121) = 72,960/67,760 = 1.0767414; ∛ − 1 = 0.024953 → 0.0250; (0.0767414)/3 = 0.025580 → 0.0256.
    [InlineData(560_000_000, 120, 608_000_000, 121, "0.0250", "0.0256", true)]
    // Decline: ratio 0.9; ∛0.9 − 1 = −0.034511 → −0.0345; −0.1/3 = −0.0333.
    [InlineData(100_000_000, 100, 90_000_000, 100, "-0.0345", "-0.0333", false)]
    public void Cagr_decides_by_default(long va0, int headcount0, long va3, int headcount3, string cagr, string simple, bool passes)
    {
        var result = Requirement(WithValueAdded(va0, headcount0, va3, headcount3), RequirementIds.LabourProductivity);

        var figures = result.Figures<LabourProductivityFigures>();
        Assert.Equal(Dec(cagr), figures.Cagr);
        Assert.Equal(Dec(simple), figures.Simple);
        Assert.Equal(GrowthMethod.Cagr, figures.Method);
        Assert.Equal(0.02m, figures.Threshold);
        Assert.Equal(passes ? RequirementStatus.Pass : RequirementStatus.Fail, result.Status);
        Assert.Equal(passes ? ReasonCodes.LpGrowthMeetsTarget : ReasonCodes.LpGrowthBelowTarget, Assert.Single(result.Reasons).Code);
    }

    [Theory]
    // Ratio 1.06: simple = 0.06/3 = 0.0200 exactly (passes under simple); CAGR = ∛1.06 − 1 = 0.019613 (fails under CAGR).
    [InlineData(GrowthMethod.Simple, true)]
    [InlineData(GrowthMethod.Cagr, false)]
    public void The_regime_method_decides(GrowthMethod method, bool passes)
    {
        var regime = Regimes.ConnectedIndustries2018 with { LabourProductivityGrowthMethod = method };

        var result = Requirement(WithValueAdded(100_000_000, 100, 106_000_000, 100), RequirementIds.LabourProductivity, regime);

        Assert.Equal(passes ? RequirementStatus.Pass : RequirementStatus.Fail, result.Status);
        Assert.Equal(method, result.Figures<LabourProductivityFigures>().Method);
    }

    [Fact]
    public void Hours_multiply_headcount_by_hours_per_person()
    {
        // L0 = 100 × 2,000 = 200,000 h → LP0 = 500; L3 = 100 × 1,880 = 188,000 h → LP3 = 531.91;
        // ratio = 2,000/1,880 = 1.0638298; ∛ − 1 = 0.020834 → 0.0208 (passes); 0.0638298/3 = 0.0213.
        var plan = WithValueAdded(100_000_000, 100, 100_000_000, 100, LabourInput.Hours, 2000m, 1880m);

        var result = Requirement(plan, RequirementIds.LabourProductivity);

        var figures = result.Figures<LabourProductivityFigures>();
        Assert.Equal(RequirementStatus.Pass, result.Status);
        Assert.Equal(0.0208m, figures.Cagr);
        Assert.Equal(0.0213m, figures.Simple);
        Assert.Equal(new LabourProductivityYear(2018, 0, 100_000_000m, 200_000m, 500m), figures.ByYear[0]);
        Assert.Equal(531.91m, figures.ByYear[3].Lp);
    }

    [Theory]
    // VA0 = (−80,000,000) + 70,000,000 + 10,000,000 = 0 → LP0 = 0.
    [InlineData(80_000_000)]
    // VA0 = −1.
    [InlineData(80_000_001)]
    public void A_base_year_without_positive_value_added_fails_with_a_reason(long loss)
    {
        var plan = Example with { Financials = [Year(2018, -loss, 70_000_000, 10_000_000), .. Example.Financials.Skip(1)] };

        var result = Requirement(plan, RequirementIds.LabourProductivity);

        Assert.Equal(RequirementStatus.Fail, result.Status);
        Assert.Equal([ReasonCodes.LpBaseNotPositive], result.Codes());
        Assert.Null(result.Figures<LabourProductivityFigures>().Cagr);
    }

    [Fact]
    public void A_missing_year_fails_naming_that_year()
    {
        var plan = Example with { Financials = [.. Example.Financials.Where(row => row.FiscalYear != 2020)] };

        var result = Requirement(plan, RequirementIds.LabourProductivity);

        Assert.Equal(RequirementStatus.Fail, result.Status);
        var reason = Assert.Single(result.Reasons);
        Assert.Equal(ReasonCodes.FinancialYearMissing, reason.Code);
        Assert.Contains("2020 (t2)", reason.En);
    }

    [Fact]
    public void Missing_hours_fail_instead_of_dividing_by_zero()
    {
        var plan = Example with { LabourInput = LabourInput.Hours, Financials = [.. Example.Financials.Select(row => row with { HoursPerPerson = null })] };

        var result = Requirement(plan, RequirementIds.LabourProductivity);

        Assert.Equal(RequirementStatus.Fail, result.Status);
        Assert.All(result.Reasons, reason => Assert.Equal(ReasonCodes.LabourInputNotPositive, reason.Code));
        Assert.Equal(4, result.Reasons.Count);
    }

    [Fact]
    public void Figures_beyond_decimal_range_fail_instead_of_throwing()
    {
        // VA3·L0 = 608,000,000 × (120 × 10^25 h) ≈ 7.3 × 10^35 overflows decimal (max ≈ 7.9 × 10^28).
        var plan = Example with { LabourInput = LabourInput.Hours, Financials = [.. Example.Financials.Select(row => row with { HoursPerPerson = 1e25m })] };

        var result = Requirement(plan, RequirementIds.LabourProductivity);

        Assert.Equal(RequirementStatus.Fail, result.Status);
        Assert.Equal([ReasonCodes.FiguresOutOfRange], result.Codes());
    }
}
