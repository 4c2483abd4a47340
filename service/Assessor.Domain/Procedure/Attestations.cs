using System.Text.Json.Serialization;

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
    /// A certified support organisation (認定経営革新等支援機関) confirms the plan: the Monozukuri subsidy's
    /// <c>support-organisation</c> requirement. This service does not yet take these confirmations, so nothing is ever on
    /// record for them and the requirement stays <c>pending</c>.
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
public sealed record AttestationRequirement(AttestationKind Kind, string RequirementId, ChecklistRef? Checklist);
