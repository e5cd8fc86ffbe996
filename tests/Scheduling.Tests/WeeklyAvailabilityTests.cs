using DitCloud.Domain;
using DitCloud.Scheduling.Domain;
using DitCloud.Scheduling.Domain.Availability;

namespace DitCloud.Scheduling.Tests;

public sealed class WeeklyAvailabilityTests
{
    private static AvailabilityWindow Window(DayOfWeek day, int startHour, int endHour) =>
        new(day, new TimeOnly(startHour, 0), new TimeOnly(endHour, 0));

    public static TheoryData<string, AvailabilityWindow[], string> Refusals => new()
    {
        { "end before start", [Window(DayOfWeek.Monday, 13, 9)], "windows[0].end_time" },
        { "end equals start", [Window(DayOfWeek.Monday, 9, 9)], "windows[0].end_time" },
        { "overlapping on the same day", [Window(DayOfWeek.Monday, 9, 12), Window(DayOfWeek.Monday, 11, 14)], "windows[1]" },
        { "one inside another", [Window(DayOfWeek.Tuesday, 9, 17), Window(DayOfWeek.Tuesday, 10, 11)], "windows[1]" },
        { "identical", [Window(DayOfWeek.Friday, 9, 12), Window(DayOfWeek.Friday, 9, 12)], "windows[1]" },
        { "not a day of the week", [Window((DayOfWeek)7, 9, 12)], "windows[0].day" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Bad_windows_are_refused(string because, AvailabilityWindow[] windows, string field) =>
        Refusal.OfField(field, () => WeeklyAvailability.Create(windows, [])).ShouldNotBeEmpty(because);

    [Fact]
    public void An_overlap_names_the_window_it_clashes_with() =>
        Refusal.OfField("windows[2]", () => WeeklyAvailability.Create(
            [Window(DayOfWeek.Monday, 9, 10), Window(DayOfWeek.Monday, 14, 16), Window(DayOfWeek.Monday, 15, 17)], []))
            .ShouldBe("overlaps windows[1] on the same day; merge them or move one");

    [Theory]
    [InlineData(DayOfWeek.Monday, DayOfWeek.Monday, 12)] // touching, same day
    [InlineData(DayOfWeek.Monday, DayOfWeek.Tuesday, 10)] // same hours, different days
    public void Touching_windows_and_other_days_are_accepted(DayOfWeek first, DayOfWeek second, int secondStart)
    {
        var availability = WeeklyAvailability.Create([Window(first, 9, 12), Window(second, secondStart, 17)], []);

        availability.Windows.Count.ShouldBe(2);
    }

    [Fact]
    public void Leave_must_not_end_before_it_starts() =>
        Refusal.OfField("leave[0].last_day", () =>
            WeeklyAvailability.Create([Window(DayOfWeek.Monday, 9, 17)], [new LeavePeriod(Given.Day(3, 10), Given.Day(3, 9))]));

    [Fact]
    public void Every_bad_entry_is_reported()
    {
        var refusal = Refusal.Of(DomainErrorKind.InvalidArgument, () => WeeklyAvailability.Create(
            [Window(DayOfWeek.Monday, 10, 9), Window(DayOfWeek.Friday, 9, 12), Window(DayOfWeek.Friday, 10, 11)],
            [new LeavePeriod(Given.Day(3, 10), Given.Day(3, 9))]));

        refusal.Violations.Select(v => v.Field).ShouldBe(["windows[0].end_time", "windows[2]", "leave[0].last_day"]);
    }

    [Fact]
    public void Open_periods_skip_leave_and_are_in_order()
    {
        var availability = WeeklyAvailability.Create(
            [Window(DayOfWeek.Wednesday, 14, 16), Window(DayOfWeek.Monday, 9, 11), Window(DayOfWeek.Tuesday, 9, 11)],
            [new LeavePeriod(Given.Day(3, 3), Given.Day(3, 3))]);

        var periods = availability.OpenPeriods(Given.Day(3, 2), Given.Day(3, 8), Given.Zone);

        periods.ShouldBe(
        [
            new TimeRange(Given.London(3, 2, 9), Given.London(3, 2, 11)),
            new TimeRange(Given.London(3, 4, 14), Given.London(3, 4, 16)),
        ]);
    }

    [Fact]
    public void Touching_windows_join_into_one_period()
    {
        var availability = WeeklyAvailability.Create([Window(DayOfWeek.Monday, 12, 17), Window(DayOfWeek.Monday, 9, 12)], []);

        availability.OpenPeriods(Given.Day(3, 2), Given.Day(3, 2), Given.Zone)
            .ShouldBe([new TimeRange(Given.London(3, 2, 9), Given.London(3, 2, 17))]);
        availability.Covers(new TimeRange(Given.London(3, 2, 11, 30), Given.London(3, 2, 12, 20)), Given.Zone).ShouldBeTrue();
    }

    [Fact]
    public void Wall_clock_windows_hold_across_the_clock_change()
    {
        var availability = WeeklyAvailability.Create([Window(DayOfWeek.Monday, 9, 17)], []);

        var winter = availability.OpenPeriods(Given.Day(3, 2), Given.Day(3, 2), Given.Zone).Single();
        var summer = availability.OpenPeriods(Given.Day(7, 6), Given.Day(7, 6), Given.Zone).Single();

        winter.Start.Hour.ShouldBe(9);
        summer.Start.Hour.ShouldBe(8);
    }

    [Theory]
    [InlineData(9, 0, 9, 50, true)]
    [InlineData(16, 10, 17, 0, true)]
    [InlineData(8, 30, 9, 20, false)] // starts before the window
    [InlineData(16, 30, 17, 20, false)] // runs past the window
    [InlineData(18, 0, 18, 50, false)] // after hours
    public void Covers_only_ranges_wholly_inside_a_window(int startHour, int startMinute, int endHour, int endMinute, bool covered)
    {
        var range = new TimeRange(Given.London(3, 2, startHour, startMinute), Given.London(3, 2, endHour, endMinute));

        Given.WeekdaysNineToFive().Covers(range, Given.Zone).ShouldBe(covered);
    }
}
