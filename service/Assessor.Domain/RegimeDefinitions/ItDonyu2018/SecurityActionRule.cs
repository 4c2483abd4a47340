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
        var selfCheck = context.SelfCheck is { } run ? SelfCheckFigures.Of(run) : null;
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
public sealed record SecurityActionFigures(SecurityActionLevel? Level, string? DeclarationId, SelfCheckFigures? SelfCheck);

/// <summary>A self-check run as the assessment shows it; <c>score</c> and <c>band</c> once every item is answered.</summary>
public sealed record SelfCheckFigures(Guid RunId, string Checklist, int Answered, int Items, bool Complete, int? Score, int Maximum, ScoreBandFigures? Band)
{
    public static SelfCheckFigures Of(SelfCheckResult result) => new(
        result.RunId, result.Checklist.ToString(), result.Answered, result.Items, result.Complete, result.Score, result.Maximum,
        result.Band is { } band ? new ScoreBandFigures(band.From, band.To, band.Meaning, band.SecurityAction) : null);
}

/// <summary>The band a score falls in: its range, what it means and the advice on ★★ it carries.</summary>
public sealed record ScoreBandFigures(int From, int To, LocalizedText Meaning, LocalizedText SecurityAction);
