namespace DitCloud.Outcomes.Domain.Kpis;

/// <summary>One session that was due, as the attendance KPI needs it: one row of the read model.</summary>
/// <param name="On">The day attendance was recorded (local to the service).</param>
/// <param name="Attended">Attended (codes 5 and 6) or not (did not attend, 3; arrived late and not seen, 7).</param>
public sealed record SessionAttendanceRecord(Guid PractitionerId, DateOnly On, bool Attended);
