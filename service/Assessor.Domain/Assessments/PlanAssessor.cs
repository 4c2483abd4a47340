using Assessor.Domain.Plans;

namespace Assessor.Domain.Assessments;

/// <summary>The assessment engine: a plan, a regime and the security verdict in; every requirement and the tax benefit out.</summary>
public static class PlanAssessor
{
    /// <summary>
    /// Assesses a plan that passed <see cref="PlanValidator"/> (whose bound on total asset cost keeps every
    /// yen sum within <c>long</c>). Pure: the same inputs always give the same answer (dates are judged
    /// against the regime's window, never the clock). Unassessable figures (LP0 ≤ 0, a missing year, zero
    /// investment) are failed requirements with reasons, never exceptions.
    /// </summary>
    public static Assessment Assess(PlanDocument plan, Regime regime, SecurityStatus security)
    {
        var context = new AssessmentContext(plan, regime, security);
        var requirements = regime.Rules.Select(rule => Evaluate(rule, context)).ToList();
        return new Assessment
        {
            Regime = regime.Id,
            Eligible = requirements.All(r => r.Status == RequirementStatus.Pass),
            Requirements = requirements,
            TaxBenefit = TaxBenefitCalculator.Calculate(plan, regime, context.Investment.Qualifying),
        };
    }

    // Figures near decimal's range (tens of digits) are not a real plan; answer with a fail, not a 500.
    private static RequirementResult Evaluate(IRequirementRule rule, AssessmentContext context)
    {
        try
        {
            return rule.Evaluate(context);
        }
        catch (OverflowException)
        {
            return new RequirementResult(rule.Id, RequirementStatus.Fail, [Reasons.FiguresOutOfRange()]);
        }
    }
}
