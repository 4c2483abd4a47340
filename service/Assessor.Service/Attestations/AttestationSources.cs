using Assessor.Domain.Attestations;
using Assessor.Domain.Procedure;
using Assessor.Domain.RegimeDefinitions;
using Assessor.Domain.RegimeDefinitions.Monozukuri2018;
using Assessor.Domain.Reports;
using Assessor.Service.Plans;

namespace Assessor.Service.Attestations;

/// <summary>
/// Where the attestations of one <see cref="AttestationKind"/> are kept: the evidence the regime's assessment reads, and the
/// section its report shows. The service holds one source per kind; a regime names the kind it needs.
/// </summary>
public interface IAttestationSource
{
    AttestationKind Kind { get; }

    /// <summary>The attestation on record for the plan's current revision (<see cref="AttestationEvidence.None"/> when there is none).</summary>
    Task<AttestationEvidence> EvidenceAsync(PlanRow plan, AttestationRequirement requirement, CancellationToken cancellationToken);

    /// <summary>The attestation as the plan's report shows it; null when there is none.</summary>
    Task<ReportAttestation?> ReportAsync(PlanRow plan, AttestationRequirement requirement, CancellationToken cancellationToken);
}

/// <summary>The attestation sources, by kind: the one place that knows which store answers for which kind of attestation.</summary>
public sealed class AttestationSources(IEnumerable<IAttestationSource> sources)
{
    private readonly Dictionary<AttestationKind, IAttestationSource> byKind = sources.ToDictionary(s => s.Kind);

    public IAttestationSource For(AttestationKind kind) =>
        byKind.TryGetValue(kind, out var source) ? source : throw new InvalidOperationException($"No attestation source for {kind.ToWire()} is registered.");

    public Task<AttestationEvidence> EvidenceAsync(PlanRow plan, IRegimeDefinition regime, CancellationToken cancellationToken) =>
        For(regime.Attestation.Kind).EvidenceAsync(plan, regime.Attestation, cancellationToken);

    public Task<ReportAttestation?> ReportAsync(PlanRow plan, IRegimeDefinition regime, CancellationToken cancellationToken) =>
        For(regime.Attestation.Kind).ReportAsync(plan, regime.Attestation, cancellationToken);
}

/// <summary>A registered specialist's signed checklist run (the Connected Industries tax's security requirement).</summary>
public sealed class SpecialistSignoffSource(SignoffStore signoffs, RunStatements runs) : IAttestationSource
{
    public AttestationKind Kind => AttestationKind.SpecialistSignoff;

    public async Task<AttestationEvidence> EvidenceAsync(PlanRow plan, AttestationRequirement requirement, CancellationToken cancellationToken) =>
        new SignoffEvidence(await signoffs.SecurityStatusAsync(plan, cancellationToken));

    public Task<ReportAttestation?> ReportAsync(PlanRow plan, AttestationRequirement requirement, CancellationToken cancellationToken) =>
        ReportAsync(signoffs, runs, plan, requirement, cancellationToken);

    /// <summary>
    /// The latest sign-off on the current revision, with the answers it signed: the report section of every kind of attestation
    /// that is a signed checklist run, whoever the registered signer is.
    /// </summary>
    internal static async Task<ReportAttestation?> ReportAsync(
        SignoffStore signoffs, RunStatements runs, PlanRow plan, AttestationRequirement requirement, CancellationToken cancellationToken)
    {
        var signoff = await signoffs.CurrentAsync(plan, cancellationToken);
        var state = signoff is null ? null : await runs.LoadAsync(signoff.RunId, cancellationToken);
        if (signoff is null || state is null)
        {
            return null;
        }

        return new SignoffReportAttestation(new ReportSecurity(
            signoff.Name,
            WireNames<SpecialistKind>.Parse(signoff.Kind),
            signoff.RegistrationNumber,
            signoff.KeyId,
            signoff.SignedAt,
            signoff.Verdict,
            state.Signoff!.StatementSha256,
            SignoffRules.ChecksFor(requirement.Kind),
            state.Checklist.Id,
            state.Checklist.Version,
            state.Checklist.Title.Ja,
            state.Checklist.Title.En,
            state.Checklist.Items.Join(state.Answers, i => i.Id, a => a.ItemId, (i, a) => new ReportAnswer(
                i.Id, i.Category, i.Question.Ja, i.Question.En, i.Mandatory, WireNames<Answer>.Parse(a.Answer), a.Justification, a.Notes,
                a.EvidenceList().Select(e => new ReportEvidence(e.Name, e.Sha256)).ToList())).ToList()));
    }
}

/// <summary>
/// What is on record for a Monozukuri plan's consortium: the participants' confirmations of its current revision, and the
/// support organisation's confirmation, its latest signed <c>monozukuri-confirmation</c> run on the current revision, taken
/// through the same runs and sign-off as the tax's specialists.
/// </summary>
public sealed class SupportOrganisationSource(ConsortiumConsentStore consents, SignoffStore signoffs, RunStatements runs) : IAttestationSource
{
    public AttestationKind Kind => AttestationKind.SupportOrganisationSignoff;

    public async Task<AttestationEvidence> EvidenceAsync(PlanRow plan, AttestationRequirement requirement, CancellationToken cancellationToken) =>
        new ConsortiumEvidence(await consents.CurrentAsync(plan, cancellationToken), await ConfirmationAsync(plan, cancellationToken));

    public Task<ReportAttestation?> ReportAsync(PlanRow plan, AttestationRequirement requirement, CancellationToken cancellationToken) =>
        SpecialistSignoffSource.ReportAsync(signoffs, runs, plan, requirement, cancellationToken);

    private async Task<SupportOrganisationConfirmation?> ConfirmationAsync(PlanRow plan, CancellationToken cancellationToken) =>
        await signoffs.CurrentAsync(plan, cancellationToken) is { } signoff
            ? new SupportOrganisationConfirmation(signoff.RegistrationNumber, signoff.EmployerCorporateNumber, signoff.Verdict == Verdict.Pass)
            : null;
}
