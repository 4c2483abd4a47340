using Assessor.Domain.Procedure;
using Assessor.Domain.RegimeDefinitions;
using Assessor.Domain.Reports;
using Assessor.Service.Attestations;
using Assessor.Service.Plans;

namespace Assessor.Service.SelfChecks;

/// <summary>The applicant's own self-check run on the current revision (the IT introduction subsidy's SECURITY ACTION ★★).</summary>
public sealed class SelfCheckSource(SelfCheckRuns runs) : IAttestationSource
{
    public AttestationKind Kind => AttestationKind.ApplicantSelfCheck;

    public async Task<AttestationEvidence> EvidenceAsync(PlanRow plan, AttestationRequirement requirement, CancellationToken cancellationToken) =>
        await Current(plan, requirement, cancellationToken) is { } state ? new SelfCheckEvidence(state.Result) : AttestationEvidence.None;

    public async Task<ReportAttestation?> ReportAsync(PlanRow plan, AttestationRequirement requirement, CancellationToken cancellationToken) =>
        await Current(plan, requirement, cancellationToken) is { } state ? new SelfCheckReportAttestation(state.ForReport()) : null;

    /// <summary>The current revision's run, when it answers the checklist the regime asks for.</summary>
    private async Task<SelfCheckState?> Current(PlanRow plan, AttestationRequirement requirement, CancellationToken cancellationToken) =>
        await runs.CurrentAsync(plan, cancellationToken) is { } state
        && (requirement.Checklist is null || (state.Checklist.Id == requirement.Checklist.Id && state.Checklist.Version == requirement.Checklist.Version))
            ? state
            : null;
}
