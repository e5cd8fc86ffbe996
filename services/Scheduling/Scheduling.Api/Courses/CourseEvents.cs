using DitCloud.Contracts.Events.V1;
using DitCloud.Scheduling.Api.Data;
using DitCloud.Scheduling.Domain.Attendance;
using DitCloud.Scheduling.Domain.Courses;
using Contract = DitCloud.Contracts.Events.V1;

namespace DitCloud.Scheduling.Api.Courses;

/// <summary>
/// The integration events a course publishes, built from its rows and domain state. Every event of
/// a course goes out with the course id as its partition key, so consumers see them in order.
/// Ids and codes only: nothing personal.
/// </summary>
public static class CourseEvents
{
    public static Contract.DeliveryMode Mode(Domain.Practitioners.DeliveryMode mode) => mode switch
    {
        Domain.Practitioners.DeliveryMode.Video => Contract.DeliveryMode.Video,
        Domain.Practitioners.DeliveryMode.InPerson => Contract.DeliveryMode.FaceToFace,
        _ => Contract.DeliveryMode.Unspecified,
    };

    public static Contract.TherapyPhase Phase(Domain.Courses.TherapyPhase phase) => (Contract.TherapyPhase)(int)phase;

    public static Contract.AttendanceCode Code(Domain.Attendance.AttendanceCode code) => (Contract.AttendanceCode)(int)code;

    public static CourseCreated Created(CourseRow course, DateTimeOffset at) => new(
        Guid.CreateVersion7(), at, course.Id, course.ReferralId, course.PatientReference, course.SessionCount,
        course.InitialPhaseLastSession, course.MiddlePhaseLastSession, course.ReferredAt, course.PartnerId);

    public static PractitionerAssigned Assigned(CourseRow course, DateTimeOffset at) => new(
        Guid.CreateVersion7(), at, course.Id, course.ReferralId, course.PractitionerId!.Value, course.SupervisorId, Mode(course.DeliveryMode));

    public static AppointmentBooked Booked(AppointmentRow appointment, DateTimeOffset at, bool rescheduled) => new(
        Guid.CreateVersion7(), at, appointment.Id, appointment.CourseId, appointment.PractitionerId, appointment.SessionNumber,
        Phase(appointment.Phase), appointment.StartsAt, appointment.EndsAt - appointment.StartsAt, Mode(appointment.DeliveryMode), rescheduled);

    public static AppointmentCancelled Cancelled(AppointmentRow appointment, DateTimeOffset at) => new(
        Guid.CreateVersion7(), at, appointment.Id, appointment.CourseId, appointment.PractitionerId, appointment.SessionNumber,
        Code(appointment.Outcome!.Value));

    public static SessionAttended Attended(AppointmentRow appointment, DateTimeOffset at) => new(
        Guid.CreateVersion7(), at, appointment.Id, appointment.CourseId, appointment.SessionNumber, Phase(appointment.Phase),
        appointment.PractitionerId, appointment.SupervisorId, Code(appointment.Outcome!.Value), appointment.StartsAt);

    public static SessionMissed Missed(AppointmentRow appointment, Course course, DateTimeOffset at) => new(
        Guid.CreateVersion7(), at, appointment.Id, appointment.CourseId, appointment.SessionNumber, Phase(appointment.Phase),
        appointment.PractitionerId, Code(appointment.Outcome!.Value), course.MissedInARow);

    public static DischargeReviewNeeded ReviewNeeded(CourseRow course, DischargeReview review, DateTimeOffset at) => new(
        Guid.CreateVersion7(), at, course.Id, course.PractitionerId!.Value, (DischargeReviewReason)(int)review.Trigger, review.MissedSessions);

    public static CourseCompleted Completed(CourseRow row, Course course, DateTimeOffset at)
    {
        var attended = course.AttendanceHistory
            .Where(r => r.Code.CountsAsAttended())
            .Select(r => r.AppointmentTime.Start)
            .Order()
            .ToList();
        var endedEarly = course.State == CourseState.EndedEarly;
        return new(Guid.CreateVersion7(), at, row.Id, row.ReferralId, endedEarly, endedEarly ? row.EndReason : null,
            attended.Count, attended.Count > 0 ? attended[0] : null, attended.Count > 1 ? attended[1] : null);
    }
}
