using System.Globalization;
using System.Text;
using Assessor.Domain.Reports;
using QRCoder;
using Scriban.Runtime;

namespace Assessor.Service.Reports;

/// <summary>
/// The functions templates may call. Their output is built from numbers or from our own fixed text, so it
/// is safe unescaped; formatting is invariant so the same report always renders the same bytes.
/// </summary>
internal static class ReportFunctions
{
    private const string Missing = "—";
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static ScriptObject Create(ReportStamp stamp, Func<string, string> escape)
    {
        var functions = new ScriptObject();
        functions.Import("yen", new Func<object?, string>(Yen));
        functions.Import("pct", new Func<object?, string>(Percent));
        functions.Import("num", new Func<object?, string>(Number));
        functions.Import("fixed", new Func<object?, int, string>(Fixed));
        functions.Import("jst", new Func<string?, string?>(value => When(value, JapanTime.Time, d => JapanTime.Gregorian(d))));
        functions.Import("jst_date", new Func<string?, string?>(value => When(value, t => JapanTime.Gregorian(JapanTime.DateOf(t)), JapanTime.Gregorian)));
        functions.Import("wareki", new Func<string?, string?>(value => When(value, t => JapanTime.Wareki(JapanTime.DateOf(t)), JapanTime.Wareki)));
        functions.Import("yen_times", new Func<decimal, decimal, long>(YenTimes));
        // Model strings arrive escaped, so a template compares them with a literal escaped the same way.
        functions.Import("equals_text", new Func<string?, string, bool>((value, literal) => value == escape(literal)));
        functions.Import("label", new Func<ScriptObject, string?, string?>((wording, value) => Label(wording, value, escape)));
        // The report and its certificate page show the same code: drawn once per render.
        var qr = new Lazy<string>(() => QrSvg(stamp.VerifyUrl));
        functions.Import("verify_qr_svg", new Func<string>(() => qr.Value));
        return functions;
    }

    /// <summary>The template's wording for a model value (a code such as <c>pass</c>), or the value itself when the table has none.</summary>
    public static string? Label(ScriptObject wording, string? value, Func<string, string> escape) =>
        wording.Keys.FirstOrDefault(code => escape(code) == value) is { } key ? wording[key]?.ToString() : value;

    /// <summary>Whole yen with thousands separators: ¥54,000,000.</summary>
    public static string Yen(object? value) => AsDecimal(value) is { } amount
        ? (amount < 0 ? "-¥" : "¥") + Math.Abs(amount).ToString("#,0.##", Invariant)
        : Missing;

    /// <summary>A ratio as a percentage with two decimals: 0.0241 → 2.41%.</summary>
    public static string Percent(object? value) => AsDecimal(value) is { } ratio
        ? (ratio * 100m).ToString("0.00", Invariant) + "%"
        : Missing;

    /// <summary>A plain figure with thousands separators and only the decimals it has.</summary>
    public static string Number(object? value) => AsDecimal(value) is { } number
        ? number.ToString("#,0.##########", Invariant)
        : Missing;

    /// <summary>
    /// A figure with thousands separators and exactly <paramref name="decimals"/> decimals (half away from zero), so a
    /// column's figures line up: <c>fixed 1234.5 2</c> → <c>1,234.50</c>.
    /// </summary>
    public static string Fixed(object? value, int decimals)
    {
        if (AsDecimal(value) is not { } number)
        {
            return Missing;
        }

        var places = Math.Clamp(decimals, 0, 10);
        return Math.Round(number, places, MidpointRounding.AwayFromZero).ToString("#,0." + new string('0', places), Invariant).TrimEnd('.');
    }

    /// <summary>
    /// A report's time (ISO-8601, as the JSON report writes it) or day (<c>YYYY-MM-DD</c>) as <paramref name="time"/> or
    /// <paramref name="day"/> print it; null as <c>—</c>, and anything else unchanged (it arrives escaped).
    /// </summary>
    public static string? When(string? value, Func<DateTimeOffset, string> time, Func<DateOnly, string> day)
    {
        if (value is null)
        {
            return Missing;
        }

        if (value.Length == 10 && DateOnly.TryParseExact(value, "yyyy-MM-dd", Invariant, DateTimeStyles.None, out var date))
        {
            return day(date);
        }

        return value.Length > 10 && value[10] == 'T' && DateTimeOffset.TryParse(value, Invariant, DateTimeStyles.AssumeUniversal, out var instant)
            ? time(instant)
            : value;
    }

    /// <summary>rate × amount in whole yen truncated toward zero, the tax calculator's own rounding.</summary>
    public static long YenTimes(decimal rate, decimal amount) => (long)decimal.Truncate(rate * amount);

    /// <summary>
    /// An inline SVG QR code (no bitmaps, so it works off Windows); the same text always gives the same SVG. Each row's runs of
    /// dark modules are one stroke of a single path, half a module below the row's top: less than half the bytes of a filled
    /// rectangle per run, and the two codes were a quarter of a certified HTML report.
    /// </summary>
    public static string QrSvg(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix; // with its quiet zone
        var size = modules.Count;
        var path = new StringBuilder();
        for (var y = 0; y < size; y++)
        {
            var pen = -1;
            for (var x = 0; x < size; x++)
            {
                if (!modules[y][x])
                {
                    continue;
                }

                var start = x;
                while (x + 1 < size && modules[y][x + 1])
                {
                    x++;
                }

                if (pen < 0)
                {
                    path.Append(Invariant, $"M{start} {y}.5");
                }
                else
                {
                    path.Append(Invariant, $"m{start - pen} 0");
                }

                path.Append(Invariant, $"h{x + 1 - start}");
                pen = x + 1;
            }
        }

        return $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\">"
            + $"<rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path stroke=\"#000\" d=\"{path}\"/></svg>";
    }

    private static decimal? AsDecimal(object? value) => value switch
    {
        null => null,
        decimal d => d,
        long l => l,
        int i => i,
        double d => (decimal)d,
        _ => throw new ArgumentException($"A number was expected, not {value.GetType().Name}.", nameof(value)),
    };
}
