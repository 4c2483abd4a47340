using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Assessor.Service.Http;

/// <summary>
/// Descriptions for the schemas of framework types, which have no XML comments the generator could read:
/// problem details (with the <c>code</c> member every problem of this service carries) and raw JSON values.
/// </summary>
internal sealed class FrameworkSchemaDescriptions : IOpenApiSchemaTransformer
{
    private static readonly Dictionary<string, string> ProblemMembers = new(StringComparer.Ordinal)
    {
        ["type"] = "A URI naming the kind of problem: for the service's own problems `https://assessor.example/problems/` followed by `code`.",
        ["title"] = "A short, human-readable summary of the kind of problem.",
        ["status"] = "The HTTP status code of the response.",
        ["detail"] = "What went wrong with this request, and what to do about it, in human-readable form.",
        ["instance"] = "A URI naming this occurrence of the problem, when there is one.",
        ["errors"] =
            "Validation problems only: every invalid member of the request, keyed by its JSON path (e.g. `$.applicant.corporateNumber`) "
            + "or by the query parameter's name, each with the messages saying what is wrong.",
    };

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (type == typeof(JsonElement) || type == typeof(JsonElement?))
        {
            schema.Description ??= "Any JSON value, passed through as it is.";
        }
        else if (typeof(ProblemDetails).IsAssignableFrom(type) && schema.Properties is { } properties)
        {
            schema.Description ??= type == typeof(HttpValidationProblemDetails)
                ? "An RFC 9457 problem document for a request that is not valid (code `validation`), listing every problem in `errors`."
                : "An RFC 9457 problem document. Besides the members listed, a problem may carry further members that explain it "
                  + "(e.g. `currentState` for a transition the plan's state does not allow, `failing` for a plan that cannot be certified).";
            foreach (var (name, description) in ProblemMembers)
            {
                if (properties.TryGetValue(name, out var member) && member is OpenApiSchema { Description: null } inline)
                {
                    inline.Description = description;
                }
            }

            // Every problem this service writes has these (see Problems and ProblemCodes), and members that explain it.
            ProblemExtensions.Declare(schema, properties);
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// Tidies the descriptions the XML-comment generator wrote: the indentation of a comment's continuation lines
/// becomes a plain space (a blank line still separates paragraphs), and a nullable reference's description moves
/// from the referenced branch of its <c>oneOf</c> up to the member itself, where readers and tools look for it.
/// </summary>
internal sealed partial class DescriptionLayoutTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var schema in document.Components?.Schemas?.Values ?? [])
        {
            if (schema is not OpenApiSchema component)
            {
                continue;
            }

            component.Description = Tidy(component.Description);
            foreach (var member in component.Properties?.Values ?? [])
            {
                switch (member)
                {
                    case OpenApiSchemaReference reference:
                        reference.Description = Tidy(reference.Description);
                        break;
                    case OpenApiSchema inline:
                        var nullableReference = inline.OneOf?.OfType<OpenApiSchemaReference>().FirstOrDefault(r => r.Description is not null);
                        if (inline.Description is null && nullableReference is not null)
                        {
                            inline.Description = nullableReference.Description;
                            nullableReference.Description = null;
                        }

                        inline.Description = Tidy(inline.Description);
                        break;
                }
            }
        }

        return Task.CompletedTask;
    }

    private static string? Tidy(string? description) =>
        description is null
            ? null
            : string.Join("\n\n", ParagraphBreak().Split(description.Trim()).Select(paragraph => LineBreak().Replace(paragraph, " ")));

    [GeneratedRegex(@"\s*\n\s*\n\s*")]
    private static partial Regex ParagraphBreak();

    [GeneratedRegex(@"\s*\n\s*")]
    private static partial Regex LineBreak();
}
