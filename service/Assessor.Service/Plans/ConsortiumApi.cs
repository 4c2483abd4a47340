using System.Security.Claims;
using Assessor.Domain.Plans;
using Assessor.Domain.Procedure;
using Assessor.Service.Http;
using Assessor.Service.Identity;
using Assessor.Service.Log;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assessor.Service.Plans;

/// <summary>A participant's confirmation of the plan's current revision.</summary>
/// <param name="Digest">
/// <c>sha256:</c> and the lower-case hex SHA-256 of the revision the participant read and confirms (the plan's <c>digest</c>);
/// refused with 409 <c>revision-changed</c> when it is not the current revision's.
/// </param>
public sealed record ConsentRequest(string? Digest);

/// <summary>One participant's confirmation of one revision.</summary>
/// <param name="CorporateNumber">The confirming company's corporate number.</param>
/// <param name="Revision">The revision it confirmed.</param>
/// <param name="Digest"><c>sha256:</c> and the hex SHA-256 of that revision's exact bytes.</param>
/// <param name="ConfirmedAt">When it confirmed.</param>
/// <param name="Current">True when the confirmed revision is the plan's current one: only these count for <c>consortium-consent</c>.</param>
public sealed record ConsentView(string CorporateNumber, long Revision, string Digest, DateTimeOffset ConfirmedAt, bool Current);

/// <summary>Who confirmed which revision of a consortium's plan, and who still has to confirm the current one.</summary>
/// <param name="PlanId">The plan.</param>
/// <param name="Revision">The plan's current revision.</param>
/// <param name="Digest"><c>sha256:</c> and the hex SHA-256 of the current revision.</param>
/// <param name="Lead">The lead's corporate number (the plan's applicant): it uploads and submits, and confirms nothing.</param>
/// <param name="Required">The other participants the current revision lists: each must confirm it.</param>
/// <param name="Missing">Those of <c>required</c> that have not confirmed the current revision yet.</param>
/// <param name="Consents">Every confirmation on record, the latest revision first; those of earlier revisions no longer count.</param>
public sealed record ConsortiumConsentsView(
    Guid PlanId, long Revision, string Digest, string Lead, IReadOnlyList<string> Required, IReadOnlyList<string> Missing, IReadOnlyList<ConsentView> Consents);

/// <summary>
/// The consortium's confirmations: each participant other than the lead confirms the plan's current revision with its own
/// applicant key; a new revision needs them all again (see docs/regimes/monozukuri-2018.md).
/// </summary>
public static class ConsortiumApi
{
    public static RouteGroupBuilder MapConsortium(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/plans/{id:guid}").WithTags("Plans").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/consortium-consent", Give).RequireAuthorization(Roles.Applicant)
            .WithName("GiveConsortiumConsent").WithSummary("A consortium participant confirms the plan's current revision")
            .WithDescription("A participant of the plan other than its lead confirms, with its own applicant key, the current revision named by `digest`. "
                + "Allowed while the plan is a draft or submitted; a returned plan needs the lead's new revision first (409 `illegal-transition`). "
                + "A digest that is not the current revision's is 409 `revision-changed`; the lead is 403 `lead-does-not-consent`; a company that "
                + "does not take part sees 404. 201 records the confirmation (and moves the plan's version on); confirming the same revision again "
                + "changes nothing and answers 200.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/consortium-consents", List)
            .WithName("ListConsortiumConsents").WithSummary("Who confirmed which revision, and who still has to")
            .WithDescription("The participants the current revision needs a confirmation from, those still missing, and every confirmation on record "
                + "with its revision and digest. Visible to whoever may see the plan.");
        return group;
    }

    public static async Task<Results<Created<ConsortiumConsentsView>, Ok<ConsortiumConsentsView>, ProblemHttpResult>> Give(
        Guid id, ConsentRequest request, ClaimsPrincipal user, PlanStore plans, ConsortiumConsentStore consents, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        var plan = await plans.GetAsync(id, PlanScope.For(caller), cancellationToken);
        if (plan is null)
        {
            return Problems.NotFound("Plan");
        }

        if (request.Digest is not { } digest || !digest.StartsWith("sha256:", StringComparison.Ordinal) || digest.Length != 71
            || !digest[7..].All(char.IsAsciiHexDigit))
        {
            return Problems.Validation("$.digest", new(
                "Required: the plan's digest as GET /plans/{id} gives it (sha256: and 64 hex digits).",
                "必須です。GET /plans/{id} が返す計画のダイジェスト（sha256: と 16 進数 64 桁）を指定してください。"));
        }

        if (plan.ApplicantCorporateNumber == caller.CorporateNumber)
        {
            return Problems.Create(StatusCodes.Status403Forbidden, "lead-does-not-consent", "The lead does not confirm its own plan",
                "The lead uploads and submits the plan; each of the other participants confirms the current revision with its own key.");
        }

        var revision = (await plans.GetRevisionAsync(plan.Id, plan.CurrentRevision, PlanScope.Everything, cancellationToken))!;
        if (revision.Digest() != digest.ToLowerInvariant())
        {
            return RevisionChanged(plan, revision);
        }

        if (!PlanLifecycle.Allows(plan.Status, PlanAction.Consent))
        {
            return PlanResults.IllegalTransition(plan.Status);
        }

        switch (await consents.GiveAsync(plan, revision.Sha256, caller.CorporateNumber!, caller.Actor(), cancellationToken))
        {
            case ConsentChange.Done { Created: true }:
                var moved = (await plans.GetAsync(id, PlanScope.Everything, cancellationToken))!;
                return TypedResults.Created($"/api/v1/plans/{id}/consortium-consents", await ViewAsync(moved, revision, consents, cancellationToken));
            case ConsentChange.Done:
                return TypedResults.Ok(await ViewAsync(plan, revision, consents, cancellationToken));
            default:
                // A revision or a decision slipped in since the plan was read: say which, as if it had come first.
                var now = (await plans.GetAsync(id, PlanScope.Everything, cancellationToken))!;
                return now.CurrentRevision != plan.CurrentRevision
                    ? RevisionChanged(now, (await plans.GetRevisionAsync(id, now.CurrentRevision, PlanScope.Everything, cancellationToken))!)
                    : PlanResults.IllegalTransition(now.Status);
        }
    }

    public static async Task<Results<Ok<ConsortiumConsentsView>, ProblemHttpResult>> List(
        Guid id, ClaimsPrincipal user, PlanStore plans, ConsortiumConsentStore consents, CancellationToken cancellationToken)
    {
        var plan = await plans.GetAsync(id, PlanScope.For(Caller.From(user)), cancellationToken);
        var revision = plan is null ? null : await plans.GetRevisionAsync(id, plan.CurrentRevision, PlanScope.Everything, cancellationToken);
        return plan is null || revision is null ? Problems.NotFound("Plan") : TypedResults.Ok(await ViewAsync(plan, revision, consents, cancellationToken));
    }

    private static ProblemHttpResult RevisionChanged(PlanRow plan, RevisionRow current) =>
        Problems.Create(StatusCodes.Status409Conflict, "revision-changed", "That is not the plan's current revision",
            $"The plan is at revision {plan.CurrentRevision} ({current.Digest()}); read it and confirm that one.",
            new Dictionary<string, object?> { ["currentRevision"] = plan.CurrentRevision, ["currentDigest"] = current.Digest() });

    private static async Task<ConsortiumConsentsView> ViewAsync(PlanRow plan, RevisionRow revision, ConsortiumConsentStore consents, CancellationToken cancellationToken)
    {
        var required = await consents.OtherParticipantsAsync(plan, cancellationToken);
        var all = await consents.ListAsync(plan.Id, cancellationToken);
        var current = all.Where(c => c.PlanRevision == plan.CurrentRevision).Select(c => c.CorporateNumber).ToHashSet(StringComparer.Ordinal);
        return new ConsortiumConsentsView(plan.Id, plan.CurrentRevision, revision.Digest(), plan.ApplicantCorporateNumber, required,
            [.. required.Where(n => !current.Contains(n))],
            [.. all.Select(c => new ConsentView(c.CorporateNumber, c.PlanRevision, $"sha256:{c.PlanSha256}", c.CreatedAt, c.PlanRevision == plan.CurrentRevision))]);
    }
}
