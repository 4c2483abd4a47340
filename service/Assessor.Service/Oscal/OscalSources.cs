using Assessor.Domain.Assessments;
using Assessor.Domain.Checklists;
using Assessor.Domain.RegimeDefinitions;
using Assessor.Domain.Reports;
using Assessor.Service.Attestations;
using Assessor.Service.Evidence;
using Assessor.Service.Plans;

namespace Assessor.Service.Oscal;

/// <summary>
/// Reads what an OSCAL export needs besides the plan, its assessment, decision and history: the attestation, the
/// checklist version it answered and the stored evidence. One reader for the live export and the certified bundle, so the
/// document stored at certification is the one the live export gives for the same state.
/// </summary>
public sealed class OscalSources(AttestationSources attestations, ChecklistCatalog catalog, EvidenceStore evidence)
{
    public async Task<OscalInput> ForAsync(
        PlanRow plan, IRegimeDefinition regime, IRegimeAssessment assessment, ReportDecision? decision, IReadOnlyList<ReportHistoryEntry> history,
        CancellationToken cancellationToken)
    {
        var attestation = await attestations.ReportAsync(plan, regime, cancellationToken);
        var checklist = attestation switch
        {
            SignoffReportAttestation { Security: var s } when catalog.TryGet(s.ChecklistId, s.ChecklistVersion, out var c) => c,
            SelfCheckReportAttestation { SelfCheck: var s } when catalog.TryGet(s.ChecklistId, s.ChecklistVersion, out var c) => c,
            _ => null,
        };
        return new OscalInput(plan, assessment.Digest!, assessment, attestation, checklist, decision, history,
            await evidence.OfPlanAsync(plan.Id, cancellationToken));
    }
}
