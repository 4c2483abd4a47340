using System.Globalization;

namespace Assessor.Domain.Reports;

/// <summary>
/// Japan Standard Time (UTC+9, no daylight saving) and the Japanese era calendar (和暦), computed here from a fixed table
/// rather than from the operating system's culture data, so the same instant always prints the same text on every host.
/// </summary>
public static class JapanTime
{
    /// <summary>JST's offset from UTC: nine hours, all year.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(9);

    // Each era from its first day (Gregorian). Meiji is given from 1873, when Japan adopted the Gregorian calendar: earlier
    // dates are printed without an era.
    private static readonly (DateOnly Start, string Name, int FirstYear)[] Eras =
    [
        (new DateOnly(2019, 5, 1), "令和", 2019),
        (new DateOnly(1989, 1, 8), "平成", 1989),
        (new DateOnly(1926, 12, 25), "昭和", 1926),
        (new DateOnly(1912, 7, 30), "大正", 1912),
        (new DateOnly(1873, 1, 1), "明治", 1868),
    ];

    /// <summary>The instant in JST.</summary>
    public static DateTimeOffset ToJst(DateTimeOffset instant) => instant.ToOffset(Offset);

    /// <summary>The instant a calendar day begins in Japan (midnight JST), in UTC as the stores compare instants.</summary>
    public static DateTimeOffset StartOf(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Offset).ToUniversalTime();

    /// <summary>The calendar day it is in Japan at <paramref name="instant"/>.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToJst(instant).DateTime);

    /// <summary>The instant in JST to the second: <c>2026-11-29 21:54:20 JST</c>.</summary>
    public static string Time(DateTimeOffset instant) =>
        ToJst(instant).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " JST";

    /// <summary>The day in the Gregorian calendar: <c>2026-11-29</c>.</summary>
    public static string Gregorian(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// The day in the Japanese era calendar: <c>令和8年11月29日</c>, and <c>令和元年5月1日</c> for an era's first year, as
    /// official documents write it. A day before 1873 is written in the Gregorian calendar instead.
    /// </summary>
    public static string Wareki(DateOnly date)
    {
        foreach (var (start, name, firstYear) in Eras)
        {
            if (date >= start)
            {
                var year = date.Year - firstYear + 1;
                var yearText = year == 1 ? "元" : year.ToString(CultureInfo.InvariantCulture);
                return string.Create(CultureInfo.InvariantCulture, $"{name}{yearText}年{date.Month}月{date.Day}日");
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"{date.Year}年{date.Month}月{date.Day}日");
    }
}
