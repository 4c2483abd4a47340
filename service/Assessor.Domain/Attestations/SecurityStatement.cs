using System.Text.Json.Serialization;

namespace Assessor.Domain.Attestations;

[JsonConverter(typeof(JsonStringEnumConverter<Answer>))]
public enum Answer
{
    [JsonStringEnumMemberName("satisfied")] Satisfied,
    [JsonStringEnumMemberName("not-satisfied")] NotSatisfied,
    [JsonStringEnumMemberName("not-applicable")] NotApplicable,
}

[JsonConverter(typeof(JsonStringEnumConverter<SpecialistKind>))]
public enum SpecialistKind
{
    [JsonStringEnumMemberName("riss")] Riss,
    [JsonStringEnumMemberName("it-coordinator")] ItCoordinator,
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

public sealed record ItemAnswer(string ItemId, bool Mandatory, Answer Answer, string? Justification, string? Notes, IReadOnlyList<EvidenceReference> Evidence);

public sealed record StatementSubject(string Name, IReadOnlyDictionary<string, string> Digest);

public sealed record AttestedPlan(Guid Id, long Revision, string ApplicantCorporateNumber);

public sealed record AttestedChecklist(string Id, int Version);

public sealed record AttestingSpecialist(string RegistrationNumber, SpecialistKind Kind, string Name);

/// <summary>The predicate of our security attestation: what the specialist's signature vouches for.</summary>
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
