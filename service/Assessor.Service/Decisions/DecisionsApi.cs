using System.Data.Common;
using System.Security.Claims;
using System.Text.Json;
using Assessor.Domain.Assessment;
using Assessor.Domain.Plans;
using Assessor.Domain.Reports;
using Assessor.Service.Assessments;
using Assessor.Service.Http;
using Assessor.Service.Identity;
using Assessor.Service.Plans;
using Assessor.Service.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Assessor.Service.Decisions;

/// <summary>A reviewer's decision on a submitted plan.</summary>
/// <param name="Decision">
/// <c>certify</c> (only when every requirement passes on the current revision, otherwise 409 <c>not-certifiable</c>),
/// <c>reject</c> or <c>return</c> (back to the applicant for a new revision).
/// </param>
/// <param name="Reason">Why: required (not blank) for <c>reject</c> and <c>return</c>, so the applicant can act on it, optional for <c>certify</c>; at most 4000 characters.</param>
/// <param name="Revision">The plan revision the reviewer decided on; when given and no longer current, the decision is refused (409 <c>revision-changed</c>).</param>
public sealed record DecisionRequest(string? Decision, string? Reason, long? Revision);

/// <summary>A ministry reviewer's decision on a submitted plan: certify, reject, or return for revision.</summary>
public static class DecisionsApi
{
    public const int MaxReasonLength = 4000;

    private static readonly Dictionary<string, string> StatusAfter = new(StringComparer.Ordinal)
    {
        ["certify"] = PlanStatus.Certified,
        ["reject"] = PlanStatus.Rejected,
        ["return"] = PlanStatus.Returned,
    };

    public static RouteHandlerBuilder MapDecisions(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/plans/{id:guid}/decision", Decide).RequireAuthorization(Roles.Reviewer).WithTags("Decisions")
            .WithName("DecidePlan").WithSummary("Certify, reject or return a submitted plan")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Results<Ok<PlanView>, ProblemHttpResult>> Decide(
        Guid id, DecisionRequest request, HttpContext context, ClaimsPrincipal user, PlanStore plans, PlanAssessments assessments,
        Reporting reporting, PrincipalStore principals, IOptions<ReportOptions> reportOptions, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = Validate(request);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var caller = Caller.From(user);
        var scope = PlanScope.For(caller);
        var plan = await plans.GetAsync(id, scope, cancellationToken);
        if (plan is null)
        {
            return Problems.NotFound("Plan");
        }

        if (request.Revision is { } revision && revision != plan.CurrentRevision)
        {
            return Problems.Create(StatusCodes.Status409Conflict, "revision-changed", "The plan has another revision now",
                $"You decided on revision {revision}; the current revision is {plan.CurrentRevision}.");
        }

        var decision = new DecisionRecord(Guid.NewGuid(), request.Decision!, request.Reason?.Trim(), caller.Id, clock.GetUtcNow());
        Func<DbConnection, DbTransaction, Task>? storeReport = null;
        if (decision.Decision == "certify" && plan.Status == PlanStatus.Submitted)
        {
            var assessment = await assessments.AssessCurrentAsync(plan, cancellationToken);
            var failing = assessment?.Requirements.Where(r => r.Status != RequirementStatus.Pass).ToList();
            if (assessment is null || failing!.Count > 0)
            {
                return Problems.Create(StatusCodes.Status409Conflict, "not-certifiable", "Not every requirement passes on the current revision",
                    "Certification needs every requirement to pass, including a valid security sign-off on this revision.",
                    new Dictionary<string, object?>
                    {
                        ["failing"] = failing?.Select(r => new { r.Id, Status = r.Status.ToString().ToLowerInvariant(), r.Reasons }).ToList(),
                    });
            }

            // Render and sign before the transaction; store inside it, so a certified plan always has its report.
            var report = await reporting.BuildAsync(plan, assessment,
                new ReportDecision(decision.Decision, decision.Reason, (await principals.NameOfAsync(caller.Id, cancellationToken))!, decision.DecidedAt),
                certified: true, decision.DecidedAt, cancellationToken);
            var rendered = await reporting.RenderAsync(report, ReportsApi.PublicBaseUrl(context, reportOptions.Value), withPdf: true, cancellationToken);
            var envelope = reporting.Sign(rendered, report);
            var stored = new CertifiedReport(rendered.Digest, plan.Id, plan.CurrentRevision, decision.Id,
                JsonSerializer.Serialize(envelope, PlanJson.Options), reporting.SigningKeyId, decision.DecidedAt);
            storeReport = (connection, transaction) => ReportStore.SaveAsync(connection, transaction, stored, rendered.Files, cancellationToken);
        }

        var change = await plans.DecideAsync(id, scope, plan.Version, StatusAfter[decision.Decision], decision, storeReport, cancellationToken);
        return change is PlanChange.Stale
            ? Problems.Create(StatusCodes.Status409Conflict, "plan-changed", "The plan changed while you decided",
                "Another decision, a sign-off or a revision landed first; read the plan and its assessment again.")
            : await PlansApi.RespondAsync(change, context, plans, scope, cancellationToken);
    }

    private static List<ValidationError> Validate(DecisionRequest request)
    {
        var errors = new List<ValidationError>();
        if (request.Decision is null || !StatusAfter.ContainsKey(request.Decision))
        {
            errors.Add(new("$.decision", "Must be certify, reject or return."));
        }
        else if (request.Decision != "certify" && string.IsNullOrWhiteSpace(request.Reason))
        {
            errors.Add(new("$.reason", "A rejection or a return needs a reason the applicant can act on."));
        }

        if (request.Reason is { Length: > MaxReasonLength })
        {
            errors.Add(new("$.reason", $"At most {MaxReasonLength} characters."));
        }

        return errors;
    }
}
