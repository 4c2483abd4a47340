using System.Text.Json.Serialization;
using Assessor.Domain.Attestations;

namespace Assessor.Domain.Procedure;

/// <summary>
/// Who vouches for a plan's security, and how. A regime names the kind its plans need (see
/// <see cref="AttestationRequirement"/>); the procedure around it (lifecycle, decisions) is the same for all.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<AttestationKind>))]
public enum AttestationKind
{
    /// <summary>
    /// A registered specialist (RISS, or an IT Coordinator for SMEs) runs a checklist on the submitted revision and signs
    /// it off offline (DSSE): the Connected Industries tax's security requirement.
    /// </summary>
    [JsonStringEnumMemberName("specialist-signoff")] SpecialistSignoff,

    /// <summary>
    /// The applicant answers a self-check checklist on its own plan revision with its own key; no specialist and no
    /// signature: the IT introduction subsidy's SECURITY ACTION ★★.
    /// </summary>
    [JsonStringEnumMemberName("applicant-self-check")] ApplicantSelfCheck,

    /// <summary>
    /// A certified support organisation (認定経営革新等支援機関) runs the regime's confirmation checklist on the submitted
    /// revision and signs it off offline (DSSE), through the same runs and sign-off as <see cref="SpecialistSignoff"/>: the
    /// Monozukuri subsidy's <c>support-organisation</c> requirement.
    /// </summary>
    [JsonStringEnumMemberName("support-organisation-signoff")] SupportOrganisationSignoff,
}

/// <summary>A published checklist version, by id and version.</summary>
/// <param name="Id">The checklist's id, e.g. <c>ipa-self-check</c>.</param>
/// <param name="Version">The checklist's version, e.g. 1.</param>
public sealed record ChecklistRef(string Id, int Version)
{
    public override string ToString() => $"{Id}@{Version}";
}

/// <summary>What attestation a regime's plans need.</summary>
/// <param name="Kind">Who attests, and how.</param>
/// <param name="RequirementId">The requirement of the regime's assessment the attestation decides (e.g. <c>security</c>).</param>
/// <param name="Checklist">
/// The checklist the attestation answers, when the regime fixes one; null when the attester chooses a published checklist.
/// </param>
public sealed record AttestationRequirement(AttestationKind Kind, string RequirementId, ChecklistRef? Checklist)
{
    /// <summary>The registered security experts the Connected Industries tax takes: a RISS, or an IT Coordinator for an SME.</summary>
    public static IReadOnlyList<SpecialistKind> SecurityExperts { get; } = [SpecialistKind.Riss, SpecialistKind.ItCoordinator];

    /// <summary>
    /// For a signed checklist run, the kinds of registered attestor whose sign-off counts; a registered attestor of another kind
    /// is refused. Empty for an attestation nobody in the registry gives.
    /// </summary>
    public IReadOnlyList<SpecialistKind> Attestors { get; init; } = [];
}
