using System.Security.Claims;
using Assessor.Domain.Assessments;
using Assessor.Domain.Plans;
using Assessor.Domain.RegimeDefinitions;
using Assessor.Domain.RegimeDefinitions.Monozukuri2018;
using Assessor.Domain.RegimeDefinitions.Subsidies;
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

    public static async Task<Results<JsonAnswer<MonozukuriAssessment>, JsonAnswer<GrantAssessment>, JsonAnswer<Assessment>, ProblemHttpResult>> AssessPlan(
        Guid id, ClaimsPrincipal user, PlanStore plans, PlanAssessments assessments, CancellationToken cancellationToken)
    {
        var plan = await plans.GetAsync(id, PlanScope.For(Caller.From(user)), cancellationToken);
        if (plan is null)
        {
            return Problems.NotFound("Plan");
        }

        var assessment = await assessments.AssessCurrentAsync(plan, cancellationToken);
        return assessment is null ? PlanIntake.UnknownRegime(plan.Regime) : Answer(assessment);
    }

    public static async Task<Results<JsonAnswer<MonozukuriAssessment>, JsonAnswer<GrantAssessment>, JsonAnswer<Assessment>, ProblemHttpResult>> AssessDocument(HttpContext context, CancellationToken cancellationToken)
    {
        var (accepted, problem) = await PlanIntake.ReadAsync(context.Request, cancellationToken);
        if (accepted is null)
        {
            return problem!;
        }

        // An unsaved document has no attestation: the requirement it decides is pending (or failing) by definition.
        return Answer(accepted.Document.Regime.Assess(accepted.Document, AttestationEvidence.None));
    }

    /// <summary>
    /// An assessment as its outcome's record: the tax's <see cref="Assessment"/>, the IT subsidy's <see cref="GrantAssessment"/> or the
    /// Monozukuri subsidy's <see cref="MonozukuriAssessment"/> (a grant per participant). The
    /// OpenAPI generator documents the last of two answers with one status natively (the tax's, with all its nested schemas);
    /// <see cref="RegimeCatalog.RegimeSchemasTransformer"/> adds the other and declares the answer as an assessment of any regime.
    /// </summary>
    private static Results<JsonAnswer<MonozukuriAssessment>, JsonAnswer<GrantAssessment>, JsonAnswer<Assessment>, ProblemHttpResult> Answer(IRegimeAssessment assessment) => assessment switch
    {
        Assessment tax => JsonAnswer.Of(tax),
        GrantAssessment grant => JsonAnswer.Of(grant),
        MonozukuriAssessment consortium => JsonAnswer.Of(consortium),
        _ => throw new InvalidOperationException($"No response for an assessment of type {assessment.GetType().Name}."),
    };
}
