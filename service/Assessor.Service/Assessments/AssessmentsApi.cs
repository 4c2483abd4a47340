using System.Security.Claims;
using Assessor.Domain.Assessment;
using Assessor.Domain.Plans;
using Assessor.Service.Attestations;
using Assessor.Service.Http;
using Assessor.Service.Identity;
using Assessor.Service.Plans;
using Microsoft.AspNetCore.Http.HttpResults;
using PlanAssessment = Assessor.Domain.Assessment.Assessment;

namespace Assessor.Service.Assessments;

/// <summary>The measure's conditions and tax benefit for a stored plan or an unsaved document.</summary>
public static class AssessmentsApi
{
    public static IEndpointRouteBuilder MapAssessments(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/plans/{id:guid}/assessment", AssessPlan).RequireAuthorization().WithTags("Assessments")
            .WithName("AssessPlan").WithSummary("Assess the plan's current revision")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        routes.MapPost("/assessments", AssessDocument).RequireAuthorization().WithTags("Assessments")
            .WithName("AssessDocument").WithSummary("Assess a plan document without storing it")
            .Accepts<PlanDocument>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return routes;
    }

    public static async Task<Results<Ok<PlanAssessment>, ProblemHttpResult>> AssessPlan(
        Guid id, ClaimsPrincipal user, PlanStore plans, SecuritySignoffs signoffs, CancellationToken cancellationToken)
    {
        var scope = PlanScope.For(Caller.From(user));
        var plan = await plans.GetAsync(id, scope, cancellationToken);
        var revision = plan is null ? null : await plans.GetRevisionAsync(id, plan.CurrentRevision, scope, cancellationToken);
        if (plan is null || revision is null)
        {
            return Problems.NotFound("Plan");
        }

        // Stored revisions passed intake, so they parse; the regime may since have been withdrawn.
        var document = PlanJson.Parse(revision.Body, out _)!;
        if (!Regimes.TryGet(document.Regime, out var regime))
        {
            return PlanIntake.UnknownRegime(document.Regime);
        }

        var security = await signoffs.SecurityStatusAsync(plan, cancellationToken);
        var assessment = PlanAssessor.Assess(document, regime, security) with
        {
            PlanId = plan.Id.ToString("D"),
            Revision = checked((int)revision.Number),
            Digest = revision.Digest(),
        };
        return TypedResults.Ok(assessment);
    }

    public static async Task<Results<Ok<PlanAssessment>, ProblemHttpResult>> AssessDocument(HttpContext context, CancellationToken cancellationToken)
    {
        var (accepted, problem) = await PlanIntake.ReadAsync(context.Request, cancellationToken);
        if (accepted is null)
        {
            return problem!;
        }

        // An unsaved document has no sign-off: security is pending by definition.
        return TypedResults.Ok(PlanAssessor.Assess(accepted.Plan, accepted.Regime, SecurityStatus.Pending));
    }
}
