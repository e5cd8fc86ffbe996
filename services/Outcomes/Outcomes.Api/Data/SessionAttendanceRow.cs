using DitCloud.Contracts.Events.V1;
using TherapyPhase = DitCloud.Outcomes.Domain.Measures.TherapyPhase;

namespace DitCloud.Outcomes.Api.Data;

/// <summary>
/// One appointment's attendance as scheduling last reported it (SessionAttended or SessionMissed).
/// Scheduling may correct an attendance code; the report that happened last wins, whatever order
/// the events arrive in.
/// </summary>
public sealed class SessionAttendanceRow
{
    public Guid AppointmentId { get; set; }

    public Guid CourseId { get; set; }

    public int SessionNumber { get; set; }

    public TherapyPhase Phase { get; set; }

    public Guid PractitionerId { get; set; }

    public Guid? SupervisorId { get; set; }

    public AttendanceCode Code { get; set; }

    /// <summary>Codes 5 and 6.</summary>
    public bool Attended { get; set; }

    /// <summary>When the session was due to start; reported for attended sessions only.</summary>
    public DateTimeOffset? SessionStartedAt { get; set; }

    /// <summary>When scheduling recorded this attendance (the event's OccurredAt).</summary>
    public DateTimeOffset ReportedAt { get; set; }

    /// <summary>The local day of <see cref="ReportedAt"/>: the day the session counts in attendance KPIs.</summary>
    public DateOnly ReportedOn { get; set; }

    public int Version { get; set; }
}
