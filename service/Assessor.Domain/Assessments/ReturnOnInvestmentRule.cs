namespace Assessor.Domain.Assessments;

/// <summary>
/// R3b: ROI_t = [(OP_t + Dep_t) − (OP_0 + Dep_0)] ÷ the plan's whole investment (every asset, qualifying or
/// not); the average over t1..t3 must reach the threshold. Decided as Σ gains ≥ 3 × threshold × investment, exactly.
/// </summary>
public sealed class ReturnOnInvestmentRule : IRequirementRule
{
    public string Id => RequirementIds.ReturnOnInvestment;

    public RequirementResult Evaluate(AssessmentContext context)
    {
        var threshold = context.Regime.ReturnOnInvestmentThreshold;
        var investment = context.Investment.Total;
        if (!FinancialYears.TryResolve(context.Plan, out var rows, out var missing))
        {
            return RequirementResult.Decide(Id, false, missing, new ReturnOnInvestmentFigures(null, threshold, [], investment));
        }

        var baseEarnings = Earnings(rows[0]);
        var years = rows.Skip(1).Select((row, i) =>
        {
            var gain = Earnings(row) - baseEarnings;
            decimal? roi = investment > 0 ? DecimalMath.RoundRate(gain / investment) : null;
            return new ReturnOnInvestmentYear(row.FiscalYear, i + 1, gain, roi);
        }).ToList();
        if (investment <= 0)
        {
            return RequirementResult.Decide(Id, false, [Reasons.InvestmentZero()], new ReturnOnInvestmentFigures(null, threshold, years, investment));
        }

        var totalGain = years.Sum(y => y.Gain);
        var passes = totalGain >= FinancialYears.YearsAfterBase * threshold * investment;
        var average = DecimalMath.RoundRate(totalGain / (FinancialYears.YearsAfterBase * (decimal)investment));
        var reason = passes ? Reasons.RoiMeetsTarget(average, threshold) : Reasons.RoiBelowTarget(average, threshold);
        return RequirementResult.Decide(Id, passes, [reason], new ReturnOnInvestmentFigures(average, threshold, years, investment));
    }

    private static decimal Earnings(Plans.FinancialYear row) => (decimal)row.OperatingProfit + row.Depreciation;
}

/// <summary>Average ROI rounded to 4 decimals (null when it cannot be measured), and the whole investment in yen.</summary>
/// <param name="Average">The mean ROI over t1..t3, rounded to 4 decimals; absent when it cannot be measured.</param>
/// <param name="Threshold">The ROI the regime asks for, e.g. 0.15.</param>
/// <param name="ByYear">The figures of each year t1..t3.</param>
/// <param name="Investment">The cost of all the plan's assets, qualifying or not, in yen.</param>
public sealed record ReturnOnInvestmentFigures(decimal? Average, decimal Threshold, IReadOnlyList<ReturnOnInvestmentYear> ByYear, long Investment);

/// <summary>Year t: the gain in operating profit + depreciation over t0 (yen), and that gain ÷ investment rounded to 4 decimals.</summary>
/// <param name="FiscalYear">The fiscal year.</param>
/// <param name="T">The year's place in the plan, 1 to 3.</param>
/// <param name="Gain">The gain in operating profit + depreciation over t0, in yen.</param>
/// <param name="Roi">The gain ÷ investment, rounded to 4 decimals; absent without an investment.</param>
public sealed record ReturnOnInvestmentYear(int FiscalYear, int T, decimal Gain, decimal? Roi);
