using DitCloud.Scheduling.Domain;
using DitCloud.Scheduling.Domain.Availability;
using DitCloud.Scheduling.Domain.Booking;

namespace DitCloud.Scheduling.Tests;

public sealed class TimeOffTests
{
    private static readonly DateTimeOffset Now = Given.London(3, 1, 12);

    private static WeeklyAvailability MondayNineToFive(params TimeRange[] off) =>
        WeeklyAvailability.Create([new AvailabilityWindow(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(17, 0))], [])
            .WithTimeOff(off);

    [Fact]
    public void Time_off_is_cut_out_of_the_open_periods()
    {
        var availability = MondayNineToFive(new TimeRange(Given.London(3, 2, 12), Given.London(3, 2, 14)));

        availability.OpenPeriods(Given.Day(3, 2), Given.Day(3, 2), Given.Zone).ShouldBe(
        [
            new TimeRange(Given.London(3, 2, 9), Given.London(3, 2, 12)),
            new TimeRange(Given.London(3, 2, 14), Given.London(3, 2, 17)),
        ]);
    }

    [Fact]
    public void Overlapping_and_edge_periods_off_leave_only_what_is_free()
    {
        var availability = MondayNineToFive(
            new TimeRange(Given.London(3, 2, 8), Given.London(3, 2, 10)),
            new TimeRange(Given.London(3, 2, 15), Given.London(3, 2, 18)),
            new TimeRange(Given.London(3, 2, 9, 30), Given.London(3, 2, 11)));

        availability.OpenPeriods(Given.Day(3, 2), Given.Day(3, 2), Given.Zone)
            .ShouldBe([new TimeRange(Given.London(3, 2, 11), Given.London(3, 2, 15))]);
    }

    [Fact]
    public void Time_off_spanning_days_removes_them_whole()
    {
        var availability = MondayNineToFive(new TimeRange(Given.London(3, 1, 0), Given.London(3, 10, 0)));

        availability.OpenPeriods(Given.Day(3, 2), Given.Day(3, 16), Given.Zone).ShouldBe(
        [
            new TimeRange(Given.London(3, 16, 9), Given.London(3, 16, 17)),
        ]);
    }

    [Fact]
    public void A_booking_in_time_off_is_refused_naming_the_time_off()
    {
        var context = Given.Context(Now, availability: MondayNineToFive(new TimeRange(Given.London(3, 2, 12), Given.London(3, 2, 14))));

        Refusal.OfField("start_time", () => CourseScheduler.Book(Given.AssignedCourse(), Given.Id(1), Given.London(3, 2, 13, 30), context))
            .ShouldBe("falls in the practitioner's time off; choose a slot from FindSlots");
    }

    [Fact]
    public void A_booking_that_ends_as_time_off_begins_is_allowed()
    {
        var context = Given.Context(Now, availability: MondayNineToFive(new TimeRange(Given.London(3, 2, 12), Given.London(3, 2, 14))));

        CourseScheduler.Book(Given.AssignedCourse(), Given.Id(1), Given.London(3, 2, 11, 10), context)
            .Appointment.Time.End.ShouldBe(Given.London(3, 2, 12));
    }
}
