using Assessor.Domain.Assessments;

namespace Assessor.Domain.RegimeDefinitions.ItDonyu2018;

/// <summary>One requirement of <c>it-donyu-2018</c>. Rules are pure and stateless; their figures come from <see cref="ItDonyuRegime"/>.</summary>
public interface IItDonyuRule
{
    /// <summary>The requirement id (see <see cref="ItDonyuRequirements"/>).</summary>
    string Id { get; }

    RequirementResult Evaluate(ItDonyuContext context);
}

/// <summary>What every rule may read, with the eligible tools (which two rules and the grant share) computed once.</summary>
public sealed class ItDonyuContext
{
    private readonly Lazy<EligibleTools> _tools;

    public ItDonyuContext(ItDonyuPlan plan, ItDonyuRegime regime, SelfCheckResult? selfCheck)
    {
        Plan = plan;
        Regime = regime;
        SelfCheck = selfCheck;
        _tools = new Lazy<EligibleTools>(() => EligibleTools.Compute(plan, regime), LazyThreadSafetyMode.None);
    }

    public ItDonyuPlan Plan { get; }

    public ItDonyuRegime Regime { get; }

    /// <summary>The applicant's self-check run on the assessed revision; null when there is none.</summary>
    public SelfCheckResult? SelfCheck { get; }

    public EligibleTools Tools => _tools.Value;
}
