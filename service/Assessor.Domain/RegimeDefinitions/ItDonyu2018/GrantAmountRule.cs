using Assessor.Domain.Assessments;
using Assessor.Domain.RegimeDefinitions.Subsidies;

namespace Assessor.Domain.RegimeDefinitions.ItDonyu2018;

/// <summary>
/// The grant: floor(eligible cost × rate), the rate an exact fraction (1/2); the amount is that limited to the cap, or 0 when it
/// is below the floor. Computed from the figures whatever the other requirements say, so an applicant sees what it would get.
/// </summary>
public static class GrantCalculator
{
    public static long BeforeCap(long eligibleCost, ItDonyuRegime regime) => (long)(Fraction.Of(eligibleCost) * regime.GrantRate).Floor();

    public static Grant Calculate(EligibleTools tools, ItDonyuRegime regime)
    {
        var grant = BeforeCap(tools.EligibleCost, regime);
        return new Grant
        {
            EligibleCost = tools.EligibleCost,
            Excluded = tools.Excluded,
            Rate = regime.GrantRate.ToString(),
            Floor = regime.GrantFloor,
            Cap = regime.GrantCap,
            Amount = grant < regime.GrantFloor ? 0 : Math.Min(grant, regime.GrantCap),
        };
    }
}

/// <summary><c>grant-amount</c>: the grant before the cap reaches the floor (補助下限額).</summary>
public sealed class GrantAmountRule : IItDonyuRule
{
    public string Id => ItDonyuRequirements.GrantAmount;

    public RequirementResult Evaluate(ItDonyuContext context)
    {
        var regime = context.Regime;
        var grant = GrantCalculator.Calculate(context.Tools, regime);
        var beforeCap = GrantCalculator.BeforeCap(grant.EligibleCost, regime);
        var passes = beforeCap >= regime.GrantFloor;
        var reasons = new List<Reason> { passes ? SubsidyReasons.GrantMeetsFloor(beforeCap, regime.GrantFloor) : SubsidyReasons.GrantBelowFloor(beforeCap, regime.GrantFloor) };
        if (beforeCap > regime.GrantCap)
        {
            reasons.Add(SubsidyReasons.GrantCapApplied(beforeCap, regime.GrantCap));
        }

        return RequirementResult.Decide(Id, passes, reasons,
            new GrantAmountFigures(grant.EligibleCost, grant.Rate, beforeCap, grant.Floor, grant.Cap, grant.Amount));
    }
}

/// <summary>The figures of <c>grant-amount</c>: eligible cost × rate = the grant before the cap, the floor, the cap and the amount paid.</summary>
/// <param name="EligibleCost">The eligible cost in yen.</param>
/// <param name="Rate">The grant rate as an exact fraction, e.g. <c>1/2</c>.</param>
/// <param name="BeforeCap">The eligible cost times the rate, truncated to whole yen: what the floor is compared with.</param>
/// <param name="Floor">The least grant paid, in yen.</param>
/// <param name="Cap">The most paid, in yen.</param>
/// <param name="Amount">The grant paid, in yen: the grant before the cap limited to the cap, or 0 below the floor.</param>
public sealed record GrantAmountFigures(long EligibleCost, string Rate, long BeforeCap, long Floor, long Cap, long Amount);
