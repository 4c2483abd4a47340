using Assessor.Domain.Checklists;
using Assessor.Domain.Procedure;

namespace Assessor.Service.SelfChecks;

/// <summary>An applicant's answer to one self-check item; answering again replaces the earlier answer.</summary>
/// <param name="Answer"><c>done</c>, <c>partly</c>, <c>not-done</c>, <c>unknown</c> or <c>not-applicable</c>.</param>
/// <param name="Notes">Free notes on the answer, at most 4000 characters.</param>
public sealed record SelfCheckAnswerRequest(string? Answer, string? Notes);

/// <summary>The answer recorded for a self-check item.</summary>
/// <param name="Answer"><c>done</c>, <c>partly</c>, <c>not-done</c>, <c>unknown</c> or <c>not-applicable</c>.</param>
/// <param name="Points">The points the answer earns under the checklist's scoring (done 4, partly 2, not done 0, unknown −1, not applicable 4).</param>
/// <param name="Notes">The applicant's notes; absent unless given.</param>
/// <param name="AnsweredAt">When the item was last answered (ISO-8601, UTC).</param>
public sealed record SelfCheckAnswerView(SelfCheckAnswer Answer, int Points, string? Notes, DateTimeOffset AnsweredAt);

/// <summary>One item of a self-check run, with its answer so far.</summary>
/// <param name="Id">The item's id; answer it with <c>PUT /self-check-runs/{id}/answers/{itemId}</c>.</param>
/// <param name="Category">The id of the checklist category (part) the item belongs to.</param>
/// <param name="Mandatory">True for the five basic items behind a SECURITY ACTION ★ declaration; every item must be answered to complete the run.</param>
/// <param name="Question">The question, in Japanese and English.</param>
/// <param name="Guidance">How to judge the answer, in Japanese and English.</param>
/// <param name="Evidence">What the applicant should have at hand, in Japanese and English.</param>
/// <param name="Answer">The answer recorded for the item; absent while unanswered.</param>
public sealed record SelfCheckItemView(
    string Id, string Category, bool Mandatory, LocalizedText Question, LocalizedText Guidance, LocalizedText Evidence, SelfCheckAnswerView? Answer);

/// <summary>The band a self-check score falls in.</summary>
/// <param name="From">The lowest score of the band, included.</param>
/// <param name="To">The highest score of the band, included.</param>
/// <param name="Meaning">What a score in the band says about the applicant's security, in Japanese and English.</param>
/// <param name="SecurityAction">What a company scoring in the band should do about a SECURITY ACTION ★★ declaration.</param>
public sealed record SelfCheckBandView(int From, int To, LocalizedText Meaning, LocalizedText SecurityAction);

/// <summary>An applicant's self-check run on one plan revision: answered by the applicant's key, with no specialist and no signature.</summary>
/// <param name="Id">The run's id.</param>
/// <param name="PlanId">The id of the plan the run is on.</param>
/// <param name="PlanRevision">The plan revision the run belongs to (the current one when it started); a newer revision supersedes it.</param>
/// <param name="PlanDigest"><c>sha256:</c> and the lower-case hex SHA-256 of that revision's exact bytes.</param>
/// <param name="ChecklistId">The self-check's checklist id, fixed by the plan's regime (e.g. <c>ipa-self-check</c>).</param>
/// <param name="ChecklistVersion">The checklist's version.</param>
/// <param name="Status">
/// <c>open</c> (the plan is a draft or submitted at the run's revision: answerable), <c>superseded</c> (the plan has a newer
/// revision) or <c>closed</c> (the plan was returned or decided). A self-check is never <c>signed</c>.
/// </param>
/// <param name="Answered">How many items have an answer.</param>
/// <param name="ItemCount">How many items the checklist has.</param>
/// <param name="Complete">True when every item is answered: the ★★ declaration's requirement then passes.</param>
/// <param name="Score">The total score, once complete; absent before.</param>
/// <param name="Maximum">The highest possible score.</param>
/// <param name="Band">The band the score falls in, once complete; absent before.</param>
/// <param name="Unanswered">The ids of the items not yet answered, in checklist order.</param>
/// <param name="Items">Every item of the checklist, in order, with its answer so far.</param>
/// <param name="CreatedAt">When the run was started (ISO-8601, UTC).</param>
/// <param name="UpdatedAt">When the run was last answered (ISO-8601, UTC).</param>
public sealed record SelfCheckRunView(
    Guid Id,
    Guid PlanId,
    long PlanRevision,
    string PlanDigest,
    string ChecklistId,
    int ChecklistVersion,
    RunStatus Status,
    int Answered,
    int ItemCount,
    bool Complete,
    int? Score,
    int Maximum,
    SelfCheckBandView? Band,
    IReadOnlyList<string> Unanswered,
    IReadOnlyList<SelfCheckItemView> Items,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
