using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Assessor.Domain.RegimeDefinitions.ConnectedIndustries2018;
using Assessor.Domain.RegimeDefinitions.ItDonyu2018;
using Assessor.Domain.RegimeDefinitions.Monozukuri2018;

namespace Assessor.Domain.RegimeDefinitions;

/// <summary>The regimes the service assesses: one registration line each.</summary>
public static class RegimeRegistry
{
    public static IReadOnlyList<IRegimeDefinition> All { get; } =
    [
        ConnectedIndustries2018Definition.Instance,
        ItDonyu2018Definition.Instance,
        Monozukuri2018Definition.Instance,
    ];

    /// <summary>
    /// The regime whose document a plan naming no known regime is read as, so that its structural errors are reported as
    /// they always were before it is refused as <c>unknown-regime</c>: the first one registered.
    /// </summary>
    public static IRegimeDefinition Fallback => All[0];

    public static bool TryGet(string? id, [MaybeNullWhen(false)] out IRegimeDefinition regime)
    {
        regime = All.FirstOrDefault(r => r.Id == id);
        return regime is not null;
    }

    /// <summary>The regime of a stored plan, which was accepted under it.</summary>
    /// <exception cref="InvalidOperationException">The regime is not registered (a deployment error).</exception>
    public static IRegimeDefinition Get(string id) =>
        TryGet(id, out var regime) ? regime : throw new InvalidOperationException($"Regime {id} is not registered.");

    /// <summary>The regime a document's top-level <c>regime</c> names, or <see cref="Fallback"/> when it names none this service knows.</summary>
    public static IRegimeDefinition For(ReadOnlySpan<byte> utf8) => TryGet(RegimeOf(utf8), out var regime) ? regime : Fallback;

    /// <summary>The string value of the document's top-level <c>regime</c> member; null when there is none or the JSON breaks off before it.</summary>
    public static string? RegimeOf(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isRegime = reader.ValueTextEquals("regime"u8);
                if (!reader.Read())
                {
                    return null;
                }

                if (isRegime)
                {
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Malformed JSON: the fallback regime's parser reports it with its path.
        }

        return null;
    }
}
