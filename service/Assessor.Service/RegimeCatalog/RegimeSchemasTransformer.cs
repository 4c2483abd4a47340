using System.Text.Json.Nodes;
using Assessor.Domain.RegimeDefinitions;
using Assessor.Service.Http;
using Assessor.Service.Plans;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Assessor.Service.RegimeCatalog;

/// <summary>
/// Puts every registered regime into the OpenAPI document. Each regime's plan document, assessment and JSON report is a
/// component of its own; for each of the three a base component holds what they all share, names the member that tells
/// them apart (<c>regime</c>, or the report's <c>schema</c>) with a discriminator mapping to each, and every regime's
/// component is <c>allOf</c> that base. Where the API takes or answers one of them for any regime (plan bodies, a plan's
/// <c>document</c>, a revision's bytes, assessments, JSON reports), the document names the base: JSON Schema accepts every
/// regime's, and generated clients get a base class with one derived class per regime.
/// </summary>
/// <remarks>Runs after <see cref="ComponentSchemasTransformer"/>, whose member rewrites it builds on.</remarks>
internal sealed class RegimeSchemasTransformer : IOpenApiDocumentTransformer
{
    public const string DocumentBase = "RegimePlanDocument";
    public const string AssessmentBase = "RegimeAssessment";
    public const string ReportBase = "RegimeReport";

    /// <summary>The extension on each base that lists every regime's schema by reference, keyed by the discriminator's value.</summary>
    public const string SchemasExtension = "x-regime-schemas";

    private const string JsonMediaType = "application/json";
    private const string SchemaIdKey = "x-schema-id";
    private const string RefDescriptionKey = "x-ref-description";

    /// <summary>The operations whose JSON request body is a plan document of any regime.</summary>
    private static readonly string[] DocumentBodies = ["CreatePlan", "RevisePlan", "AssessDocument"];

    /// <summary>The operations whose 200 JSON answer is a document, an assessment or a report of any regime.</summary>
    private static readonly (string Operation, string Base)[] Answers =
        [
            ("GetRevision", DocumentBase), ("AssessPlan", AssessmentBase), ("AssessDocument", AssessmentBase), ("GetPlanReport", ReportBase),
            ("GetCertifiedReportFile", ReportBase),
        ];

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var schemas = document.Components!.Schemas!;
        foreach (var regime in RegimeRegistry.All)
        {
            // A regime whose document the generator met (the first one, the operations' declared body) is typed natively;
            // the others are made here, and so are their figures' nested types, which the generator left inline.
            var made = !schemas.ContainsKey(regime.DocumentType.Name);
            foreach (var type in new[] { regime.DocumentType, regime.AssessmentType, regime.ReportType })
            {
                if (!schemas.ContainsKey(type.Name))
                {
                    var schema = await context.GetOrCreateSchemaAsync(type, cancellationToken: cancellationToken);
                    schemas[type.Name] = Componentise(schema, document);
                    Tidy(schemas[type.Name]);
                }

                if (schemas[type.Name] is OpenApiSchema { Properties: { } properties } && properties.TryGetValue("regime", out var regimeMember))
                {
                    properties["regime"] = new OpenApiSchemaReference(ClosedSets.Regime.Name, document) { Description = regimeMember.Description };
                }
            }

            foreach (var figures in made ? regime.FiguresTypes : [])
            {
                if (Get(schemas, figures.Name) is OpenApiSchema component)
                {
                    Componentise(component, document);
                    Tidy(component);
                }
            }
        }

        Base(document, DocumentBase, "regime", "The regime the plan applies under, which decides the document's schema.",
            RegimeRegistry.All.Select(r => (r.Id, r.DocumentType.Name)),
            "A plan document of any regime: the members every regime's document has, and `regime`, which names the regime and so the "
            + "document's schema (see `GET /regimes`).");
        Base(document, AssessmentBase, "regime", "The regime the plan was assessed under, which decides the assessment's outcome.",
            RegimeRegistry.All.Select(r => (r.Id, r.AssessmentType.Name)),
            "An assessment under any regime: the members every regime's assessment has (the requirements and whether all pass). The "
            + "outcome depends on `regime`: `taxBenefit` for a tax, `grant` and `bonus` for a subsidy.");
        Base(document, ReportBase, "schema", "A URI naming the report's format and version, one per regime (e.g. `https://assessor.example/reports/certification/v1`).",
            RegimeRegistry.All.Select(r => (r.ReportSchemaId, r.ReportType.Name)),
            "A JSON report of any regime: the members every regime's report has. `schema` names the report's format, and so the "
            + "regime's report schema.");

        Member(document, typeof(PlanView), "document", new OpenApiSchemaReference(DocumentBase, document));
        Member(document, typeof(RegimeView), "documentSchema", new OpenApiSchema { Type = JsonSchemaType.Object });
        foreach (var id in DocumentBodies)
        {
            var body = Operation(document, id).RequestBody as OpenApiRequestBody
                ?? throw new InvalidOperationException($"Operation {id} has no request body to type.");
            body.Content![JsonMediaType].Schema = new OpenApiSchemaReference(DocumentBase, document);
        }

        foreach (var (id, name) in Answers)
        {
            var ok = Get(Operation(document, id).Responses, "200") as OpenApiResponse;
            var media = Get(ok?.Content, JsonMediaType) ?? throw new InvalidOperationException($"Operation {id} answers no JSON to type.");
            media.Schema = new OpenApiSchemaReference(name, document);
        }
    }

    /// <summary>
    /// A base component of the members (same name, same schema) that every <paramref name="concrete"/> component has,
    /// required where all require them, with a discriminator on <paramref name="discriminator"/>; each concrete component
    /// becomes <c>allOf</c> the base.
    /// </summary>
    private static void Base(
        OpenApiDocument document, string name, string discriminator, string discriminatorDescription, IEnumerable<(string Value, string Component)> concrete,
        string description)
    {
        var schemas = document.Components!.Schemas!;
        var members = concrete.Select(c => (c.Value, c.Component, Schema: schemas[c.Component] as OpenApiSchema
            ?? throw new InvalidOperationException($"{c.Component} is not an inline schema."))).ToList();
        var shared = members[0].Schema.Properties!
            .Where(p => members.All(m => m.Schema.Properties?.TryGetValue(p.Key, out var other) == true && Shape(other) == Shape(p.Value)))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        if (!shared.ContainsKey(discriminator))
        {
            throw new InvalidOperationException($"The {name} schemas share no member {discriminator} to tell them apart.");
        }

        shared[discriminator] = shared[discriminator].CreateShallowCopy();
        switch (shared[discriminator])
        {
            case OpenApiSchemaReference reference:
                reference.Description = discriminatorDescription;
                break;
            case OpenApiSchema inline:
                inline.Description = discriminatorDescription;
                break;
        }

        schemas[name] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = description,
            Properties = shared,
            Required = new HashSet<string>(shared.Keys.Where(k => members.All(m => m.Schema.Required?.Contains(k) == true)), StringComparer.Ordinal),
            Discriminator = new OpenApiDiscriminator
            {
                PropertyName = discriminator,
                Mapping = members.ToDictionary(m => m.Value, m => new OpenApiSchemaReference(m.Component, document), StringComparer.Ordinal),
            },
        };
        foreach (var (_, _, schema) in members)
        {
            schema.AllOf = [new OpenApiSchemaReference(name, document)];
        }

        // The same schemas by reference, keyed as the mapping: the linters' unused-component rule does not follow a discriminator's
        // mapping, and a regime's schema reached only through it (a JSON report) would read as unused.
        ((OpenApiSchema)schemas[name]).Extensions = new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal)
        {
            [SchemasExtension] = new JsonNodeExtension(new JsonObject(
                members.Select(m => KeyValuePair.Create(m.Value, (JsonNode?)new JsonObject { ["$ref"] = $"#/components/schemas/{m.Component}" })))),
        };
    }

    /// <summary>A member's schema without its descriptions (wherever they sit), to compare two members' types.</summary>
    private static string Shape(IOpenApiSchema schema)
    {
        static void Strip(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    obj.Remove("description");
                    foreach (var (_, value) in obj)
                    {
                        Strip(value);
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        Strip(item);
                    }

                    break;
            }
        }

        var json = JsonNode.Parse(Serialise(schema));
        Strip(json);
        return json!.ToJsonString();
    }

    private static string Serialise(IOpenApiSchema schema)
    {
        using var text = new StringWriter();
        schema.SerializeAsV31(new OpenApiJsonWriter(text));
        return text.ToString();
    }

    private static void Member(OpenApiDocument document, Type owner, string member, IOpenApiSchema schema)
    {
        if (Get(document.Components!.Schemas, owner.Name) is not OpenApiSchema { Properties: { } properties }
            || !properties.TryGetValue(member, out var current))
        {
            throw new InvalidOperationException($"The document has no member {owner.Name}.{member} to type.");
        }

        switch (schema)
        {
            case OpenApiSchemaReference reference:
                reference.Description = current.Description;
                break;
            case OpenApiSchema inline:
                inline.Description = current.Description;
                break;
        }

        properties[member] = schema;
    }

    private static OpenApiOperation Operation(OpenApiDocument document, string id) =>
        document.Paths.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()).SingleOrDefault(o => o.OperationId == id)
        ?? throw new InvalidOperationException($"The document has no operation {id}.");

    /// <summary>
    /// The generator writes a schema created after its components with every nested type inline; each one it names
    /// (<c>x-schema-id</c>) becomes a reference to that component, made now when the document has none yet, as the
    /// generator does for the types it meets itself. A nullable member refers to it through <c>oneOf</c> with null.
    /// </summary>
    private static IOpenApiSchema Componentise(IOpenApiSchema schema, OpenApiDocument document, bool root = true)
    {
        if (schema is not OpenApiSchema inline)
        {
            return schema;
        }

        foreach (var (name, member) in inline.Properties?.ToList() ?? [])
        {
            inline.Properties![name] = Componentise(member, document, root: false);
        }

        if (inline.Items is not null)
        {
            inline.Items = Componentise(inline.Items, document, root: false);
        }

        if (root || Get(inline.Metadata, SchemaIdKey) is not string { Length: > 0 } id)
        {
            return inline;
        }

        var schemas = document.Components!.Schemas!;
        if (!schemas.ContainsKey(id))
        {
            Tidy(inline);
            schemas[id] = inline;
        }

        var description = Get(inline.Metadata, RefDescriptionKey) as string;
        var reference = new OpenApiSchemaReference(id, document);
        if (Get(inline.Metadata, "x-is-nullable-property") is true)
        {
            return new OpenApiSchema { OneOf = [new OpenApiSchema { Type = JsonSchemaType.Null }, reference], Description = description };
        }

        reference.Description = description;
        return reference;
    }

    private static TValue? Get<TValue>(IDictionary<string, TValue>? dictionary, string key) =>
        dictionary is not null && dictionary.TryGetValue(key, out var value) ? value : default;

    /// <summary>Every description of a created schema gets the layout of every member's (<see cref="DescriptionLayoutTransformer"/>).</summary>
    private static void Tidy(IOpenApiSchema schema)
    {
        if (schema is not OpenApiSchema inline)
        {
            return;
        }

        inline.Description = DescriptionLayoutTransformer.Tidy(inline.Description);
        foreach (var nested in (inline.Properties?.Values ?? []).Concat(inline.Items is null ? [] : [inline.Items])
            .Concat(inline.AnyOf ?? []).Concat(inline.OneOf ?? []).Concat(inline.AllOf ?? []))
        {
            Tidy(nested);
        }
    }
}
