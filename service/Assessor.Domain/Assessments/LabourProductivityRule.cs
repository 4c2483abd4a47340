using Assessor.Domain.Plans;

namespace Assessor.Domain.Assessments;

/// <summary>
/// R3a: labour productivity LP = (operating profit + personnel costs + depreciation) ÷ labour input must
/// grow on average by the regime's threshold over t1..t3. Both growth figures are reported; the regime's
/// method decides, exactly: LP3/LP0 ≥ (1+g)³ for CAGR, LP3/LP0 ≥ 1 + 3g for the simple average,
/// compared cross-multiplied so no division rounds the verdict.
/// </summary>
public sealed class LabourProductivityRule : IRequirementRule
{
    public string Id => RequirementIds.LabourProductivity;

    public RequirementResult Evaluate(AssessmentContext context)
    {
        var plan = context.Plan;
        var threshold = context.Regime.LabourProductivityGrowthThreshold;
        var method = context.Regime.LabourProductivityGrowthMethod;
        if (!FinancialYears.TryResolve(plan, out var rows, out var missing))
        {
            return Fail(missing, new LabourProductivityFigures(null, null, method, threshold, []));
        }

        var years = rows.Select((row, t) => Measure(row, t, plan.LabourInput)).ToList();
        List<Reason> unusable =
        [
            .. years.Where(y => y.LabourInput <= 0m).Select(y => Reasons.LabourInputNotPositive(y.FiscalYear)),
            .. years[0].ValueAdded <= 0m ? [Reasons.LpBaseNotPositive(years[0].FiscalYear)] : Array.Empty<Reason>(),
        ];
        if (unusable.Count > 0)
        {
            return Fail(unusable, new LabourProductivityFigures(null, null, method, threshold, years));
        }

        var (base0, final3) = (years[0], years[^1]);
        // LP3/LP0 = (VA3·L0)/(VA0·L3); both sides stay exact in decimal.
        var finalCross = final3.ValueAdded * base0.LabourInput;
        var baseCross = base0.ValueAdded * final3.LabourInput;
        var ratio = finalCross / baseCross;
        var cagr = DecimalMath.CubeRoot(ratio) - 1m;
        var simple = (ratio - 1m) / FinancialYears.YearsAfterBase;
        var requiredFactor = method == GrowthMethod.Cagr
            ? (1m + threshold) * (1m + threshold) * (1m + threshold)
            : 1m + (FinancialYears.YearsAfterBase * threshold);
        var passes = finalCross >= requiredFactor * baseCross;

        var deciding = DecimalMath.RoundRate(method == GrowthMethod.Cagr ? cagr : simple);
        var reason = passes
            ? Reasons.LpGrowthMeetsTarget(deciding, method, threshold)
            : Reasons.LpGrowthBelowTarget(deciding, method, threshold);
        var figures = new LabourProductivityFigures(DecimalMath.RoundRate(cagr), DecimalMath.RoundRate(simple), method, threshold, years);
        return RequirementResult.Decide(Id, passes, [reason], figures);
    }

    private RequirementResult Fail(IReadOnlyList<Reason> reasons, LabourProductivityFigures figures) =>
        RequirementResult.Decide(Id, false, reasons, figures);

    private static LabourProductivityYear Measure(FinancialYear row, int t, LabourInput labourInput)
    {
        var valueAdded = (decimal)row.OperatingProfit + row.PersonnelCosts + row.Depreciation;
        var input = labourInput == LabourInput.Hours ? row.Headcount * (row.HoursPerPerson ?? 0m) : row.Headcount;
        decimal? lp = input > 0m ? Math.Round(valueAdded / input, 2, MidpointRounding.AwayFromZero) : null;
        return new LabourProductivityYear(row.FiscalYear, t, valueAdded, input, lp);
    }
}

/// <summary>Growth rates rounded to 4 decimals (null when they cannot be measured), the deciding method and each year's figures.</summary>
/// <param name="Cagr">Average annual growth of labour productivity over t1..t3, compound; absent when it cannot be measured.</param>
/// <param name="Simple">The same, as a simple average; absent when it cannot be measured.</param>
/// <param name="Method">The measure that decides: <c>cagr</c> or <c>simple</c>.</param>
/// <param name="Threshold">The growth the regime asks for, e.g. 0.02.</param>
/// <param name="ByYear">The figures of each year t0..t3.</param>
public sealed record LabourProductivityFigures(decimal? Cagr, decimal? Simple, GrowthMethod Method, decimal Threshold, IReadOnlyList<LabourProductivityYear> ByYear);

/// <summary>One year t: value added (yen), labour input (people or hours) and LP rounded to 2 decimals.</summary>
/// <param name="FiscalYear">The fiscal year.</param>
/// <param name="T">The year's place in the plan: 0 for the base year, then 1 to 3.</param>
/// <param name="ValueAdded">Operating profit + personnel costs + depreciation, in yen.</param>
/// <param name="LabourInput">People, or person-hours when the plan counts hours.</param>
/// <param name="Lp">Labour productivity (value added ÷ labour input), rounded to 2 places; absent when the labour input is zero.</param>
public sealed record LabourProductivityYear(int FiscalYear, int T, decimal ValueAdded, decimal LabourInput, decimal? Lp);
