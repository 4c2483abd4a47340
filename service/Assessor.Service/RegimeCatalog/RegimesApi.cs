using System.Text.Json;
using Assessor.Domain.Checklists;
using Assessor.Domain.Procedure;
using Assessor.Domain.RegimeDefinitions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assessor.Service.RegimeCatalog;

/// <summary>The attestation a regime's plans need.</summary>
/// <param name="Kind">
/// <c>specialist-signoff</c> (a registered specialist signs a checklist run offline), <c>applicant-self-check</c> (the
/// applicant answers the regime's self-check on its own plan revision, no signature) or <c>support-organisation-signoff</c> (a
/// certified support organisation confirms the plan; not yet taken by this service, so the requirement stays pending).
/// </param>
/// <param name="Requirement">The requirement of the assessment the attestation decides, e.g. <c>security</c> or <c>security-action</c>.</param>
/// <param name="Checklist">The checklist the attestation answers, as <c>id@version</c>, when the regime fixes one; absent when the specialist chooses a published checklist.</param>
public sealed record RegimeAttestationView(AttestationKind Kind, string Requirement, string? Checklist);

/// <summary>A regime the service assesses: its windows, what it needs, what it pays out, and the schema of its plan document.</summary>
/// <param name="Id">The regime's id, as a plan's <c>regime</c> names it.</param>
/// <param name="Name">The regime's name in Japanese and English.</param>
/// <param name="Outcome"><c>taxBenefit</c> (the assessment has <c>taxBenefit</c>) or <c>grant</c> (the assessment has <c>grant</c> and <c>bonus</c>).</param>
/// <param name="Attestation">The attestation its plans need.</param>
/// <param name="Windows">The periods the regime is open in (an investment window, or application rounds with their grant-decision days).</param>
/// <param name="Requirements">The ids of the requirements its assessment reports, in order.</param>
/// <param name="Bonus">The bonus items its assessment may list, in order; empty for a tax.</param>
/// <param name="DocumentSchema">
/// The JSON Schema (the dialect of OpenAPI 3.1) of the regime's plan document: the schema the OpenAPI document gives it, with
/// the schemas it refers to under <c>$defs</c>, standing alone (without the base all regimes' documents share there).
/// </param>
public sealed record RegimeView(
    string Id,
    LocalizedText Name,
    OutcomeKind Outcome,
    RegimeAttestationView Attestation,
    IReadOnlyList<RegimeWindow> Windows,
    IReadOnlyList<string> Requirements,
    IReadOnlyList<BonusItem> Bonus,
    JsonElement DocumentSchema);

/// <summary>The regimes the service assesses, described for clients.</summary>
public static class RegimesApi
{
    public static IServiceCollection AddRegimeCatalog(this IServiceCollection services) => services.AddSingleton<RegimeSchemas>();

    public static RouteGroupBuilder MapRegimes(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/regimes").WithTags("Regimes").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("/", List).WithName("ListRegimes").WithSummary("Every regime: windows, requirements, outcome, attestation and the JSON Schema of its plan document")
            .WithDescription("Every regime the service assesses plans under, with its windows, its requirements in order, its outcome (`taxBenefit` or "
                + "`grant`), the attestation it needs, its bonus items, and the JSON Schema of its plan document (the same as in this document).");
        return group;
    }

    public static async Task<Ok<RegimeView[]>> List(RegimeSchemas schemas, CancellationToken cancellationToken)
    {
        var documents = await schemas.DocumentSchemasAsync(cancellationToken);
        return TypedResults.Ok(RegimeRegistry.All.Select(r => new RegimeView(
            r.Id,
            new LocalizedText { Ja = r.NameJa, En = r.NameEn },
            r.Outcome,
            new RegimeAttestationView(r.Attestation.Kind, r.Attestation.RequirementId, r.Attestation.Checklist?.ToString()),
            r.Windows,
            r.Requirements,
            r.Bonus,
            documents[r.Id])).ToArray());
    }
}
