using Assessor.Domain.Reports;

namespace Assessor.Domain.Tests;

public class JapanTimeTests
{
    [Theory]
    [InlineData(2026, 11, 29, "令和8年11月29日")]
    [InlineData(2019, 5, 1, "令和元年5月1日")]
    [InlineData(2019, 4, 30, "平成31年4月30日")]
    [InlineData(1989, 1, 8, "平成元年1月8日")]
    [InlineData(1989, 1, 7, "昭和64年1月7日")]
    [InlineData(1926, 12, 25, "昭和元年12月25日")]
    [InlineData(1912, 7, 30, "大正元年7月30日")]
    [InlineData(1873, 1, 1, "明治6年1月1日")]
    [InlineData(1872, 12, 31, "1872年12月31日")]
    public void Days_are_written_in_the_era_calendar_with_gannen_for_an_eras_first_year(int year, int month, int day, string expected) =>
        Assert.Equal(expected, JapanTime.Wareki(new DateOnly(year, month, day)));

    [Fact]
    public void Times_are_japan_time_to_the_second_and_the_day_is_the_day_in_japan()
    {
        // 15:30 UTC on 2026-11-29 is already the 30th in Japan.
        var instant = new DateTimeOffset(2026, 11, 29, 15, 30, 20, 911, TimeSpan.Zero).AddTicks(7896);

        Assert.Equal("2026-11-30 00:30:20 JST", JapanTime.Time(instant));
        Assert.Equal(new DateOnly(2026, 11, 30), JapanTime.DateOf(instant));
        Assert.Equal("令和8年11月30日", JapanTime.Wareki(JapanTime.DateOf(instant)));
        Assert.Equal("2026-11-30 00:30:20 JST", JapanTime.Time(instant.ToOffset(TimeSpan.FromHours(-5))));
    }
}
