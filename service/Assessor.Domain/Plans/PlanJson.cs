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

    /// <summary>Parses a plan, or explains with a JSON path why the bytes are not a plan document.</summary>
    public static PlanDocument? Parse(ReadOnlySpan<byte> utf8, out ValidationError? error) => Parse<PlanDocument>(utf8, out error);

    /// <summary>Parses any regime's document in the API's dialect, or explains with a JSON path why the bytes are not one.</summary>
    public static TDocument? Parse<TDocument>(ReadOnlySpan<byte> utf8, out ValidationError? error)
        where TDocument : class
    {
        try
        {
            var plan = JsonSerializer.Deserialize<TDocument>(utf8, Options);
            error = plan is null ? new ValidationError("$", "The body must be a JSON object, not null.") : null;
            return plan;
        }
        catch (JsonException ex)
        {
            error = new ValidationError(ex.Path ?? "$", Describe(ex));
            return null;
        }
    }

    // The serializer's messages name .NET types; keep what helps a client and drop the rest.
    private static string Describe(JsonException ex)
    {
        var message = ex.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}

/// <summary>One structural problem in a submitted document, located by JSON path.</summary>
public sealed record ValidationError(string Path, string Message);
