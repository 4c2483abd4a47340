using Assessor.Domain.RegimeDefinitions;
using Assessor.Service.Attestations;
using Assessor.Service.Plans;

namespace Assessor.Service.Assessments;

/// <summary>Assesses a stored plan's current revision under its regime, with the attestation its regime needs.</summary>
public sealed class PlanAssessments(PlanStore plans, AttestationSources attestations)
{
    /// <summary>Null when the plan's regime is no longer known (stored revisions passed intake, so they parse).</summary>
    public async Task<IRegimeAssessment?> AssessCurrentAsync(PlanRow plan, CancellationToken cancellationToken)
    {
        if (!RegimeRegistry.TryGet(plan.Regime, out var regime))
        {
            return null;
        }

        var revision = await plans.GetRevisionAsync(plan.Id, plan.CurrentRevision, PlanScope.Everything, cancellationToken)
            ?? throw new InvalidOperationException($"Plan {plan.Id} has no revision {plan.CurrentRevision}.");
        var evidence = await attestations.EvidenceAsync(plan, regime, cancellationToken);
        return regime.Assess(regime.Load(revision.Body), evidence).ForRevision(plan.Id, revision.Number, revision.Digest());
    }
}
