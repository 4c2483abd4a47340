using System.Text.Json;
using System.Text.Json.Serialization;

namespace Assessor.Domain.Plans;

/// <summary>
/// The one JSON dialect of the API: camelCase, unknown members rejected so that a typo never passes
/// silently, enums only as their contract strings.
/// </summary>
public static class PlanJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Applies the API's JSON rules to options owned by someone else (e.g. the web host).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        // A stored revision is the signed artefact: "cost" and "Cost", or two "cost"s, must not let two
        // readers see two different plans under one digest.
        options.PropertyNameCaseInsensitive = false;
        options.AllowDuplicateProperties = false;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.RespectNullableAnnotations = true;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        return options;
    }

    /// <summary>Parses a plan, or explains with JSON paths every reason the bytes are not a plan document.</summary>
    public static PlanDocument? Parse(ReadOnlySpan<byte> utf8, out IReadOnlyList<ValidationError> errors)
    {
        try
        {
            var plan = JsonSerializer.Deserialize<PlanDocument>(utf8, Options);
            errors = plan is null ? [new ValidationError("$", "The body must be a JSON object, not null.")] : [];
            return plan;
        }
        catch (JsonException)
        {
            errors = Explain(utf8);
            return null;
        }
    }

    /// <summary>Why the serializer refused: a syntax error with its line and column, or every shape problem at its path.</summary>
    private static IReadOnlyList<ValidationError> Explain(ReadOnlySpan<byte> utf8)
    {
        JsonDocument document;
        try
        {
            // Duplicates are allowed here only so the shape check can name them at their path.
            document = JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { AllowDuplicateProperties = true });
        }
        catch (JsonException ex)
        {
            return [new ValidationError("$",
                $"Not valid JSON at line {(ex.LineNumber ?? 0) + 1}, column {(ex.BytePositionInLine ?? 0) + 1}: check quotes, commas and brackets there.")];
        }

        using (document)
        {
            var problems = JsonShape.Check(document.RootElement, typeof(PlanDocument), Options);
            // A problem the shape check does not model (it should not happen): say where, without .NET's words.
            return problems.Count > 0 ? problems : [new ValidationError("$", "The document does not have the shape of a plan; see docs/plan-format.md.")];
        }
    }
}

/// <summary>One structural problem in a submitted document, located by JSON path.</summary>
public sealed record ValidationError(string Path, string Message);
