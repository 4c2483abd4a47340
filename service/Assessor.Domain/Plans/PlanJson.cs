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
    public static PlanDocument? Parse(ReadOnlySpan<byte> utf8, out IReadOnlyList<ValidationError> errors) => Parse<PlanDocument>(utf8, out errors);

    /// <summary>Parses any regime's document in the API's dialect, or explains with JSON paths every reason the bytes are not one.</summary>
    public static TDocument? Parse<TDocument>(ReadOnlySpan<byte> utf8, out IReadOnlyList<ValidationError> errors)
        where TDocument : class
    {
        try
        {
            var plan = JsonSerializer.Deserialize<TDocument>(utf8, Options);
            errors = plan is null ? [new ValidationError("$", new ValidationText("The body must be a JSON object, not null.", "本文には null ではなく JSON オブジェクトを指定してください。"))] : [];
            return plan;
        }
        catch (JsonException)
        {
            errors = Explain(utf8, typeof(TDocument));
            return null;
        }
    }

    /// <summary>Why the serializer refused: a syntax error with its line and column, or every shape problem at its path.</summary>
    private static IReadOnlyList<ValidationError> Explain(ReadOnlySpan<byte> utf8, Type documentType)
    {
        JsonDocument document;
        try
        {
            // Duplicates are allowed here only so the shape check can name them at their path.
            document = JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { AllowDuplicateProperties = true });
        }
        catch (JsonException ex)
        {
            var (line, column) = ((ex.LineNumber ?? 0) + 1, (ex.BytePositionInLine ?? 0) + 1);
            return [new ValidationError("$", new ValidationText(
                $"Not valid JSON at line {line}, column {column}: check quotes, commas and brackets there.",
                $"JSON として正しくありません（{line} 行目 {column} 文字目）。その位置の引用符、カンマ、括弧を確かめてください。"))];
        }

        using (document)
        {
            var problems = JsonShape.Check(document.RootElement, documentType, Options);
            // A problem the shape check does not model (it should not happen): say where, without .NET's words.
            return problems.Count > 0 ? problems : [new ValidationError("$", new ValidationText(
                "The document does not have the shape of a plan; see docs/plan-format.md.", "計画書の形になっていません。docs/plan-format.md を参照してください。"))];
        }
    }
}

/// <summary>One structural problem in a submitted document or request, located by JSON path, in English and Japanese.</summary>
public sealed record ValidationError(string Path, string Message, string MessageJa)
{
    public ValidationError(string path, ValidationText text)
        : this(path, text.En, text.Ja)
    {
    }
}
