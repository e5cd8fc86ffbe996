namespace DitCloud.Scheduling.Tests;

public sealed class ClinicTimeZoneTests
{
    [Theory]
    [InlineData(3, 2, 9, 0, 9, 0)] // GMT: 09:00 local is 09:00 UTC
    [InlineData(7, 6, 9, 0, 8, 0)] // BST: 09:00 local is 08:00 UTC
    [InlineData(3, 29, 1, 30, 1, 30)] // skipped when clocks go forward: read with the GMT offset (02:30 BST)
    [InlineData(10, 25, 1, 30, 1, 30)] // happens twice when clocks go back: the standard-time reading
    public void Local_times_become_utc_instants(int month, int day, int hour, int minute, int utcHour, int utcMinute)
    {
        var instant = Given.Zone.ToInstant(Given.Day(month, day), new TimeOnly(hour, minute));

        instant.Offset.ShouldBe(TimeSpan.Zero);
        (instant.Hour, instant.Minute).ShouldBe((utcHour, utcMinute));
        instant.Day.ShouldBe(day);
    }

    [Fact]
    public void Local_date_follows_london_not_utc()
    {
        // 23:30 UTC on 5 July is 00:30 on 6 July in BST.
        var instant = new DateTimeOffset(2026, 7, 5, 23, 30, 0, TimeSpan.Zero);

        Given.Zone.LocalDate(instant).ShouldBe(Given.Day(7, 6));
    }
}
