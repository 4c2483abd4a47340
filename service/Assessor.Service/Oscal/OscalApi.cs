using System.Security.Claims;
using System.Security.Cryptography;
using Assessor.Domain.RegimeDefinitions;
using Assessor.Domain.Reports;
using Assessor.Service.Assessments;
using Assessor.Service.Decisions;
using Assessor.Service.Http;
using Assessor.Service.Identity;
using Assessor.Service.Log;
using Assessor.Service.Plans;
using Assessor.Service.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;

namespace Assessor.Service.Oscal;

public static class OscalApi
{
    public static RouteHandlerBuilder MapOscal(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/plans/{id:guid}/oscal", GetOscal).RequireAuthorization().WithTags("Reports")
            .WithName("GetPlanOscal").WithSummary("The plan's assessment and security attestation as an OSCAL 1.0.6 assessment-results document")
            .WithDescription("The current revision's requirements, the attested checklist items with their NIST CSF 2.0 and ISO/IEC 27001 mappings "
                + "(one finding each), the answers and evidence as observations, the sign-off as an attestation and the plan's audit-log history, "
                + "as OSCAL `assessment-results` JSON. UUIDs derive from the service's ids, so the same stored state always gives the same bytes "
                + "(`ETag` is their SHA-256). See docs/oscal.md.")
            .Produces(StatusCodes.Status200OK).WithOscalDocument(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .WithResponseHeaders(StatusCodes.Status200OK, ResponseHeader.ETag, ResponseHeader.ContentDisposition);

    /// <summary>
    /// Declares a response body that is an OSCAL assessment-results document in <paramref name="mediaType"/>. NIST's schema
    /// defines the document; the contract names only its root, which is all it promises itself.
    /// </summary>
    public static TBuilder WithOscalDocument<TBuilder>(this TBuilder builder, int status, string mediaType)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, context, _) =>
        {
            var response = OpenApiContract.Response(operation, status, context);
            response.Content ??= new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal);
            response.Content[mediaType] = new()
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "An OSCAL 1.0.6 assessment-results document, valid against NIST's OSCAL assessment-results JSON Schema.",
                    Required = new HashSet<string>(StringComparer.Ordinal) { "assessment-results" },
                    Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
                    {
                        ["assessment-results"] = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Object,
                            Description = "The assessment results: metadata, the assessed revision as `import-ap`, and one result.",
                        },
                    },
                },
            };
            return Task.CompletedTask;
        });

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetOscal(
        Guid id, HttpContext context, ClaimsPrincipal user, PlanStore plans, PlanAssessments assessments, OscalSources sources,
        DecisionStore decisions, LogStore log, CancellationToken cancellationToken)
    {
        var plan = await plans.GetAsync(id, PlanScope.For(Caller.From(user)), cancellationToken);
        if (plan is null || !RegimeRegistry.TryGet(plan.Regime, out var regime) || await assessments.AssessCurrentAsync(plan, cancellationToken) is not { } assessment)
        {
            return Problems.NotFound("Plan");
        }

        var latest = await decisions.LatestAsync(plan.Id, cancellationToken);
        var input = await sources.ForAsync(plan, regime, assessment,
            latest is null ? null : new ReportDecision(latest.Decision, latest.Reason, latest.ReviewerName, latest.DecidedAt),
            await log.ReportHistoryAsync(plan.Id, certification: null, cancellationToken), cancellationToken);
        var body = OscalExport.ToJson(input);
        context.Response.Headers.ETag = $"\"sha256:{Convert.ToHexStringLower(SHA256.HashData(body))}\"";
        return TypedResults.File(body, "application/json", ReportFormats.FileName(plan.Id, plan.CurrentRevision, ReportFormats.Oscal));
    }
}
