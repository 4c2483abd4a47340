using System.Text.Json.Serialization;

namespace Assessor.Domain.Attestations;

[JsonConverter(typeof(JsonStringEnumConverter<Answer>))]
public enum Answer
{
    [JsonStringEnumMemberName("satisfied")] Satisfied,
    [JsonStringEnumMemberName("not-satisfied")] NotSatisfied,
    [JsonStringEnumMemberName("not-applicable")] NotApplicable,
}

/// <summary>The kinds of attestor the registry holds; a regime names the kinds whose sign-off it takes.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SpecialistKind>))]
public enum SpecialistKind
{
    [JsonStringEnumMemberName("riss")] Riss,
    [JsonStringEnumMemberName("it-coordinator")] ItCoordinator,

    /// <summary>A certified support organisation (認定経営革新等支援機関), which confirms Monozukuri plans.</summary>
    [JsonStringEnumMemberName("support-organisation")] SupportOrganisation,
}

/// <summary>A checklist run's outcome: <c>pass</c>, <c>fail</c> (a mandatory item not satisfied) or <c>incomplete</c> (a mandatory item unanswered).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Verdict>))]
public enum Verdict
{
    /// <summary>Every mandatory item is answered and none is not-satisfied.</summary>
    [JsonStringEnumMemberName("pass")] Pass,

    /// <summary>A mandatory item is not-satisfied; still signable, and the security requirement fails.</summary>
    [JsonStringEnumMemberName("fail")] Fail,

    /// <summary>A mandatory item has no answer yet; not signable.</summary>
    [JsonStringEnumMemberName("incomplete")] Incomplete,
}

/// <summary>A piece of evidence a specialist saw, by name and content hash (the file itself is not uploaded).</summary>
/// <param name="Name">The evidence's name, e.g. a file name or document title.</param>
/// <param name="Sha256">The lower-case hex SHA-256 of the evidence file (64 hex digits).</param>
public sealed record EvidenceReference(string Name, string Sha256);

/// <summary>One item's answer as the statement records it.</summary>
/// <param name="ItemId">The checklist item's id.</param>
/// <param name="Mandatory">True for a mandatory item.</param>
/// <param name="Answer"><c>satisfied</c>, <c>not-satisfied</c> or <c>not-applicable</c>.</param>
/// <param name="Justification">Why the item does not apply; absent unless given.</param>
/// <param name="Notes">The specialist's notes; absent unless given.</param>
/// <param name="Evidence">The evidence references given with the answer; may be empty.</param>
public sealed record ItemAnswer(string ItemId, bool Mandatory, Answer Answer, string? Justification, string? Notes, IReadOnlyList<EvidenceReference> Evidence);

/// <summary>What a statement is about, by name and digest.</summary>
/// <param name="Name">The subject's name, e.g. <c>plans/{id}/revisions/{n}</c> or a report file's name.</param>
/// <param name="Digest">Its digests by algorithm: <c>sha256</c> and the lower-case hex SHA-256 of its bytes.</param>
public sealed record StatementSubject(string Name, IReadOnlyDictionary<string, string> Digest);

/// <summary>The plan revision a statement attests.</summary>
/// <param name="Id">The plan's id.</param>
/// <param name="Revision">The revision attested.</param>
/// <param name="ApplicantCorporateNumber">The applying company's 13-digit corporate number.</param>
public sealed record AttestedPlan(Guid Id, long Revision, string ApplicantCorporateNumber);

/// <summary>The checklist a run used.</summary>
/// <param name="Id">The checklist's id.</param>
/// <param name="Version">The checklist's version.</param>
public sealed record AttestedChecklist(string Id, int Version);

/// <summary>The specialist who answers and signs.</summary>
/// <param name="RegistrationNumber">The RISS registration number or the IT Coordinator's number.</param>
/// <param name="Kind"><c>riss</c> or <c>it-coordinator</c>.</param>
/// <param name="Name">The specialist's name.</param>
public sealed record AttestingSpecialist(string RegistrationNumber, SpecialistKind Kind, string Name);

/// <summary>The predicate of our security attestation: what the specialist's signature vouches for.</summary>
/// <param name="RunId">The checklist run's id.</param>
/// <param name="Plan">The plan revision attested.</param>
/// <param name="Checklist">The checklist and version answered.</param>
/// <param name="Specialist">The specialist who signs.</param>
/// <param name="Answers">Every answered item, in checklist order.</param>
/// <param name="Verdict"><c>pass</c>, <c>fail</c> or <c>incomplete</c>.</param>
/// <param name="Time">When the last answer was given (ISO-8601, UTC).</param>
public sealed record SecurityPredicate(
    Guid RunId,
    AttestedPlan Plan,
    AttestedChecklist Checklist,
    AttestingSpecialist Specialist,
    IReadOnlyList<ItemAnswer> Answers,
    Verdict Verdict,
    DateTimeOffset Time);


public static class SecurityStatement
{
    public const string PredicateType = "https://assessor.example/attestations/security-checklist/v1";

    /// <summary>Pass, fail (a mandatory item not satisfied) or incomplete (a mandatory item unanswered).</summary>
    public static Verdict VerdictOf(IEnumerable<(string ItemId, bool Mandatory)> items, IReadOnlyDictionary<string, Answer> answers)
    {
        var verdict = Verdict.Pass;
        foreach (var (itemId, mandatory) in items.Where(i => i.Mandatory))
        {
            if (!answers.TryGetValue(itemId, out var answer))
            {
                return Verdict.Incomplete;
            }

            if (answer == Answer.NotSatisfied)
            {
                verdict = Verdict.Fail;
            }
        }

        return verdict;
    }

    /// <summary>The statement whose subject is the attested plan revision.</summary>
    public static InTotoStatement<SecurityPredicate> Create(string revisionSha256, SecurityPredicate predicate) => new(
        InTotoStatements.StatementType,
        [new StatementSubject($"plans/{predicate.Plan.Id:D}/revisions/{predicate.Plan.Revision}", new Dictionary<string, string> { ["sha256"] = revisionSha256 })],
        PredicateType,
        predicate);
}
