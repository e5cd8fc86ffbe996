using DitCloud.Contracts.Events.V1;
using DitCloud.Outcomes.Api.Courses;
using DitCloud.Outcomes.Api.Data;
using MassTransit;
using MeasuredPhase = DitCloud.Outcomes.Domain.Measures.TherapyPhase;

namespace DitCloud.Outcomes.Api.Messaging;

/// <summary>
/// An appointment's attendance as scheduling reports it. The report that happened last wins (a
/// corrected code arrives as another event, possibly before the first on another queue). Until a
/// practitioner is assigned, the one seen at the session stands for the course's.
/// </summary>
public sealed class AttendanceRecorder(OutcomesDbContext db, CourseStore courses, CourseReadModel readModel, CourseEventLog log, ServiceCalendar calendar)
{
    public async Task RecordAsync(
        Guid courseId, Guid appointmentId, DateTimeOffset reportedAt, Action<SessionAttendanceRow> apply, string eventName, CancellationToken cancellationToken)
    {
        var course = await courses.GetOrAddAsync(courseId, cancellationToken);
        var attendance = course.Attendance.SingleOrDefault(a => a.AppointmentId == appointmentId);
        if (attendance is not null && attendance.ReportedAt > reportedAt) return; // a later report is already here

        if (attendance is null)
        {
            attendance = new SessionAttendanceRow { AppointmentId = appointmentId, CourseId = courseId };
            course.Attendance.Add(attendance);
            db.Attendance.Add(attendance);
        }
        else
        {
            attendance.Version++;
        }

        apply(attendance);
        attendance.ReportedAt = reportedAt;
        attendance.ReportedOn = calendar.LocalDate(reportedAt);
        if (course.Row.PractitionerAssignedAt is null)
        {
            course.Row.PractitionerId = attendance.PractitionerId;
            course.Row.SupervisorId = attendance.SupervisorId ?? course.Row.SupervisorId;
        }

        readModel.Refresh(course);
        log.Changed(course, eventName);
    }

    public static MeasuredPhase Phase(TherapyPhase phase) => (MeasuredPhase)(int)phase;
}

/// <summary>A session took place (codes 5 and 6): measures can now be recorded against it.</summary>
public sealed class SessionAttendedConsumer(AttendanceRecorder recorder) : IConsumer<SessionAttended>
{
    public Task Consume(ConsumeContext<SessionAttended> context)
    {
        var attended = context.Message;
        return recorder.RecordAsync(attended.CourseId, attended.AppointmentId, attended.OccurredAt, row =>
        {
            row.SessionNumber = attended.SessionNumber;
            row.Phase = AttendanceRecorder.Phase(attended.Phase);
            row.PractitionerId = attended.PractitionerId;
            row.SupervisorId = attended.SupervisorId;
            row.Code = attended.AttendanceCode;
            row.Attended = true;
            row.SessionStartedAt = attended.SessionStartedAt;
        }, nameof(SessionAttended), context.CancellationToken);
    }
}

/// <summary>A session was missed (codes 3 and 7): due but not attended, for the attendance KPI.</summary>
public sealed class SessionMissedConsumer(AttendanceRecorder recorder) : IConsumer<SessionMissed>
{
    public Task Consume(ConsumeContext<SessionMissed> context)
    {
        var missed = context.Message;
        return recorder.RecordAsync(missed.CourseId, missed.AppointmentId, missed.OccurredAt, row =>
        {
            row.SessionNumber = missed.SessionNumber;
            row.Phase = AttendanceRecorder.Phase(missed.Phase);
            row.PractitionerId = missed.PractitionerId;
            row.SupervisorId = null;
            row.Code = missed.AttendanceCode;
            row.Attended = false;
            row.SessionStartedAt = null;
        }, nameof(SessionMissed), context.CancellationToken);
    }
}
