using Assessor.Domain.Procedure;

namespace Assessor.Domain.Assessments;

/// <summary>
/// The plan period is at most <see cref="Regime.MaxPlanYears"/> years — it ends no later than the day
/// before the same date N years on (2019-04-01 … 2024-03-31 is exactly five years; from 29 February, the month's last
/// day: <see cref="CivilPeriod"/>) — and starts by the
/// window's end. Assets outside the window are excluded from the base by <see cref="QualifyingInvestment"/>, not failed here.
/// </summary>
public sealed class WindowRule : IRequirementRule
{
    public string Id => RequirementIds.Window;

    public RequirementResult Evaluate(AssessmentContext context)
    {
        var period = context.Plan.Period;
        var regime = context.Regime;
        var latestEnd = CivilPeriod.LastDay(period.Start, regime.MaxPlanYears);
        var reasons = new List<Reason>();
        if (period.End > latestEnd)
        {
            reasons.Add(Reasons.PeriodTooLong(period, latestEnd, regime.MaxPlanYears));
        }

        if (period.Start > regime.WindowEnd)
        {
            reasons.Add(Reasons.PeriodStartsAfterWindow(period, regime));
        }

        var passes = reasons.Count == 0;
        if (passes)
        {
            reasons.Add(Reasons.WindowMet(regime));
        }

        var figures = new WindowFigures(period.Start, period.End, latestEnd, regime.WindowStart, regime.WindowEnd, regime.MaxPlanYears);
        return RequirementResult.Decide(Id, passes, reasons, figures);
    }
}

/// <summary>The plan's period against the regime's window and longest plan.</summary>
/// <param name="PeriodStart">The first day of the plan (<c>YYYY-MM-DD</c>).</param>
/// <param name="PeriodEnd">The last day of the plan.</param>
/// <param name="LatestAllowedEnd">The last day a plan starting then may run to.</param>
/// <param name="WindowStart">The first day of the regime's window.</param>
/// <param name="WindowEnd">The last day of the regime's window.</param>
/// <param name="MaxPlanYears">The longest plan the regime allows, in years (e.g. 5).</param>
public sealed record WindowFigures(DateOnly PeriodStart, DateOnly PeriodEnd, DateOnly LatestAllowedEnd, DateOnly WindowStart, DateOnly WindowEnd, int MaxPlanYears);
