using DitCloud.Outcomes.Domain.Kpis;

namespace DitCloud.Outcomes.Tests.Kpis;

public sealed class AttendanceKpisTests
{
    private static readonly ReportingPeriod April = ReportingPeriod.Create(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30));

    private static readonly Guid Other = Given.Id(102);

    private static SessionAttendanceRecord Session(int month, int day, bool attended, Guid? practitioner = null) =>
        new(practitioner ?? Given.PractitionerId, new DateOnly(2026, month, day), attended);

    [Fact]
    public void With_no_sessions_due_the_rate_is_undefined()
    {
        var rate = AttendanceKpis.DidNotAttend([], April);

        rate.ShouldBe(new Rate(0, 0));
        rate.Percent.ShouldBeNull();
    }

    [Fact]
    public void Missed_sessions_over_sessions_due()
    {
        var rate = AttendanceKpis.DidNotAttend([Session(4, 2, true), Session(4, 9, false), Session(4, 16, true), Session(4, 23, true)], April);

        rate.ShouldBe(new Rate(1, 4));
        rate.Percent.ShouldBe(25.0);
    }

    [Theory]
    [InlineData(3, 31, false)]
    [InlineData(4, 1, true)]  // first day of the period
    [InlineData(4, 30, true)] // last day of the period
    [InlineData(5, 1, false)]
    public void Only_sessions_in_the_period_count(int month, int day, bool counted) =>
        AttendanceKpis.DidNotAttend([Session(month, day, false)], April).Denominator.ShouldBe(counted ? 1 : 0);

    [Fact]
    public void By_practitioner_only_their_sessions_count()
    {
        SessionAttendanceRecord[] sessions = [Session(4, 2, false), Session(4, 3, true, Other), Session(4, 4, true, Other)];

        AttendanceKpis.DidNotAttend(sessions, April, Given.PractitionerId).ShouldBe(new Rate(1, 1));
        AttendanceKpis.DidNotAttend(sessions, April, Other).ShouldBe(new Rate(0, 2));
        AttendanceKpis.DidNotAttend(sessions, April).ShouldBe(new Rate(1, 3));
    }
}
