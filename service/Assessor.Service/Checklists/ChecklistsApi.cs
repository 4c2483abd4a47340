using Assessor.Domain.Checklists;
using Assessor.Service.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Assessor.Service.Checklists;

/// <summary>One published checklist version, without its items.</summary>
/// <param name="Id">The checklist's id, e.g. <c>ci-tax-security</c>.</param>
/// <param name="Version">The version number; fetch the items with <c>GET /checklists/{id}/{version}</c>.</param>
/// <param name="Title">The title in Japanese and English.</param>
/// <param name="Description">What the checklist is for, in Japanese and English.</param>
/// <param name="ItemCount">How many items the checklist has.</param>
/// <param name="MandatoryCount">How many of them are mandatory.</param>
public sealed record ChecklistSummary(string Id, int Version, LocalizedText Title, LocalizedText Description, int ItemCount, int MandatoryCount);

/// <summary>The published, versioned security checklists: data files read once at start.</summary>
public static class ChecklistsApi
{
    public static IServiceCollection AddChecklists(this IServiceCollection services)
    {
        services.AddOptions<ChecklistOptions>().BindConfiguration(ChecklistOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(provider => Load(provider.GetRequiredService<IOptions<ChecklistOptions>>().Value.Path));
        return services;
    }

    /// <summary>Parses every definition; a broken file throws <see cref="ChecklistFormatException"/> naming file and line.</summary>
    public static ChecklistCatalog Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new InvalidOperationException($"Checklist folder '{folder}' does not exist (Assessor:Checklists:Path).");
        }

        var files = Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal);
        return new ChecklistCatalog(files.Select(file => ChecklistLoader.Parse(File.ReadAllText(file), Path.GetFileName(file))));
    }

    public static RouteGroupBuilder MapChecklists(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/checklists").WithTags("Checklists").AllowAnonymous();
        group.MapGet("/", List).WithName("ListChecklists").WithSummary("Every published checklist version");
        group.MapGet("/{id}/{version:int}", Get).WithName("GetChecklist").WithSummary("One checklist version, item by item")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    public static Ok<ChecklistSummary[]> List(ChecklistCatalog catalog) =>
        TypedResults.Ok(catalog.All
            .Select(c => new ChecklistSummary(c.Id, c.Version, c.Title, c.Description, c.Items.Count, c.Items.Count(i => i.Mandatory)))
            .ToArray());

    public static Results<Ok<ChecklistDefinition>, ProblemHttpResult> Get(string id, int version, ChecklistCatalog catalog) =>
        catalog.TryGet(id, version, out var definition) ? TypedResults.Ok(definition) : Problems.NotFound("Checklist");
}
