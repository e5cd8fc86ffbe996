namespace DitCloud.Outcomes.Domain.Kpis;

/// <summary>
/// Attendance over a period: sessions not attended (did not attend, 3; arrived late and not seen, 7)
/// over sessions due (those and attended, 5 and 6). Cancellations (2, 4) were never due and are not counted.
/// </summary>
public static class AttendanceKpis
{
    /// <param name="practitionerId">Only this practitioner's sessions; null for the whole service.</param>
    public static Rate DidNotAttend(IEnumerable<SessionAttendanceRecord> sessions, ReportingPeriod period, Guid? practitionerId = null) =>
        Rate.Of(
            sessions.Where(session => period.Contains(session.On) && (practitionerId is null || session.PractitionerId == practitionerId)).ToList(),
            session => !session.Attended);
}
