using System.Security.Claims;
using Assessor.Domain.Assessments;
using Assessor.Domain.Plans;
using Assessor.Service.Http;
using Assessor.Service.Identity;
using Assessor.Service.Plans;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assessor.Service.Assessments;

/// <summary>The measure's conditions and tax benefit for a stored plan or an unsaved document.</summary>
public static class AssessmentsApi
{
    public static IServiceCollection AddAssessments(this IServiceCollection services) => services.AddSingleton<PlanAssessments>();

    public static RouteGroupBuilder MapAssessments(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").WithTags("Assessments").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/plans/{id:guid}/assessment", AssessPlan)
            .WithName("AssessPlan").WithSummary("Assess the plan's current revision")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/assessments", AssessDocument)
            .WithName("AssessDocument").WithSummary("Assess a plan document without storing it")
            .Accepts<PlanDocument>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return group;
    }

    public static async Task<Results<Ok<Assessment>, ProblemHttpResult>> AssessPlan(
        Guid id, ClaimsPrincipal user, PlanStore plans, PlanAssessments assessments, CancellationToken cancellationToken)
    {
        var plan = await plans.GetAsync(id, PlanScope.For(Caller.From(user)), cancellationToken);
        if (plan is null)
        {
            return Problems.NotFound("Plan");
        }

        var assessment = await assessments.AssessCurrentAsync(plan, cancellationToken);
        return assessment is null ? PlanIntake.UnknownRegime(plan.Regime) : TypedResults.Ok(assessment);
    }

    public static async Task<Results<Ok<Assessment>, ProblemHttpResult>> AssessDocument(HttpContext context, CancellationToken cancellationToken)
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
