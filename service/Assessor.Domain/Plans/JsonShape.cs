using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Assessor.Domain.Plans;

/// <summary>
/// Explains why a JSON document does not fit a type, every problem at its own path and in the contract's words
/// (string, integer, date, the allowed values of an enum), never in .NET's: the serializer stops at the first
/// problem and names CLR types, which helps nobody who writes JSON.
/// </summary>
public static class JsonShape
{
    /// <summary>Every mismatch between <paramref name="element"/> and <paramref name="type"/> under <paramref name="options"/>.</summary>
    public static IReadOnlyList<ValidationError> Check(JsonElement element, Type type, JsonSerializerOptions options)
    {
        var errors = new List<ValidationError>();
        Check(element, options.GetTypeInfo(type), "$", options, errors);
        return errors;
    }

    private static void Check(JsonElement element, JsonTypeInfo info, string path, JsonSerializerOptions options, List<ValidationError> errors)
    {
        var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        if (element.ValueKind == JsonValueKind.Null)
        {
            return; // Whether null is allowed is the owning property's question.
        }

        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                CheckObject(element, info, path, options, errors);
                return;
            case JsonTypeInfoKind.Enumerable when info.ElementType is { } itemType:
                if (element.ValueKind != JsonValueKind.Array)
                {
                    errors.Add(new(path, ValidationText.Array));
                    return;
                }

                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Check(item, options.GetTypeInfo(itemType), $"{path}[{index++}]", options, errors);
                }

                return;
            case JsonTypeInfoKind.Dictionary:
                if (element.ValueKind != JsonValueKind.Object)
                {
                    errors.Add(new(path, ValidationText.Object));
                }

                return;
        }

        if (ValueProblem(element, type) is { } problem)
        {
            errors.Add(new(path, problem));
        }
    }

    private static void CheckObject(JsonElement element, JsonTypeInfo info, string path, JsonSerializerOptions options, List<ValidationError> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new(path, ValidationText.Object));
            return;
        }

        var properties = info.Properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in element.EnumerateObject())
        {
            var memberPath = $"{path}.{member.Name}";
            if (!present.Add(member.Name))
            {
                errors.Add(new(memberPath, ValidationText.RepeatedMember));
            }
            else if (!properties.TryGetValue(member.Name, out var property))
            {
                errors.Add(new(memberPath, ValidationText.UnknownMember(properties.Keys)));
            }
            else if (member.Value.ValueKind == JsonValueKind.Null && !AcceptsNull(property))
            {
                errors.Add(new(memberPath, ValidationText.NotNull));
            }
            else
            {
                Check(member.Value, options.GetTypeInfo(property.PropertyType), memberPath, options, errors);
            }
        }

        foreach (var missing in info.Properties.Where(p => p.IsRequired && !present.Contains(p.Name)))
        {
            errors.Add(new($"{path}.{missing.Name}", ValidationText.Required));
        }
    }

    private static bool AcceptsNull(JsonPropertyInfo property) =>
        property.IsSetNullable && (!property.PropertyType.IsValueType || Nullable.GetUnderlyingType(property.PropertyType) is not null);

    private static ValidationText? ValueProblem(JsonElement element, Type type)
    {
        if (type.IsEnum)
        {
            var names = type.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name).ToList();
            return element.ValueKind == JsonValueKind.String && names.Contains(element.GetString()!, StringComparer.Ordinal)
                ? null
                : ValidationText.OneOf(names);
        }

        return type switch
        {
            _ when type == typeof(string) => element.ValueKind == JsonValueKind.String ? null : ValidationText.String,
            _ when type == typeof(bool) => element.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : ValidationText.Boolean,
            _ when type == typeof(long) => element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out _)
                ? null : ValidationText.WholeNumberBetween(long.MinValue, long.MaxValue),
            _ when type == typeof(int) => element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out _)
                ? null : ValidationText.WholeNumberBetween(int.MinValue, int.MaxValue),
            _ when type == typeof(decimal) => element.ValueKind == JsonValueKind.Number && element.TryGetDecimal(out _) ? null : ValidationText.Number,
            _ when type == typeof(DateOnly) => element.ValueKind == JsonValueKind.String
                && DateOnly.TryParseExact(element.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                ? null : ValidationText.Date,
            _ => null,
        };
    }
}
