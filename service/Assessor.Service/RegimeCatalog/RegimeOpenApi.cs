using Assessor.Domain.RegimeDefinitions;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Assessor.Service.RegimeCatalog;

/// <summary>Marks an operation whose request body is a plan document of any registered regime.</summary>
public sealed class PlanDocumentBody;

/// <summary>Marks an operation whose 200 answer is an assessment under any registered regime.</summary>
public sealed class RegimeAssessmentResponse;

/// <summary>
/// Puts every registered regime into the OpenAPI document: each regime's plan document and assessment get a schema of
/// their own, a plan body is any of the documents and an assessment any of the assessments, told apart by <c>regime</c>.
/// </summary>
internal sealed class RegimeOpenApi : IOpenApiOperationTransformer
{
    private const string JsonMediaType = "application/json";

    /// <summary>The component name of a type's schema: its type name, as the generator names every schema.</summary>
    public static string SchemaName(Type type) => type.Name;

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<PlanDocumentBody>().Any() && operation.RequestBody?.Content?.TryGetValue(JsonMediaType, out var body) == true)
        {
            body.Schema = await AnyOfAsync(context, RegimeRegistry.All.Select(r => (r.Id, r.DocumentType)), cancellationToken);
            operation.RequestBody.Description ??= "A plan document; its regime member names the regime whose document it is. " +
                "A plan naming a regime the service does not assess is read as the first regime's document, then refused (422 unknown-regime).";
        }

        if (metadata.OfType<RegimeAssessmentResponse>().Any()
            && operation.Responses?.TryGetValue("200", out var ok) == true && ok.Content?.TryGetValue(JsonMediaType, out var answer) == true)
        {
            answer.Schema = await AnyOfAsync(context, RegimeRegistry.All.Select(r => (r.Id, r.AssessmentType)), cancellationToken);
        }
    }

    /// <summary>
    /// The generator writes the schemas of a type created here with its nested types inline; their descriptions get the
    /// layout every component member gets (<see cref="Http.DescriptionLayoutTransformer"/>), at every depth.
    /// </summary>
    private static void TidyNested(IOpenApiSchema schema)
    {
        if (schema is not OpenApiSchema inline)
        {
            return;
        }

        inline.Description = Http.DescriptionLayoutTransformer.Tidy(inline.Description);
        foreach (var nested in (inline.Properties?.Values ?? []).Concat(inline.Items is null ? [] : [inline.Items])
            .Concat(inline.AnyOf ?? []).Concat(inline.OneOf ?? []).Concat(inline.AllOf ?? []))
        {
            TidyNested(nested);
        }
    }

    /// <summary>Any of the types' schemas (each a component), told apart by the value of <c>regime</c>.</summary>
    private static async Task<IOpenApiSchema> AnyOfAsync(
        OpenApiOperationTransformerContext context, IEnumerable<(string Regime, Type Type)> types, CancellationToken cancellationToken)
    {
        var document = context.Document ?? throw new InvalidOperationException("The OpenAPI document is not available to the transformer.");
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        var branches = new List<IOpenApiSchema>();
        var mapping = new Dictionary<string, OpenApiSchemaReference>(StringComparer.Ordinal);
        foreach (var (regime, type) in types)
        {
            var name = SchemaName(type);
            if (!document.Components.Schemas.ContainsKey(name))
            {
                var schema = await context.GetOrCreateSchemaAsync(type, null, cancellationToken);
                TidyNested(schema);
                document.Components.Schemas[name] = schema;
            }

            var reference = new OpenApiSchemaReference(name, document);
            mapping[regime] = reference;
            if (branches.All(b => b is not OpenApiSchemaReference existing || existing.Reference.Id != name))
            {
                branches.Add(reference);
            }
        }

        return branches.Count == 1 ? branches[0] : new OpenApiSchema
        {
            AnyOf = branches,
            Discriminator = new OpenApiDiscriminator { PropertyName = "regime", Mapping = mapping },
        };
    }
}
