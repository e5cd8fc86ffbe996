using System.Diagnostics.Metrics;
using DitCloud.Scheduling.Domain.Attendance;
using DitCloud.ServiceDefaults.Telemetry;

namespace DitCloud.Scheduling.Api;

/// <summary>
/// Sessions attended and missed (meter "DitCloud.Scheduling"), counted once the attendance has
/// committed. The label is the national attendance code's name: attended and arrived_late_but_seen
/// were attended, did_not_attend (DNA) and arrived_late_not_seen were missed. Never anything that
/// identifies a patient, a course or an appointment.
/// </summary>
public sealed class SchedulingMetrics
{
    private static readonly EnumTag<AttendanceCode> Attendance = new("dit.scheduling.attendance");

    private readonly Counter<long> sessions;

    public SchedulingMetrics(IMeterFactory meterFactory) =>
        sessions = meterFactory.Create(DitMetrics.MeterName("Scheduling"))
            .CreateCounter<long>("dit.scheduling.sessions", "{session}", "Sessions whose attendance was recorded, by attendance code");

    /// <summary>A correction (a DNA later recorded as attended) counts the session again under its new code.</summary>
    public void AttendanceRecorded(AttendanceCode code) => sessions.Add(1, Attendance[code]);
}
