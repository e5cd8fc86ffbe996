using DitCloud.Scheduling.Domain;

namespace DitCloud.Scheduling.Tests;

public sealed class TimeRangeTests
{
    private static readonly DateTimeOffset Nine = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    // A is 09:00-09:50; B starts and ends at the given minutes after 09:00.
    [Theory]
    [InlineData(50, 100, false)] // back to back after
    [InlineData(-50, 0, false)] // back to back before
    [InlineData(49, 99, true)] // one minute of overlap at the end
    [InlineData(-49, 1, true)] // one minute of overlap at the start
    [InlineData(10, 20, true)] // inside
    [InlineData(-10, 60, true)] // around
    [InlineData(0, 50, true)] // identical
    [InlineData(60, 120, false)] // apart
    public void Overlaps_is_half_open(int startMinutes, int endMinutes, bool overlaps)
    {
        var a = TimeRange.StartingAt(Nine, TimeSpan.FromMinutes(50));
        var b = new TimeRange(Nine.AddMinutes(startMinutes), Nine.AddMinutes(endMinutes));

        a.Overlaps(b).ShouldBe(overlaps);
        b.Overlaps(a).ShouldBe(overlaps);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_range_must_end_after_it_starts(int minutes) =>
        Should.Throw<ArgumentOutOfRangeException>(() => new TimeRange(Nine, Nine.AddMinutes(minutes)));

    [Fact]
    public void Ranges_are_kept_in_utc()
    {
        var range = new TimeRange(new DateTimeOffset(2026, 7, 6, 10, 0, 0, TimeSpan.FromHours(1)), new DateTimeOffset(2026, 7, 6, 11, 0, 0, TimeSpan.FromHours(1)));

        range.Start.Offset.ShouldBe(TimeSpan.Zero);
        range.Start.Hour.ShouldBe(9);
    }
}
