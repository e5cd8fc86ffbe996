using DitCloud.Domain;
using DitCloud.Scheduling.Domain;
using DitCloud.Scheduling.Domain.Availability;
using DitCloud.Scheduling.Domain.Practitioners;

namespace DitCloud.Scheduling.Tests;

public sealed class AvailabilityTimelineTests
{
    private static PatternWindow Window(DayOfWeek day, int startHour, int endHour, params DeliveryMode[] modes) =>
        new(new AvailabilityWindow(day, new TimeOnly(startHour, 0), new TimeOnly(endHour, 0)), new HashSet<DeliveryMode>(modes));

    private static AvailabilityPattern Pattern(long sequence, DateOnly from, params PatternWindow[] windows) => new(sequence, from, windows);

    private static IReadOnlyList<TimeRange> Open(AvailabilityTimeline timeline, DateOnly from, DateOnly to, DeliveryMode mode = DeliveryMode.Video) =>
        [.. timeline.Spans(from, to, mode).SelectMany(s => s.Availability.OpenPeriods(s.From, s.To, Given.Zone))];

    [Fact]
    public void A_new_pattern_takes_over_from_its_date_and_the_old_one_keeps_the_dates_before()
    {
        var timeline = new AvailabilityTimeline(
        [
            Pattern(1, Given.Day(3, 1), Window(DayOfWeek.Monday, 9, 12)),
            Pattern(2, Given.Day(3, 9), Window(DayOfWeek.Monday, 14, 16)),
        ], []);

        Open(timeline, Given.Day(3, 2), Given.Day(3, 9)).ShouldBe(
        [
            new TimeRange(Given.London(3, 2, 9), Given.London(3, 2, 12)),
            new TimeRange(Given.London(3, 9, 14), Given.London(3, 9, 16)),
        ]);
    }

    [Fact]
    public void The_pattern_set_last_wins_even_when_it_starts_earlier()
    {
        var later = Pattern(1, Given.Day(3, 9), Window(DayOfWeek.Monday, 9, 12));
        var setAfterwards = Pattern(2, Given.Day(3, 1), Window(DayOfWeek.Monday, 14, 16));
        var timeline = new AvailabilityTimeline([later, setAfterwards], []);

        timeline.PatternOn(Given.Day(3, 9)).ShouldBe(setAfterwards);
        timeline.PatternOn(Given.Day(2, 28)).ShouldBeNull();
    }

    [Fact]
    public void Before_any_pattern_there_is_no_availability()
    {
        var timeline = new AvailabilityTimeline([Pattern(1, Given.Day(3, 9), Window(DayOfWeek.Monday, 9, 12))], []);

        Open(timeline, Given.Day(3, 2), Given.Day(3, 8)).ShouldBeEmpty();
    }

    [Fact]
    public void Windows_open_only_for_their_delivery_modes()
    {
        var timeline = new AvailabilityTimeline(
        [
            Pattern(1, Given.Day(3, 1), Window(DayOfWeek.Monday, 9, 12, DeliveryMode.InPerson), Window(DayOfWeek.Monday, 13, 15)),
        ], []);

        Open(timeline, Given.Day(3, 2), Given.Day(3, 2), DeliveryMode.Video)
            .ShouldBe([new TimeRange(Given.London(3, 2, 13), Given.London(3, 2, 15))]);
        Open(timeline, Given.Day(3, 2), Given.Day(3, 2), DeliveryMode.InPerson).Count.ShouldBe(2);
    }

    [Fact]
    public void Time_off_applies_whichever_pattern_is_in_force()
    {
        var off = new TimeRange(Given.London(3, 9, 9), Given.London(3, 9, 11));
        var timeline = new AvailabilityTimeline(
        [
            Pattern(1, Given.Day(3, 1), Window(DayOfWeek.Monday, 9, 12)),
            Pattern(2, Given.Day(3, 9), Window(DayOfWeek.Monday, 9, 12)),
        ], [off]);

        timeline.On(Given.Day(3, 9), DeliveryMode.Video).IsOff(TimeRange.StartingAt(Given.London(3, 9, 10), TimeSpan.FromMinutes(50))).ShouldBeTrue();
        Open(timeline, Given.Day(3, 9), Given.Day(3, 9)).ShouldBe([new TimeRange(Given.London(3, 9, 11), Given.London(3, 9, 12))]);
    }

    [Fact]
    public void Spans_group_consecutive_days_under_one_pattern()
    {
        var timeline = new AvailabilityTimeline(
        [
            Pattern(1, Given.Day(3, 1), Window(DayOfWeek.Monday, 9, 12)),
            Pattern(2, Given.Day(3, 5), Window(DayOfWeek.Monday, 9, 12)),
        ], []);

        timeline.Spans(Given.Day(3, 2), Given.Day(3, 8), DeliveryMode.Video).Select(s => (s.From, s.To))
            .ShouldBe([(Given.Day(3, 2), Given.Day(3, 4)), (Given.Day(3, 5), Given.Day(3, 8))]);
    }

    [Fact]
    public void A_pattern_with_overlapping_windows_is_refused_naming_the_window()
    {
        var windows = new[] { Window(DayOfWeek.Monday, 9, 12), Window(DayOfWeek.Monday, 11, 13) };

        Refusal.OfField("windows[1]", () => AvailabilityPattern.Validate(windows, new HashSet<DeliveryMode> { DeliveryMode.Video }))
            .ShouldBe("overlaps windows[0] on the same day; merge them or move one");
    }

    [Fact]
    public void A_window_may_offer_only_modes_the_practitioner_offers_and_never_telephone()
    {
        var refusal = Refusal.Of(DomainErrorKind.InvalidArgument, () => AvailabilityPattern.Validate(
            [Window(DayOfWeek.Monday, 9, 12, DeliveryMode.InPerson), Window(DayOfWeek.Tuesday, 9, 12, DeliveryMode.Telephone)],
            new HashSet<DeliveryMode> { DeliveryMode.Video }));

        refusal.Violations.ShouldBe(
        [
            new FieldViolation("windows[0].delivery_modes", "the practitioner does not offer in person; offer it first or leave it out"),
            new FieldViolation("windows[1].delivery_modes", "DIT is not offered by telephone; choose video or in person"),
        ]);
    }

    [Fact]
    public void A_valid_pattern_is_returned_as_given()
    {
        PatternWindow[] windows = [Window(DayOfWeek.Monday, 9, 12), Window(DayOfWeek.Monday, 12, 13, DeliveryMode.Video)];

        AvailabilityPattern.Validate(windows, new HashSet<DeliveryMode> { DeliveryMode.Video }).ShouldBe(windows);
    }
}
