using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;

namespace Assessor.Domain.Plans;

/// <summary>
/// Identifiers people type and others must tell apart: registration numbers, asset and linkage ids, names. Width and
/// compatibility variants are folded (NFKC), surrounding spaces dropped, bidirectional controls refused (they make
/// text display differently from what it is), and ids that differ only by look-alike characters refused.
/// </summary>
public static partial class Identifiers
{
    /// <summary>
    /// Our spelling of an IT Coordinator's certificate number, as the registry records it: <c>ITC-</c>, the year of
    /// certification and a serial of four to six digits (e.g. <c>ITC-2019-0001</c>). No public format exists; one
    /// spelling keeps the registry and the plans that name a coordinator in step.
    /// </summary>
    public const string ItCoordinatorFormat = "ITC-YYYY-NNNN (year of certification, 4–6 digit serial)";
    public const string ItCoordinatorFormatJa = "ITC-YYYY-NNNN（認定年と 4〜6 桁の通し番号）";

    // Latin look-alikes from other scripts, and digits that read as letters: enough to stop the usual spoofs.
    private static readonly FrozenDictionary<char, char> LookAlikes = new Dictionary<char, char>
    {
        ['А'] = 'A',
        ['В'] = 'B',
        ['Е'] = 'E',
        ['К'] = 'K',
        ['М'] = 'M',
        ['Н'] = 'H',
        ['О'] = 'O',
        ['Р'] = 'P',
        ['С'] = 'C',
        ['Т'] = 'T',
        ['Х'] = 'X',
        ['У'] = 'Y',
        ['І'] = 'I',
        ['Ј'] = 'J',
        ['Ѕ'] = 'S',
        ['Α'] = 'A',
        ['Β'] = 'B',
        ['Ε'] = 'E',
        ['Ζ'] = 'Z',
        ['Η'] = 'H',
        ['Ι'] = 'I',
        ['Κ'] = 'K',
        ['Μ'] = 'M',
        ['Ν'] = 'N',
        ['Ο'] = 'O',
        ['Ρ'] = 'P',
        ['Τ'] = 'T',
        ['Υ'] = 'Y',
        ['Χ'] = 'X',
        ['0'] = 'O',
        ['1'] = 'I',
    }.ToFrozenDictionary();

    /// <summary>NFKC (full-width digits and letters become ASCII), then trimmed.</summary>
    public static string Normalize(string value) => value.Normalize(NormalizationForm.FormKC).Trim();

    /// <summary>True when <paramref name="text"/> holds a bidirectional embedding, override or isolate (U+202A–202E, U+2066–2069).</summary>
    public static bool HasBidiControl(string? text) => text is not null && text.Any(c => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069');

    /// <summary>What an id looks like to a reader, case ignored: equal keys are ids a person cannot tell apart.</summary>
    public static string LookAlikeKey(string id)
    {
        var folded = Normalize(id).ToUpperInvariant();
        var key = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            key.Append(LookAlikes.GetValueOrDefault(c, c));
        }

        return key.ToString();
    }

    /// <summary>A RISS registration number: six ASCII digits, zero-padded (e.g. <c>011172</c>).</summary>
    public static bool IsRissNumber(string? value) => value is { Length: 6 } && value.All(char.IsAsciiDigit);

    public static bool IsItCoordinatorNumber(string? value) => value is not null && ItCoordinatorNumber().IsMatch(value);

    /// <summary>A number a plan may name its specialist by: a RISS's or an IT Coordinator's, after <see cref="Normalize"/>.</summary>
    public static bool IsSpecialistNumber(string? value) => IsRissNumber(value) || IsItCoordinatorNumber(value);

    [GeneratedRegex(@"^ITC-(19|20)\d{2}-\d{4,6}\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex ItCoordinatorNumber();
}
