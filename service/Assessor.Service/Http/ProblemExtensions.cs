using Microsoft.OpenApi;

namespace Assessor.Service.Http;

/// <summary>
/// The members of this service's problem documents beyond RFC 9457's own, as the OpenAPI document declares them: every
/// problem carries <c>code</c> and <c>traceId</c>; the others come with the codes named in their descriptions. The schema
/// stays open (no <c>additionalProperties: false</c>), so a client keeps members a later version adds.
/// </summary>
internal static class ProblemExtensions
{
    /// <summary>Always present in every problem this service writes.</summary>
    internal static readonly string[] AlwaysPresent = ["type", "title", "status", "code", "traceId"];

    private const string CurrentState = "`illegal-transition` and `plan-not-in-review`: the plan's status, which does not allow what was asked.";

    private const string Failing = "`not-certifiable`: the requirements that do not pass on the current revision, with their status and reasons "
        + "(null when the plan's regime is no longer assessed).";

    public static void Declare(OpenApiSchema schema, IDictionary<string, IOpenApiSchema> properties)
    {
        properties["code"] = Text(
            "A stable, machine-readable code for the kind of problem (e.g. `validation`, `not-found`, `stale-etag`); clients may key on it. "
            + "Problems the framework raises carry a generic one: `bad-request`, `unauthorized`, `forbidden`, `not-found`, `method-not-allowed`, "
            + "`payload-too-large`, `unsupported-media-type`, `internal-error`.");
        properties["traceId"] = Text("The W3C trace id of the request, for finding it in the service's logs.");
        properties["errors"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "`validation` only: every invalid member of the request, keyed by its JSON path (e.g. `$.applicant.corporateNumber`) "
                + "or by the query parameter's or header's name, each with the messages saying what is wrong.",
            AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
        };
        properties[Problems.JapaneseErrors] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "`validation` only: the same keys as `errors`, each with the same messages in Japanese.",
            AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
        };
        // Typed by Link once the document's components exist.
        properties["currentState"] = Text(CurrentState);
        properties["failing"] = new OpenApiSchema { Type = JsonSchemaType.Array | JsonSchemaType.Null, Description = Failing };
        properties["items"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            Description = "`mandatory-unanswered`: the ids of the mandatory checklist items still unanswered.",
            Items = new OpenApiSchema { Type = JsonSchemaType.String },
        };
        properties["path"] = Text("`unknown-regime`: the JSON path of the member at fault (`$.regime`).");
        properties["retryAfter"] = Integer("`rate-limited` and `pdf-busy`: the same whole seconds as the `Retry-After` header.");
        properties["statementBytes"] = Integer("`statement-too-large`: how long the statement to sign would become with this answer, in bytes.");
        properties["maxStatementBytes"] = Integer("`statement-too-large`: the longest statement a sign-off can carry, in bytes.");
        foreach (var name in AlwaysPresent)
        {
            if (properties[name] is OpenApiSchema { Type: { } type } member)
            {
                member.Type = type & ~JsonSchemaType.Null;
            }
        }

        schema.Required = new HashSet<string>(AlwaysPresent, StringComparer.Ordinal);
        schema.AdditionalPropertiesAllowed = true;
        schema.AdditionalProperties = null;
    }

    private static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };

    private static OpenApiSchema Integer(string description) => new() { Type = JsonSchemaType.Integer, Format = "int32", Description = description };

    /// <summary>Points the members that hold the API's own types at their components, on the finished document.</summary>
    public static void Link(OpenApiDocument document, OpenApiSchema problem)
    {
        problem.Properties!["currentState"] = new OpenApiSchemaReference(ClosedSets.PlanStatus.Name, document) { Description = CurrentState };
        problem.Properties["failing"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Array | JsonSchemaType.Null,
            Description = Failing,
            Items = new OpenApiSchemaReference("RequirementResult", document),
        };
    }
}
