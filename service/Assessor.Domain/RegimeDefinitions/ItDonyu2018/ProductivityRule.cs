using Assessor.Domain.Assessments;

namespace Assessor.Domain.RegimeDefinitions.ItDonyu2018;

/// <summary>
/// <c>productivity</c>: labour productivity LP = (sales − cost of sales) ÷ (employees × hours per employee). Year k after the
/// base must grow it by the regime's cumulative target: year 3 is required (≥ 1 %), years 4 (≥ 1.5 %) and 5 (≥ 2 %) are judged
/// when given. Decided exactly, as LP_k ≥ LP_base × (1 + target) over big-integer fractions; growth is rounded for display
/// only. A base year with no positive gross profit fails, since growth from it cannot be measured.
/// </summary>
public sealed class ProductivityRule : IItDonyuRule
{
    public string Id => ItDonyuRequirements.Productivity;

    public RequirementResult Evaluate(ItDonyuContext context)
    {
        var productivity = context.Plan.Productivity;
        var baseYear = productivity.BaseFiscalYear;
        var byYear = productivity.Years.ToDictionary(y => y.FiscalYear);
        var baseRow = byYear.GetValueOrDefault(baseYear)
            ?? throw new ArgumentException($"The base year {baseYear} has no row; only validated plans are assessed.", nameof(context));
        var baseLp = Lp(baseRow);
        var measurable = baseLp.Sign > 0;
        var targets = context.Regime.ProductivityTargets.ToDictionary(t => t.YearsAfterBase);

        var reasons = new List<Reason>();
        var passes = measurable;
        if (!measurable)
        {
            reasons.Add(ItDonyuReasons.BaseProductivityNotPositive(baseYear));
        }

        foreach (var target in context.Regime.ProductivityTargets)
        {
            var fiscalYear = baseYear + target.YearsAfterBase;
            if (!byYear.TryGetValue(fiscalYear, out var row))
            {
                if (target.Required)
                {
                    passes = false;
                    reasons.Add(ItDonyuReasons.Year3Missing(fiscalYear));
                }

                continue;
            }

            if (measurable)
            {
                var meets = Lp(row) >= baseLp * (Fraction.One + Fraction.Of(target.Growth));
                passes &= meets;
                var growth = Growth(Lp(row), baseLp);
                reasons.Add(meets
                    ? ItDonyuReasons.ProductivityTargetMet(target.YearsAfterBase, fiscalYear, growth, target.Growth)
                    : ItDonyuReasons.ProductivityTargetMissed(target.YearsAfterBase, fiscalYear, growth, target.Growth));
            }
        }

        var rows = productivity.Years.OrderBy(y => y.FiscalYear).Select(y =>
        {
            var k = y.FiscalYear - baseYear;
            var target = targets.GetValueOrDefault(k);
            var lp = Lp(y);
            var judged = measurable && target is not null;
            return new ProductivityYearLine(
                y.FiscalYear, k, y.Sales - y.CostOfSales, y.Employees * y.HoursPerEmployee, lp.Round(2),
                measurable && k != 0 ? Growth(lp, baseLp) : null, target?.Growth,
                judged ? lp >= baseLp * (Fraction.One + Fraction.Of(target!.Growth)) : null);
        }).ToList();
        return RequirementResult.Decide(Id, passes, reasons, new ProductivityFigures(baseYear, rows));
    }

    /// <summary>Gross profit per labour hour, exact.</summary>
    public static Fraction Lp(ProductivityYear year) =>
        Fraction.Of(year.Sales - year.CostOfSales) / (Fraction.Of(year.Employees) * Fraction.Of(year.HoursPerEmployee));

    private static decimal? Growth(Fraction lp, Fraction baseLp) => ((lp / baseLp) - Fraction.One).Round(4);
}

/// <summary>The figures of <c>productivity</c>: every year given, in order.</summary>
/// <param name="BaseFiscalYear">The base fiscal year the later years are compared with.</param>
/// <param name="ByYear">Every year of the plan, in year order.</param>
public sealed record ProductivityFigures(int BaseFiscalYear, IReadOnlyList<ProductivityYearLine> ByYear);

/// <summary>
/// One year of the productivity plan: k = years after the base, gross profit, labour hours (employees × hours), LP rounded to
/// 2 decimals, growth over the base rounded to 4 (null for the base, or when the base is not positive), the year's target and
/// whether it is met (null when the year is not judged).
/// </summary>
/// <param name="FiscalYear">The fiscal year.</param>
/// <param name="K">Years after the base year (0 for the base).</param>
/// <param name="GrossProfit">Sales minus cost of sales, in yen.</param>
/// <param name="LabourHours">Employees × hours per employee.</param>
/// <param name="Lp">Labour productivity, gross profit per hour, rounded to 2 decimals.</param>
/// <param name="Growth">LP over the base year's, minus 1, rounded to 4 decimals (0.025 = 2.5 %); absent for the base year or when the base is not positive.</param>
/// <param name="Target">The growth the year must reach (0.01 = 1 %); absent for a year without a target.</param>
/// <param name="Meets">Whether the year reaches its target, decided exactly; absent when the year is not judged.</param>
public sealed record ProductivityYearLine(
    int FiscalYear, int K, long GrossProfit, decimal LabourHours, decimal? Lp, decimal? Growth, decimal? Target, bool? Meets);
