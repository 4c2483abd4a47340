using Assessor.Domain.Assessments;
using Assessor.Domain.RegimeDefinitions.Subsidies;

namespace Assessor.Domain.RegimeDefinitions.ItDonyu2018;

/// <summary>The assessment of an IT introduction subsidy plan: its eight requirements, the grant and the bonus items.</summary>
public static class ItDonyuAssessor
{
    /// <summary>The requirements, in the order the assessment reports them.</summary>
    public static IReadOnlyList<IItDonyuRule> Rules { get; } =
    [
        new SmeRule(),
        new RoundWindowRule(),
        new SecurityActionRule(),
        new DiagnosisRule(),
        new ThirdPartyReviewRule(),
        new ToolsRule(),
        new ProductivityRule(),
        new GrantAmountRule(),
    ];

    /// <summary>
    /// Assesses a plan that passed <see cref="ItDonyuValidator"/>. Pure: the same plan and self-check always give the same
    /// answer, and dates are judged against the regime's rounds, never the clock.
    /// </summary>
    /// <param name="selfCheck">The applicant's self-check run on the assessed revision; null when there is none.</param>
    public static GrantAssessment Assess(ItDonyuPlan plan, ItDonyuRegime regime, SelfCheckResult? selfCheck)
    {
        var context = new ItDonyuContext(plan, regime, selfCheck);
        var requirements = Rules.Select(rule => rule.Evaluate(context)).ToList();
        return new GrantAssessment
        {
            Regime = regime.Id,
            Eligible = requirements.All(r => r.Status == RequirementStatus.Pass),
            Requirements = requirements,
            Grant = GrantCalculator.Calculate(context.Tools, regime),
            Bonus = [.. regime.Bonus.Where(b => plan.Bonus is { } claimed && b.Claimed(claimed)).Select(b => b.Item.Id)],
        };
    }
}
