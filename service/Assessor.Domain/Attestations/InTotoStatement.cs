using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Assessor.Domain.Attestations;

/// <summary>An in-toto Statement v1: what (subjects, by digest) is claimed, and the claim (predicate).</summary>
/// <param name="Type">Always <c>https://in-toto.io/Statement/v1</c>.</param>
/// <param name="Subject">What the statement is about, by digest.</param>
/// <param name="PredicateType">A URI naming the kind of claim, which decides the shape of <c>predicate</c>.</param>
/// <param name="Predicate">The claim itself.</param>
public sealed record InTotoStatement<TPredicate>(
    [property: JsonPropertyName("_type")] string Type,
    IReadOnlyList<StatementSubject> Subject,
    string PredicateType,
    TPredicate Predicate);

public static class InTotoStatements
{
    public const string StatementType = "https://in-toto.io/Statement/v1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
        // Plain UTF-8: a Japanese character takes 3 bytes instead of a 6-byte \uXXXX escape. Statements are signed
        // bytes, never embedded in HTML, so the HTML-safe escaping of the default encoder buys nothing here.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The exact bytes that get signed: compact UTF-8 JSON, members in declaration order, so equal input gives equal bytes.</summary>
    public static byte[] Serialize<TPredicate>(InTotoStatement<TPredicate> statement) => JsonSerializer.SerializeToUtf8Bytes(statement, Json);

    /// <summary>Null when the payload is not a statement with a predicate of this shape.</summary>
    public static InTotoStatement<TPredicate>? TryParse<TPredicate>(byte[] payload)
    {
        try
        {
            var statement = JsonSerializer.Deserialize<InTotoStatement<TPredicate>>(payload, Json);
            return statement is { Type: StatementType, Subject: not null, Predicate: not null } ? statement : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
