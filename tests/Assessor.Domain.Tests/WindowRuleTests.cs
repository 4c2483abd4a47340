using Assessor.Domain.Assessments;

using static Assessor.Domain.Tests.TestPlans;

namespace Assessor.Domain.Tests;

public class WindowRuleTests
{
    [Theory]
    // 2019-04-01 + 5 years − 1 day = 2024-03-31: exactly five years passes; one day more fails.
    [InlineData("2019-04-01", "2024-03-31", "2024-03-31", true, ReasonCodes.WindowMet)]
    [InlineData("2019-04-01", "2024-04-01", "2024-03-31", false, ReasonCodes.PeriodTooLong)]
    // Starting on the window's last day (2021-03-31) is in time; the day after is not.
    [InlineData("2021-03-31", "2024-03-30", "2026-03-30", true, ReasonCodes.WindowMet)]
    [InlineData("2021-04-01", "2024-03-31", "2026-03-31", false, ReasonCodes.PeriodStartsAfterWindow)]
    // Both faults are reported.
    [InlineData("2021-04-01", "2026-04-01", "2026-03-31", false, ReasonCodes.PeriodTooLong + "," + ReasonCodes.PeriodStartsAfterWindow)]
    // A plan may start before the window opens; only its assets must fall inside it.
    [InlineData("2018-04-01", "2021-03-31", "2023-03-31", true, ReasonCodes.WindowMet)]
    // From 29 February, 2025 has no such day: five years end on the month's last day, the 28th (民法 §143 ②), not the 27th.
    [InlineData("2020-02-29", "2025-02-28", "2025-02-28", true, ReasonCodes.WindowMet)]
    [InlineData("2020-02-29", "2025-03-01", "2025-02-28", false, ReasonCodes.PeriodTooLong)]
    public void Period_is_at_most_five_years_and_starts_by_the_window_end(string start, string end, string latestEnd, bool passes, string codes)
    {
        var plan = Example with { Period = new() { Start = DateOnly.Parse(start), End = DateOnly.Parse(end) } };

        var result = Requirement(plan, RequirementIds.Window);

        Assert.Equal(passes ? RequirementStatus.Pass : RequirementStatus.Fail, result.Status);
        Assert.Equal(codes.Split(','), result.Codes());
        Assert.Equal(DateOnly.Parse(latestEnd), result.Figures<WindowFigures>().LatestAllowedEnd);
    }
}
