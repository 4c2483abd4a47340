using Assessor.Domain.Assessments;
using Assessor.Domain.Plans;
using Assessor.Service.Attestations;
using Assessor.Service.Plans;

namespace Assessor.Service.Assessments;

/// <summary>Assesses a stored plan's current revision, with the security verdict from its sign-off.</summary>
public sealed class PlanAssessments(PlanStore plans, SignoffStore signoffs)
{
    /// <summary>Null when the plan's regime is no longer known (stored revisions passed intake, so they parse).</summary>
    public async Task<Assessment?> AssessCurrentAsync(PlanRow plan, CancellationToken cancellationToken)
    {
        var revision = await plans.GetRevisionAsync(plan.Id, plan.CurrentRevision, PlanScope.Everything, cancellationToken)
            ?? throw new InvalidOperationException($"Plan {plan.Id} has no revision {plan.CurrentRevision}.");
        var document = PlanJson.Parse(revision.Body, out _)!;
        if (!Regimes.TryGet(document.Regime, out var regime))
        {
            return null;
        }

        var security = await signoffs.SecurityStatusAsync(plan, cancellationToken);
        return PlanAssessor.Assess(document, regime, security) with
        {
            PlanId = plan.Id,
            Revision = revision.Number,
            Digest = revision.Digest(),
        };
    }
}
