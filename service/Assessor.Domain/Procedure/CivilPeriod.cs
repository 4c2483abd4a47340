namespace Assessor.Domain.Procedure;

/// <summary>Periods counted in years the way the Civil Code counts them (民法 §143), for plans and registrations alike.</summary>
public static class CivilPeriod
{
    /// <summary>
    /// The last day of a period of <paramref name="years"/> years whose first day is <paramref name="start"/>: the day before
    /// the same date that many years on, or, when that year has no such day (a period from 29 February), the month's last day
    /// (§143 ②). 2019-04-01 gives 2024-03-31 for five years; 2020-02-29 gives 2025-02-28.
    /// </summary>
    public static DateOnly LastDay(DateOnly start, int years)
    {
        // DateOnly.AddYears clamps 29 February to the 28th: then the clamped day already is the month's last day.
        var anniversary = start.AddYears(years);
        return anniversary.Day == start.Day ? anniversary.AddDays(-1) : anniversary;
    }
}
