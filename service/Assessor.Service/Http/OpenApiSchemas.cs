using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Assessor.Domain.Assessments;
using Assessor.Domain.Attestations;
using Assessor.Domain.Plans;
using Assessor.Domain.Procedure;
using Assessor.Domain.RegimeDefinitions;
using Assessor.Service.Attestations;
using Assessor.Service.Decisions;
using Assessor.Service.Identity;
using Assessor.Service.Plans;
using Assessor.Service.Reports;
using Assessor.Service.Specialists;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Assessor.Service.Http;

/// <summary>The closed value sets of the API that travel as plain strings in C#, each a named enum schema.</summary>
public static class ClosedSets
{
    public static readonly ClosedSet Role = new("Role",
        "A principal's role, which decides what it may do: `applicant`, `specialist`, `reviewer` or `admin`.",
        () => [Roles.Applicant, Roles.Specialist, Roles.Reviewer, Roles.Admin]);

    public static readonly ClosedSet SpecialistKind = Of<Domain.Attestations.SpecialistKind>("SpecialistKind",
        "`riss` (registered Information Security Specialist, 登録セキスペ), `it-coordinator` (ITコーディネータ, for SMEs' plans only) " +
        "or `support-organisation` (認定経営革新等支援機関, which confirms Monozukuri plans).");

    public static readonly ClosedSet Answer = Of<Domain.Attestations.Answer>("Answer",
        "A specialist's answer to a checklist item: `satisfied`, `not-satisfied` or `not-applicable` (with a justification).");

    public static readonly ClosedSet Decision = Of<Domain.Procedure.Decision>("Decision",
        "A reviewer's decision: `certify`, `reject` or `return` (back to the applicant for a new revision).");

    public static readonly ClosedSet PlanStatus = Of<Domain.Procedure.PlanStatus>("PlanStatus",
        "A plan's status: `draft`, `submitted`, `returned`, `certified` or `rejected`.");

    public static readonly ClosedSet Regime = new("RegimeId",
        "The id of a regime this service assesses plans under: `connected-industries-2018` (the tax), `it-donyu-2018` (the IT introduction subsidy) or `monozukuri-2018` (the Monozukuri subsidy).",
        () => RegimeRegistry.All.Select(r => r.Id));

    public static readonly ClosedSet ReportFormat = new("ReportFormat",
        "A report format: `html`, `md` (Markdown), `json` (the typed report), `pdf`, `certificate` (the certificate page alone, PDF) or `oscal` (the OSCAL assessment results stored with a certified report).",
        () => ReportFormats.ContentTypes.Keys);

    internal static IEnumerable<ClosedSet> All => [Role, SpecialistKind, Answer, Decision, PlanStatus, Regime, ReportFormat];

    private static ClosedSet Of<TEnum>(string name, string description)
        where TEnum : struct, Enum => new(name, description, () => WireNames<TEnum>.All);
}

/// <summary>
/// Gives members the schema their values really have where the C# type says less: strings that take a closed set of
/// values reference that set's enum schema, raw JSON members reference the schema of what they hold, and a requirement's
/// <c>figures</c> is one of the rules' figures records (<see cref="RewriteMembers"/>). Enum schemas get <c>type: string</c>.
/// </summary>
internal sealed class MemberSchemasTransformer : IOpenApiSchemaTransformer
{
    /// <summary>String members that only ever hold one of a closed set of values.</summary>
    internal static readonly IReadOnlyDictionary<(Type Owner, string Member), ClosedSet> ClosedMembers = new Dictionary<(Type, string), ClosedSet>
    {
        [(typeof(CreatePrincipalRequest), nameof(CreatePrincipalRequest.Role))] = ClosedSets.Role,
        [(typeof(CreatedPrincipal), nameof(CreatedPrincipal.Role))] = ClosedSets.Role,
        [(typeof(PrincipalView), nameof(PrincipalView.Role))] = ClosedSets.Role,
        [(typeof(CreateSpecialistRequest), nameof(CreateSpecialistRequest.Kind))] = ClosedSets.SpecialistKind,
        [(typeof(SpecialistView), nameof(SpecialistView.Kind))] = ClosedSets.SpecialistKind,
        [(typeof(AnswerRequest), nameof(AnswerRequest.Answer))] = ClosedSets.Answer,
        [(typeof(AnswerView), nameof(AnswerView.Answer))] = ClosedSets.Answer,
        [(typeof(DecisionRequest), nameof(DecisionRequest.Decision))] = ClosedSets.Decision,
        [(typeof(PlanDocument), nameof(PlanDocument.Regime))] = ClosedSets.Regime,
        [(typeof(Assessment), nameof(Assessment.Regime))] = ClosedSets.Regime,
        [(typeof(PlanView), nameof(PlanView.Regime))] = ClosedSets.Regime,
        [(typeof(ReportFileInfo), nameof(ReportFileInfo.Format))] = ClosedSets.ReportFormat,
    };

    /// <summary>Members typed as raw JSON (or <c>object</c>) in C#, and the schema of what they hold.</summary>
    internal static readonly IReadOnlyDictionary<(Type Owner, string Member), string> RawJsonMembers = new Dictionary<(Type, string), string>
    {
        [(typeof(PlanView), nameof(PlanView.Document))] = nameof(PlanDocument),
        [(typeof(ReportLookup), nameof(ReportLookup.Envelope))] = nameof(DsseEnvelope),
    };

    /// <summary>The figures record of every requirement rule of every regime (see <see cref="IRegimeDefinition.FiguresTypes"/>).</summary>
    internal static IReadOnlyList<Type> FiguresTypes { get; } =
        [.. RegimeRegistry.All.SelectMany(r => r.FiguresTypes).Distinct().OrderBy(t => t.Name, StringComparer.Ordinal)];

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type.IsEnum && schema.Enum is { Count: > 0 })
        {
            schema.Type ??= JsonSchemaType.String;
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Rewrites the members of the tables above in their components. This runs on the finished document: a reference
    /// placed while schemas are still being generated would be resolved before its component exists.
    /// </summary>
    internal static void RewriteMembers(OpenApiDocument document, JsonSerializerOptions options)
    {
        var schemas = document.Components!.Schemas!;
        var rewrites = ClosedMembers.Select(m => (m.Key, Schema: (Func<IOpenApiSchema>)(() => m.Value.Reference(document))))
            .Concat(RawJsonMembers.Select(m => (m.Key, Schema: (Func<IOpenApiSchema>)(() => new OpenApiSchemaReference(m.Value, document)))))
            .Append(((typeof(RequirementResult), nameof(RequirementResult.Figures)), () => new OpenApiSchema
            {
                AnyOf = [.. FiguresTypes.Select(t => (IOpenApiSchema)new OpenApiSchemaReference(t.Name, document))],
            }));
        foreach (var ((owner, member), schema) in rewrites)
        {
            var property = options.GetTypeInfo(owner).Properties.Single(p => ((p.AttributeProvider as MemberInfo)?.Name ?? p.Name) == member);
            if (!schemas.TryGetValue(owner.Name, out var component) || component is not OpenApiSchema { Properties: { } properties } || !properties.TryGetValue(property.Name, out var current))
            {
                throw new InvalidOperationException($"The document has no member {owner.Name}.{property.Name} to type.");
            }

            var replacement = schema();
            var description = current.Description ?? (current as OpenApiSchema)?.OneOf?.Select(o => o.Description).FirstOrDefault(d => d is not null);
            switch (replacement)
            {
                case OpenApiSchemaReference reference:
                    reference.Description = description;
                    break;
                case OpenApiSchema inline:
                    inline.Description = description;
                    break;
            }

            properties[property.Name] = replacement;
        }
    }
}

/// <summary>
/// Adds the components the member schemas refer to (the closed sets and the figures records) and gives every problem
/// response the one <c>ProblemDetails</c> schema: a validation problem is a problem with <c>errors</c>.
/// </summary>
internal sealed class ComponentSchemasTransformer : IOpenApiDocumentTransformer
{
    private const string ProblemDetails = nameof(ProblemDetails);
    private const string ValidationProblemDetails = "HttpValidationProblemDetails";

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        var schemas = document.Components.Schemas;
        foreach (var set in ClosedSets.All)
        {
            if (schemas.TryGetValue(set.Name, out var existing) && existing is OpenApiSchema generated)
            {
                generated.Type = JsonSchemaType.String;
                generated.Description ??= set.Description;
            }
            else
            {
                schemas[set.Name] = set.ToSchema();
            }
        }

        foreach (var figures in MemberSchemasTransformer.FiguresTypes.Where(t => !schemas.ContainsKey(t.Name)))
        {
            var schema = await context.GetOrCreateSchemaAsync(figures, cancellationToken: cancellationToken);
            // Created after the generator made its components, so its nested enums came inline: point them at the named ones.
            ReferenceNamedEnums(schema, document);
            document.AddComponent<IOpenApiSchema>(figures.Name, schema);
        }

        MemberSchemasTransformer.RewriteMembers(document, context.ApplicationServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions);

        // Raw JSON members now name what they hold; a member still typed as any JSON would refer to this again (and fail the tests).
        schemas.Remove(nameof(JsonElement));
        if (schemas.TryGetValue(ProblemDetails, out var problem) && problem is OpenApiSchema problemSchema)
        {
            ProblemExtensions.Link(document, problemSchema);
        }

        if (schemas.Remove(ValidationProblemDetails))
        {
            foreach (var media in document.Paths.Values.SelectMany(p => (p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()))
                .SelectMany(o => o.Responses?.Values ?? Enumerable.Empty<IOpenApiResponse>())
                .SelectMany(r => r.Content?.Values ?? Enumerable.Empty<OpenApiMediaType>()))
            {
                if (media.Schema is OpenApiSchemaReference { Reference.Id: ValidationProblemDetails })
                {
                    media.Schema = new OpenApiSchemaReference(ProblemDetails, document);
                }
            }
        }
    }

    private static void ReferenceNamedEnums(OpenApiSchema schema, OpenApiDocument document)
    {
        var named = document.Components!.Schemas!.Where(c => c.Value.Enum is { Count: > 0 })
            .Select(c => (c.Key, Values: c.Value.Enum!.Select(v => v?.ToString()).ToHashSet(StringComparer.Ordinal))).ToList();
        void Visit(OpenApiSchema current)
        {
            foreach (var (name, member) in current.Properties?.ToList() ?? [])
            {
                if (member is not OpenApiSchema inline)
                {
                    continue;
                }

                var values = inline.Enum?.Select(v => v?.ToString()).ToHashSet(StringComparer.Ordinal);
                var match = values is null ? null : named.FirstOrDefault(n => n.Values.SetEquals(values)).Key;
                if (match is not null)
                {
                    current.Properties![name] = new OpenApiSchemaReference(match, document) { Description = inline.Description };
                }
                else
                {
                    Visit(inline);
                }
            }

            if (current.Items is OpenApiSchema items)
            {
                Visit(items);
            }
        }

        Visit(schema);
    }
}
