using DitCloud.Scheduling.Domain;
using DitCloud.Scheduling.Domain.Availability;
using DitCloud.Scheduling.Domain.Booking;
using DitCloud.Scheduling.Domain.Slots;

namespace DitCloud.Scheduling.Tests;

public sealed class SlotFinderTests
{
    private static readonly WeeklyAvailability MondayMorning = WeeklyAvailability.Create(
        [new AvailabilityWindow(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(12, 0))], []);

    private static SlotQuery Query(
        DateOnly? from = null,
        DateOnly? to = null,
        IReadOnlyCollection<Appointment>? existing = null,
        WeeklyAvailability? availability = null,
        DateTimeOffset? notBefore = null,
        int minutes = 50,
        int maxSlots = SlotQuery.DefaultMaxSlots) =>
        new(availability ?? MondayMorning, Given.Zone, from ?? Given.Day(3, 2), to ?? Given.Day(3, 2), TimeSpan.FromMinutes(minutes),
            existing ?? [], notBefore ?? Given.London(3, 1, 0), maxSlots);

    private static IEnumerable<string> Starts(IEnumerable<TimeRange> slots) =>
        slots.Select(s => TimeZoneInfo.ConvertTime(s.Start, Given.Zone.Zone).ToString("MM-dd HH:mm"));

    [Fact]
    public void Slots_run_back_to_back_through_each_window()
    {
        var slots = SlotFinder.Find(Query());

        Starts(slots).ShouldBe(["03-02 09:00", "03-02 09:50", "03-02 10:40"]);
        slots.ShouldAllBe(s => s.Duration == TimeSpan.FromMinutes(50));
    }

    [Fact]
    public void The_session_length_sets_the_slot_size() =>
        Starts(SlotFinder.Find(Query(minutes: 30))).Count().ShouldBe(6);

    [Fact]
    public void Existing_appointments_are_stepped_round()
    {
        var existing = new[]
        {
            Given.Other(Given.London(3, 2, 9, 30), minutes: 50),
            Given.Other(Given.London(3, 2, 11, 0), minutes: 50, status: AppointmentStatus.Cancelled),
        };

        Starts(SlotFinder.Find(Query(existing: existing))).ShouldBe(["03-02 10:20", "03-02 11:10"]);
    }

    [Fact]
    public void Leave_days_offer_nothing()
    {
        var availability = WeeklyAvailability.Create(MondayMorning.Windows, [new LeavePeriod(Given.Day(3, 9), Given.Day(3, 13))]);

        var slots = SlotFinder.Find(Query(from: Given.Day(3, 2), to: Given.Day(3, 16), availability: availability));

        Starts(slots).Select(s => s[..5]).Distinct().ShouldBe(["03-02", "03-16"]);
    }

    [Fact]
    public void Slots_come_in_time_order_across_days_and_windows()
    {
        var availability = WeeklyAvailability.Create(
        [
            new AvailabilityWindow(DayOfWeek.Tuesday, new TimeOnly(14, 0), new TimeOnly(15, 0)),
            new AvailabilityWindow(DayOfWeek.Monday, new TimeOnly(16, 0), new TimeOnly(17, 0)),
            new AvailabilityWindow(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(10, 0)),
        ], []);

        var slots = SlotFinder.Find(Query(from: Given.Day(3, 2), to: Given.Day(3, 3), availability: availability));

        Starts(slots).ShouldBe(["03-02 09:00", "03-02 16:00", "03-03 14:00"]);
    }

    [Fact]
    public void Slots_before_the_earliest_start_are_left_out() =>
        Starts(SlotFinder.Find(Query(notBefore: Given.London(3, 2, 9, 1)))).ShouldBe(["03-02 09:50", "03-02 10:40"]);

    [Fact]
    public void The_number_of_slots_is_capped() =>
        SlotFinder.Find(Query(from: Given.Day(3, 2), to: Given.Day(3, 30), maxSlots: 4)).Count.ShouldBe(4);

    [Theory]
    [InlineData(3, 2, 3, 1, "to_date", "must be on or after from_date")]
    [InlineData(3, 1, 6, 1, "to_date", "must be within 92 days of from_date; search a shorter range")]
    public void Bad_ranges_are_refused(int fromMonth, int fromDay, int toMonth, int toDay, string field, string description) =>
        Refusal.OfField(field, () => SlotFinder.Find(Query(from: Given.Day(fromMonth, fromDay), to: Given.Day(toMonth, toDay))))
            .ShouldBe(description);

    [Theory]
    [InlineData(0, 10, "session_length")]
    [InlineData(50, 0, "max_slots")]
    [InlineData(50, 501, "max_slots")]
    public void Bad_sizes_are_refused(int minutes, int maxSlots, string field) =>
        Refusal.OfField(field, () => SlotFinder.Find(Query(minutes: minutes, maxSlots: maxSlots)));

    [Fact]
    public void The_longest_range_allowed_is_accepted() =>
        SlotFinder.Find(Query(from: Given.Day(3, 2), to: Given.Day(3, 2).AddDays(SlotQuery.MaxRangeDays - 1))).ShouldNotBeEmpty();
}
