using Assessor.Domain.Assessments;
using Assessor.Domain.Checklists;
using Assessor.Domain.Procedure;

namespace Assessor.Domain.RegimeDefinitions;

/// <summary>
/// The attestation on record for a plan revision, of the kind its regime needs (see <see cref="AttestationRequirement"/>):
/// the input of the requirement the attestation decides.
/// </summary>
public abstract record AttestationEvidence
{
    /// <summary>Nothing on record: an unsaved document, or a revision nobody has attested yet.</summary>
    public static AttestationEvidence None { get; } = new Nothing();

    private sealed record Nothing : AttestationEvidence;
}

/// <summary>A specialist's sign-off, as the security requirement reports it.</summary>
public sealed record SignoffEvidence(SecurityStatus Security) : AttestationEvidence;

/// <summary>The applicant's self-check run on the revision.</summary>
public sealed record SelfCheckEvidence(SelfCheckResult Result) : AttestationEvidence;

/// <summary>Where an applicant's self-check run stands: how much is answered and, once every item is, its score and band.</summary>
/// <param name="RunId">The self-check run.</param>
/// <param name="Checklist">The checklist answered.</param>
/// <param name="Answered">How many items have an answer.</param>
/// <param name="Items">How many items the checklist has.</param>
/// <param name="Score">The total score, once every item is answered; null before.</param>
/// <param name="Maximum">The highest possible score.</param>
/// <param name="Band">The band the score falls in, once every item is answered; null before.</param>
/// <param name="UpdatedAt">The time of the last answer (or of the run's start).</param>
public sealed record SelfCheckResult(
    Guid RunId, ChecklistRef Checklist, int Answered, int Items, int? Score, int Maximum, ScoreBand? Band, DateTimeOffset UpdatedAt)
{
    public bool Complete => Answered >= Items;

    /// <summary>Scores a run's answers with the checklist's own scoring; items the checklist does not have are ignored.</summary>
    public static SelfCheckResult Of(
        Guid runId, ChecklistDefinition checklist, IReadOnlyDictionary<string, SelfCheckAnswer> answers, DateTimeOffset updatedAt)
    {
        var scoring = checklist.Scoring
            ?? throw new ArgumentException($"Checklist {checklist.Id} v{checklist.Version} has no scoring; it is not a self-check.", nameof(checklist));
        var given = checklist.Items.Where(i => answers.ContainsKey(i.Id)).Select(i => answers[i.Id]).ToList();
        var complete = given.Count == checklist.Items.Count;
        var score = complete ? scoring.Score(given) : (int?)null;
        return new SelfCheckResult(
            runId, new ChecklistRef(checklist.Id, checklist.Version), given.Count, checklist.Items.Count, score, scoring.Maximum,
            score is { } total ? scoring.BandFor(total) : null, updatedAt);
    }
}
