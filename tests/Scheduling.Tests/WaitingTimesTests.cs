using DitCloud.Scheduling.Domain.Attendance;
using DitCloud.Scheduling.Domain.Courses;

namespace DitCloud.Scheduling.Tests;

public sealed class WaitingTimesTests
{
    // Given.Run books Mondays at 10:00 from 2 March 2026, one a week.
    public static TheoryData<string, int, AttendanceCode[], int?, int?> Cases => new()
    {
        { "nothing attended yet", 20, [], null, null },
        { "first attended only", 20, [AttendanceCode.Attended], 10, null },
        { "first and second a week apart", 20, [AttendanceCode.Attended, AttendanceCode.ArrivedLateButSeen], 10, 7 },
        { "a DNA in between widens the gap", 20, [AttendanceCode.Attended, AttendanceCode.DidNotAttend, AttendanceCode.Attended], 10, 14 },
        { "cancellations before the first attended session count as waiting", 9, [AttendanceCode.CancelledByProvider, AttendanceCode.CancelledByPatient, AttendanceCode.Attended, AttendanceCode.Attended], 35, 7 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Waits_are_whole_local_days(string because, int referredOnFebruaryDay, AttendanceCode[] codes, int? toFirst, int? firstToSecond)
    {
        var course = Given.AssignedCourse(referredAt: Given.London(2, referredOnFebruaryDay, 16));
        var after = Given.Run(course, DnaPolicy.Default with { ReviewOnMissedFirstSession = false, MissedSessionsForReview = 16 }, codes).Course;

        WaitingTimes.Of(after, Given.Zone).ShouldBe(new WaitingTimes(toFirst, firstToSecond), because);
    }

    [Fact]
    public void Days_are_counted_on_the_london_calendar()
    {
        // 23:30 UTC on 31 August 2025 is 00:30 on 1 September in London (BST); 182 days to Monday 2 March 2026.
        var course = Given.AssignedCourse(referredAt: new DateTimeOffset(2025, 8, 31, 23, 30, 0, TimeSpan.Zero));
        var after = Given.Run(course, DnaPolicy.Default, AttendanceCode.Attended).Course;

        WaitingTimes.Of(after, Given.Zone).ReferralToFirstAttendedDays.ShouldBe(182);
    }
}
