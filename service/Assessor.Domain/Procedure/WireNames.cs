using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json.Serialization;

namespace Assessor.Domain.Procedure;

/// <summary>
/// The wire spelling of an enum, read from its <see cref="JsonStringEnumMemberNameAttribute"/>s, so JSON,
/// SQL columns, query strings and problem extensions all use the one name the enum declares.
/// </summary>
public static class WireNames<TEnum>
    where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<TEnum, string> NameOf = Enum.GetValues<TEnum>().ToFrozenDictionary(
        value => value,
        value => typeof(TEnum).GetField(value.ToString())!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
            ?? throw new InvalidOperationException($"{typeof(TEnum).Name}.{value} declares no wire name."));

    private static readonly FrozenDictionary<string, TEnum> ValueOf = NameOf.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>Every wire name, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Enum.GetValues<TEnum>().Select(v => NameOf[v])];

    public static string Of(TEnum value) => NameOf[value];

    public static bool TryParse(string? name, out TEnum value) => ValueOf.TryGetValue(name ?? "", out value);

    /// <summary>For names this service wrote itself (stored columns): an unknown one is a defect, not bad input.</summary>
    public static TEnum Parse(string name) =>
        TryParse(name, out var value) ? value : throw new FormatException($"'{name}' is not a {typeof(TEnum).Name}.");
}

public static class WireNameExtensions
{
    public static string ToWire<TEnum>(this TEnum value)
        where TEnum : struct, Enum => WireNames<TEnum>.Of(value);
}
