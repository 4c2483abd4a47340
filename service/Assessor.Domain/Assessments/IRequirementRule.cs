using Assessor.Domain.Plans;

namespace Assessor.Domain.Assessments;

/// <summary>One certification requirement of a regime. Rules are pure and stateless.</summary>
public interface IRequirementRule
{
    /// <summary>The requirement id as docs/rules.md names it (see <see cref="RequirementIds"/>).</summary>
    string Id { get; }

    RequirementResult Evaluate(AssessmentContext context);
}

/// <summary>What every rule may read, with the figures several rules share computed once.</summary>
public sealed class AssessmentContext
{
    private readonly Lazy<QualifyingInvestment> _investment;

    public AssessmentContext(PlanDocument plan, Regime regime, SecurityStatus security)
    {
        Plan = plan;
        Regime = regime;
        Security = security;
        _investment = new Lazy<QualifyingInvestment>(() => QualifyingInvestment.Compute(plan, regime), LazyThreadSafetyMode.None);
    }

    public PlanDocument Plan { get; }
    public Regime Regime { get; }
    public SecurityStatus Security { get; }
    public QualifyingInvestment Investment => _investment.Value;
}
