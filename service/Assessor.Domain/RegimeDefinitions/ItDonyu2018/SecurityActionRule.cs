using Assessor.Domain.Assessments;
using Assessor.Domain.Checklists;

namespace Assessor.Domain.RegimeDefinitions.ItDonyu2018;

/// <summary>
/// <c>security-action</c>: a SECURITY ACTION declaration with a level and an id. ★ passes on the declaration; ★★ stays
/// <c>pending</c> until the applicant has answered every item of the self-check on the assessed revision. The score does not
/// decide: it is shown, with its band, for the reviewer.
/// </summary>
public sealed class SecurityActionRule : IItDonyuRule
{
    public string Id => ItDonyuRequirements.SecurityAction;

    public RequirementResult Evaluate(ItDonyuContext context)
    {
        var declaration = context.Plan.SecurityAction;
        var selfCheck = context.SelfCheck is { } run ? SelfCheckSummary.Of(run) : null;
        if (declaration is null)
        {
            return RequirementResult.Decide(Id, false, [ItDonyuReasons.SecurityActionMissing()], new SecurityActionFigures(null, null, selfCheck));
        }

        var figures = new SecurityActionFigures(declaration.Level, declaration.DeclarationId, selfCheck);
        if (string.IsNullOrWhiteSpace(declaration.DeclarationId))
        {
            return RequirementResult.Decide(Id, false, [ItDonyuReasons.DeclarationIdMissing()], figures);
        }

        if (declaration.Level == SecurityActionLevel.OneStar)
        {
            return RequirementResult.Decide(Id, true, [ItDonyuReasons.OneStarDeclared(declaration.DeclarationId)], figures);
        }

        return context.SelfCheck is { Complete: true } complete
            ? RequirementResult.Decide(Id, true, [ItDonyuReasons.SelfCheckComplete(declaration.DeclarationId, complete)], figures)
            : new RequirementResult(Id, RequirementStatus.Pending, [ItDonyuReasons.SelfCheckPending(context.SelfCheck)], figures);
    }
}

/// <summary>The figures of <c>security-action</c>: the declaration as given, and the self-check on the revision when there is one.</summary>
/// <param name="Level"><c>one-star</c> or <c>two-star</c>; absent without a declaration.</param>
/// <param name="DeclarationId">The declaration's id as given; absent when not given.</param>
/// <param name="SelfCheck">The applicant's self-check run on the assessed revision; absent when there is none.</param>
public sealed record SecurityActionFigures(SecurityActionLevel? Level, string? DeclarationId, SelfCheckSummary? SelfCheck);

/// <summary>A self-check run as the assessment shows it; <c>score</c> and <c>band</c> once every item is answered.</summary>
/// <param name="RunId">The self-check run (<c>GET /self-check-runs/{id}</c>).</param>
/// <param name="Checklist">The checklist answered, as <c>id@version</c>.</param>
/// <param name="Answered">How many items are answered.</param>
/// <param name="Items">How many items the checklist has.</param>
/// <param name="Complete">True when every item is answered.</param>
/// <param name="Score">The total score once complete; absent before.</param>
/// <param name="Maximum">The highest possible score.</param>
/// <param name="Band">The band the score falls in once complete; absent before.</param>
public sealed record SelfCheckSummary(Guid RunId, string Checklist, int Answered, int Items, bool Complete, int? Score, int Maximum, ScoreBandSummary? Band)
{
    public static SelfCheckSummary Of(SelfCheckResult result) => new(
        result.RunId, result.Checklist.ToString(), result.Answered, result.Items, result.Complete, result.Score, result.Maximum,
        result.Band is { } band ? new ScoreBandSummary(band.From, band.To, band.Meaning, band.SecurityAction) : null);
}

/// <summary>The band a score falls in: its range, what it means and the advice on ★★ it carries.</summary>
/// <param name="From">The band's lowest score, included.</param>
/// <param name="To">The band's highest score, included.</param>
/// <param name="Meaning">What a score in the band says, in Japanese and English.</param>
/// <param name="SecurityAction">The advice on a ★★ declaration for a score in the band, in Japanese and English.</param>
public sealed record ScoreBandSummary(int From, int To, LocalizedText Meaning, LocalizedText SecurityAction);
