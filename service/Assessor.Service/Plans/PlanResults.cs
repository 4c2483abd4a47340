using Assessor.Domain.Procedure;
using Assessor.Service.Http;
using Assessor.Service.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assessor.Service.Plans;

/// <summary>How a plan change is answered, by every feature that changes a plan's status.</summary>
public static class PlanResults
{
    /// <summary>The updated plan with its new ETag, or the problem that stopped the change.</summary>
    public static async Task<Results<Ok<PlanView>, ProblemHttpResult>> RespondAsync(
        PlanChange change, HttpContext context, PlanStore plans, PlanScope scope, CancellationToken cancellationToken)
    {
        switch (change)
        {
            case PlanChange.Done done:
                var revision = await plans.GetRevisionAsync(done.Plan.Id, done.Plan.CurrentRevision, scope, cancellationToken);
                context.Response.Headers.ETag = done.Plan.ETag();
                return TypedResults.Ok(done.Plan.AsView(revision!));
            case PlanChange.Stale:
                return Problems.Create(StatusCodes.Status412PreconditionFailed, "stale-etag", "The plan has changed since you read it",
                    "Fetch the plan again, reapply your change to its current revision and send its new ETag in If-Match.");
            case PlanChange.WrongState state:
                return IllegalTransition(state.Status);
            default:
                return Problems.NotFound("Plan");
        }
    }

    /// <summary>
    /// Why a change found no plan in the caller's <see cref="PlanAccess.Change"/> scope: 403 <c>not-lead</c> for a consortium's
    /// participant, who reads the plan but whose lead alone changes it; 404 for everyone else, as for a plan that does not exist.
    /// </summary>
    public static async Task<ProblemHttpResult> NotChangeableAsync(Guid id, Caller caller, PlanStore plans, CancellationToken cancellationToken) =>
        await plans.GetAsync(id, PlanScope.For(caller), cancellationToken) is null ? Problems.NotFound("Plan") : NotLead();

    /// <summary>403 <c>not-lead</c>: the caller reads the plan as a consortium's participant, but only its lead changes it.</summary>
    public static ProblemHttpResult NotLead() =>
        Problems.Create(StatusCodes.Status403Forbidden, "not-lead", "Only the consortium's lead changes this plan",
            "Your company takes part in this plan and may read it; its lead (applicant.corporateNumber) revises, submits and self-checks it.");

    /// <summary>409: the plan's status does not allow what was asked (see <see cref="PlanLifecycle"/>).</summary>
    public static ProblemHttpResult IllegalTransition(PlanStatus current) =>
        Problems.Create(StatusCodes.Status409Conflict, "illegal-transition", $"Not allowed while the plan is {current.ToWire()}",
            extensions: new Dictionary<string, object?> { ["currentState"] = current.ToWire() });

    /// <summary>
    /// 400 unless <paramref name="ifMatch"/> is <c>*</c> or entity tags in quotes (RFC 9110): an unquoted value is a client
    /// mistake, not a sign that the plan changed.
    /// </summary>
    public static ProblemHttpResult? UnquotedEntityTag(string ifMatch) =>
        ifMatch.Trim() == "*" || ifMatch.Split(',').All(tag => tag.Trim() is var t && (t.StartsWith('"') || t.StartsWith("W/\"", StringComparison.Ordinal)) && t.EndsWith('"') && t.Length >= 2)
            ? null
            : Problems.Create(StatusCodes.Status400BadRequest, "invalid-if-match", "If-Match must hold an entity tag in quotes",
                "Send the ETag header of the plan exactly as you received it, quotes included (e.g. If-Match: \"…\"), or * to overwrite whatever is current.");
}
