using DitCloud.Outcomes.Api.Data;
using DitCloud.Outcomes.Api.Measures;
using DitCloud.Outcomes.Domain.CourseOutcomes;
using DitCloud.Outcomes.Domain.Measures;

namespace DitCloud.Outcomes.Api.Courses;

/// <summary>One course with everything outcomes holds for it, loaded (tracked) for one unit of work.</summary>
public sealed class CourseRecord(CourseRow row, List<SessionAttendanceRow> attendance, List<MeasureSetRow> measureSets, List<RiskFlagRow> riskFlags)
{
    public CourseRow Row { get; } = row;

    /// <summary>Every appointment scheduling reported on, attended or not.</summary>
    public List<SessionAttendanceRow> Attendance { get; } = attendance;

    /// <summary>Every version of every measure set.</summary>
    public List<MeasureSetRow> MeasureSets { get; } = measureSets;

    public List<RiskFlagRow> RiskFlags { get; } = riskFlags;

    public Guid Id => Row.Id;

    /// <summary>The latest version of each measure set: what outcomes, trajectories and KPIs use.</summary>
    public IReadOnlyList<MeasureSetRow> CurrentVersions =>
        [.. MeasureSets.Where(set => !MeasureSets.Any(later => later.CorrectsId == set.Id))];

    public IReadOnlyList<MeasureSet> CurrentMeasures => [.. CurrentVersions.Select(MeasureRows.ToDomain)];

    /// <summary>The latest version of the measures at one point, if any were recorded there.</summary>
    public MeasureSetRow? CurrentAt(MeasurementOccasion occasion, int sessionNumber) =>
        CurrentVersions.SingleOrDefault(set => set.Occasion == occasion && set.SessionNumber == sessionNumber);

    public IEnumerable<SessionAttendanceRow> Attended => Attendance.Where(a => a.Attended);

    public DateTimeOffset? FirstSessionStartedAt => Attended.Select(a => a.SessionStartedAt ?? a.ReportedAt).Order().Cast<DateTimeOffset?>().FirstOrDefault();

    public IReadOnlyList<AttendedSession> AttendedSessions(ServiceCalendar calendar) =>
        [.. Attended.Select(a => new AttendedSession(a.SessionNumber, calendar.LocalDate(a.SessionStartedAt ?? a.ReportedAt), a.Phase))];

    /// <summary>The course as the domain's rules see it.</summary>
    /// <remarks>
    /// The referral day is only known once CourseCreated has arrived; until then the history carries
    /// the earliest day, and the read model (<see cref="CourseReadModel"/>) leaves the course out of
    /// the waiting-time KPIs rather than use it.
    /// </remarks>
    public CourseHistory History(ServiceCalendar calendar) => new(
        Row.Id,
        Row.PractitionerId ?? Guid.Empty,
        Row.ReferralReceivedAt is { } received ? calendar.LocalDate(received) : DateOnly.MinValue,
        AttendedSessions(calendar),
        Row.EndedAt is { } ended ? calendar.LocalDate(ended) : null,
        CurrentMeasures);

    /// <summary>The practitioners and supervisors of the course: as assigned, and as seen at its sessions.</summary>
    public IReadOnlySet<Guid> CareTeam =>
        new[] { Row.PractitionerId, Row.SupervisorId }
            .Concat(Attendance.SelectMany(a => new[] { (Guid?)a.PractitionerId, a.SupervisorId }))
            .OfType<Guid>()
            .ToHashSet();
}
