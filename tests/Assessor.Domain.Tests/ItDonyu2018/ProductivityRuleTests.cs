using Assessor.Domain.Assessments;
using Assessor.Domain.RegimeDefinitions.ItDonyu2018;

using static Assessor.Domain.Tests.ItDonyu2018.ItDonyuPlans;

namespace Assessor.Domain.Tests.ItDonyu2018;

/// <summary>
/// <c>productivity</c>: LP = gross profit ÷ (employees × hours). With one employee working 1,000 hours and a base gross profit
/// of ¥1,000,000, LP_base is 1,000 and each yen of gross profit is 0.001 of LP: the boundaries sit on whole yen.
/// </summary>
public class ProductivityRuleTests
{
    private static RequirementResult Productivity(params ProductivityYear[] years) =>
        Requirement(Example with { Productivity = new() { BaseFiscalYear = 2017, Years = [Row(2017, 1_000_000), .. years] } }, ItDonyuRequirements.Productivity);

    private static ProductivityYear Row(int fiscalYear, long grossProfit, int employees = 1, decimal hours = 1000m) =>
        Year(fiscalYear, grossProfit, employees, hours);

    [Theory]
    // Year 3 ≥ 1 %: LP_3 × 1000 ≥ LP_base × 1010.
    [InlineData(1_010_000, true)]
    [InlineData(1_009_999, false)]
    public void Year_three_must_grow_at_least_one_percent(long grossProfit, bool passes)
    {
        var result = Productivity(Row(2020, grossProfit));

        Assert.Equal(passes ? RequirementStatus.Pass : RequirementStatus.Fail, result.Status);
        Assert.Equal([passes ? ItDonyuCodes.ProductivityTargetMet : ItDonyuCodes.ProductivityTargetMissed], result.Codes());
    }

    [Theory]
    // Year 4, when given, ≥ 1.5 %; year 5, when given, ≥ 2 %.
    [InlineData(2021, 1_015_000, true)]
    [InlineData(2021, 1_014_999, false)]
    [InlineData(2022, 1_020_000, true)]
    [InlineData(2022, 1_019_999, false)]
    public void Later_years_are_judged_against_their_own_targets_when_given(int fiscalYear, long grossProfit, bool passes)
    {
        var result = Productivity(Row(2020, 1_010_000), Row(fiscalYear, grossProfit));

        Assert.Equal(passes ? RequirementStatus.Pass : RequirementStatus.Fail, result.Status);
        var judged = result.Figures<ProductivityFigures>().ByYear.Single(y => y.FiscalYear == fiscalYear);
        Assert.Equal(passes, judged.Meets);
    }

    [Fact]
    public void Years_four_and_five_may_be_left_out_and_other_years_are_not_judged()
    {
        var result = Productivity(Row(2018, 1), Row(2019, 2), Row(2020, 1_010_000), Row(2023, 1));

        Assert.Equal(RequirementStatus.Pass, result.Status);
        Assert.Equal([null, null, null, true, null], result.Figures<ProductivityFigures>().ByYear.Select(y => y.Meets));
    }

    [Fact]
    public void Without_year_three_the_plan_fails()
    {
        var result = Productivity(Row(2021, 2_000_000));

        Assert.Equal(RequirementStatus.Fail, result.Status);
        Assert.Equal([ItDonyuCodes.Year3Missing, ItDonyuCodes.ProductivityTargetMet], result.Codes());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_base_year_without_positive_gross_profit_fails(long baseGrossProfit)
    {
        var plan = Example with { Productivity = new() { BaseFiscalYear = 2017, Years = [Row(2017, baseGrossProfit), Row(2020, 5_000_000)] } };

        var result = Requirement(plan, ItDonyuRequirements.Productivity);

        Assert.Equal(RequirementStatus.Fail, result.Status);
        Assert.Equal([ItDonyuCodes.BaseProductivityNotPositive], result.Codes());
        Assert.All(result.Figures<ProductivityFigures>().ByYear, y => Assert.Null(y.Growth));
    }

    [Fact]
    public void Labour_hours_are_employees_times_hours_and_decide_exactly()
    {
        // Base: 1,000,000 ÷ (2 × 1,999.5) = 250.0625…; year 3: 1,515,000 ÷ (3 × 1,999.5) = 252.563…: 1.00 % exactly.
        var plan = Example with
        {
            Productivity = new() { BaseFiscalYear = 2017, Years = [Row(2017, 1_000_000, 2, 1999.5m), Row(2020, 1_515_000, 3, 1999.5m)] },
        };

        var result = Requirement(plan, ItDonyuRequirements.Productivity);

        Assert.Equal(RequirementStatus.Pass, result.Status);
        var year3 = result.Figures<ProductivityFigures>().ByYear[1];
        Assert.Equal(5998.5m, year3.LabourHours);
        Assert.Equal(0.01m, year3.Growth);
        Assert.Equal(0.01m, year3.Target);
    }

    [Fact]
    public void Growth_is_rounded_for_display_but_never_for_the_decision()
    {
        // 1,009,999.5 would round to 1.00 %; one yen less than the target shows 1.00 % (rounded) and still fails.
        var result = Productivity(Row(2020, 1_009_999));

        Assert.Equal(0.01m, result.Figures<ProductivityFigures>().ByYear[1].Growth);
        Assert.Equal(RequirementStatus.Fail, result.Status);
    }
}
