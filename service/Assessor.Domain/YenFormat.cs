using System.Globalization;

namespace Assessor.Domain;

/// <summary>Whole yen as every message of the domain writes them, in both languages: ¥ with thousands separators.</summary>
public static class YenFormat
{
    public static string Yen(long amount) => "¥" + amount.ToString("N0", CultureInfo.InvariantCulture);
}
