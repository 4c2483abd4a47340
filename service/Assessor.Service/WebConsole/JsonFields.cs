using System.Globalization;
using System.Text.Json;

namespace Assessor.Service.WebConsole;

/// <summary>A JSON document as rows of (path, value), the paths written as the validators write them (<c>$.assets[0].cost</c>).</summary>
public static class JsonFields
{
    /// <summary>The API's JSON dialect, so rows are named as the API's answers name them.</summary>
    public static readonly JsonSerializerOptions ApiOptions = CreateApiOptions();

    private static JsonSerializerOptions CreateApiOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Assessor.Domain.Plans.PlanJson.Configure(options);
        return options;
    }

    public static IReadOnlyList<KeyValuePair<string, string>> Flatten(JsonElement element)
    {
        var rows = new List<KeyValuePair<string, string>>();
        Walk(element, "$", rows);
        return rows;
    }

    /// <summary>The document's rows, or none when the bytes are not JSON (the problem then says where it broke).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> FlattenOrNone(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return Flatten(document.RootElement);
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>The fields that differ between two documents, in the order of the newer one, then those only in the older.</summary>
    public static IReadOnlyList<(string Path, string? Before, string? After)> Diff(JsonElement before, JsonElement after)
    {
        var old = Flatten(before).ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
        var changed = new List<(string, string?, string?)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, value) in Flatten(after))
        {
            seen.Add(path);
            if (!old.TryGetValue(path, out var was) || was != value)
            {
                changed.Add((path, was, value));
            }
        }

        changed.AddRange(old.Where(r => !seen.Contains(r.Key)).Select(r => (r.Key, (string?)r.Value, (string?)null)));
        return changed;
    }

    private static void Walk(JsonElement element, string path, List<KeyValuePair<string, string>> rows)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    Walk(member.Value, $"{path}.{member.Name}", rows);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, string.Create(CultureInfo.InvariantCulture, $"{path}[{index++}]"), rows);
                }

                break;
            case JsonValueKind.String:
                rows.Add(new(path, element.GetString()!));
                break;
            default:
                rows.Add(new(path, element.GetRawText()));
                break;
        }
    }
}
