using DitCloud.Domain;
using DitCloud.Scheduling.Api.Booking;
using DitCloud.Scheduling.Api.Data;
using DitCloud.Scheduling.Domain.Booking;
using DitCloud.Scheduling.Domain.Practitioners;
using DitCloud.Scheduling.V1;
using DitCloud.ServiceDefaults.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using AttendanceCode = DitCloud.Scheduling.V1.AttendanceCode;
using DomainMode = DitCloud.Scheduling.Domain.Practitioners.DeliveryMode;

namespace DitCloud.Scheduling.Api.Grpc;

public sealed partial class SchedulingApi
{
    /// <summary>How far in the past an earliest_start may be (the caller's "now" on its way here).</summary>
    private static readonly TimeSpan ClockAllowance = TimeSpan.FromMinutes(5);

    [RequireScope(Scopes.SchedulingRead)]
    public override async Task<FindSlotsResponse> FindSlots(FindSlotsRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var cancellationToken = context.CancellationToken;
        var now = clock.GetUtcNow();
        var earliest = request.EarliestStart.ToDateTimeOffset();
        if (earliest < now - ClockAllowance)
        {
            throw DomainException.Invalid("earliest_start", "is in the past; search from now or later");
        }

        earliest = earliest < now ? now : earliest;
        var latest = request.LatestStart.ToDateTimeOffset();
        CourseRow? course = null;
        if (OptionalIdOf(request.CourseId) is { } courseId)
        {
            course = await db.Courses.SingleOrDefaultAsync(c => c.Id == courseId, cancellationToken)
                ?? throw DomainException.NotFound("no course has this course_id");
            await EnsureCanSeeCourseAsync(caller, course, "FindSlots");
            context.ReportPatientReference(course.PatientReference);
            audit.Record(caller.Actor(), Persistence.AuditAction.Read, "course", course.Id.ToString(), course.PatientReference, "FindSlots");
            await db.SaveChangesAsync(cancellationToken);
        }

        List<PractitionerRow> candidates = OptionalIdOf(request.PractitionerId) is { } practitionerId
            ? [await practitioners.GetAsync(practitionerId, cancellationToken)]
            : course?.PractitionerId is { } assigned
                ? [await practitioners.GetAsync(assigned, cancellationToken)]
                : await db.Practitioners.Where(p => p.Active).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var length = request.Duration?.ToTimeSpan() ?? TimeSpan.FromMinutes(course?.SessionMinutes ?? options.Value.SessionMinutes);
        var wantedMode = request.DeliveryMode.ToDomain() ?? course?.DeliveryMode;
        var max = request.MaxResults == 0 ? 50 : request.MaxResults;

        var found = new List<Slot>();
        foreach (var practitioner in candidates.Where(p => p.Active))
        {
            var domain = await practitioners.ToDomainAsync(practitioner, cancellationToken);
            IEnumerable<DomainMode> modes = wantedMode is { } single ? [single] : practitioner.DeliveryModes.Order();
            foreach (var mode in modes)
            {
                if (DitEligibility.CheckForSession(domain, mode) is not null) continue;
                var free = await slots.FreeAsync(practitioner.Id, mode, earliest, latest, length, course?.PatientReference, max, cancellationToken);
                found.AddRange(free.Select(s => s.ToProto(practitioner.Id, mode)));
            }
        }

        var response = new FindSlotsResponse();
        response.Slots.AddRange(found.OrderBy(s => s.StartTime).ThenBy(s => s.PractitionerId, StringComparer.Ordinal).ThenBy(s => s.DeliveryMode).Take(max));
        return response;
    }

    [RequireScope(Scopes.SchedulingManage)]
    public override async Task<BookAppointmentResponse> BookAppointment(BookAppointmentRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var course = await db.Courses.SingleOrDefaultAsync(c => c.Id == IdOf(request.CourseId), context.CancellationToken)
            ?? throw DomainException.NotFound("no course has this course_id");
        await EnsureCanSeeCourseAsync(caller, course, "BookAppointment");
        context.ReportPatientReference(course.PatientReference);
        var appointment = await scheduling.BookAsync(new BookingRequest(
            IdOf(request.RequestId), course.Id, IdOf(request.PractitionerId), request.StartTime.ToDateTimeOffset(),
            request.Duration?.ToTimeSpan(), request.DeliveryMode.ToDomain(), request.SessionNumber), caller.Actor(), context.CancellationToken);
        return new BookAppointmentResponse { Appointment = appointment.ToProto() };
    }

    [RequireScope(Scopes.SchedulingManage)]
    public override async Task<RescheduleAppointmentResponse> RescheduleAppointment(RescheduleAppointmentRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        context.ReportPatientReference(await EnsureCanSeeAppointmentAsync(caller, IdOf(request.AppointmentId), "RescheduleAppointment", context.CancellationToken));
        var appointment = await scheduling.RescheduleAsync(IdOf(request.AppointmentId), request.StartTime.ToDateTimeOffset(),
            OptionalIdOf(request.PractitionerId), ToData(request.Reason), NullIfEmpty(request.Note), request.Etag, caller.Actor(), context.CancellationToken);
        return new RescheduleAppointmentResponse { Appointment = appointment.ToProto() };
    }

    [RequireScope(Scopes.SchedulingManage)]
    public override async Task<CancelAppointmentResponse> CancelAppointment(CancelAppointmentRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        context.ReportPatientReference(await EnsureCanSeeAppointmentAsync(caller, IdOf(request.AppointmentId), "CancelAppointment", context.CancellationToken));
        var by = request.CancellationCode == AttendanceCode.CancelledByPatient ? CancelledBy.Patient : CancelledBy.Provider;
        var appointment = await scheduling.CancelAsync(IdOf(request.AppointmentId), by, ToData(request.Reason),
            NullIfEmpty(request.Note), request.Etag, caller.Actor(), context.CancellationToken);
        return new CancelAppointmentResponse { Appointment = appointment.ToProto() };
    }

    [RequireScope(Scopes.SchedulingManage)]
    public override async Task<RecordAttendanceResponse> RecordAttendance(RecordAttendanceRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        context.ReportPatientReference(await EnsureCanSeeAppointmentAsync(caller, IdOf(request.AppointmentId), "RecordAttendance", context.CancellationToken));
        var (appointment, course) = await scheduling.RecordAttendanceAsync(IdOf(request.AppointmentId),
            (Domain.Attendance.AttendanceCode)(int)request.AttendanceCode, OptionalIdOf(request.SupervisorPractitionerId),
            caller.Actor(), context.CancellationToken);
        return new RecordAttendanceResponse
        {
            Appointment = appointment.ToProto(),
            Course = course.Row.ToProto(course.Course, Courses.FirstOffers.Read(course.Row)),
        };
    }

    /// <summary>Refuses (audited) unless the caller may see the appointment; returns its pseudonymous patient.</summary>
    private async Task<Guid> EnsureCanSeeAppointmentAsync(Caller caller, Guid appointmentId, string detail, CancellationToken cancellationToken)
    {
        var appointment = await db.Appointments.SingleOrDefaultAsync(a => a.Id == appointmentId, cancellationToken)
            ?? throw DomainException.NotFound("no appointment has this appointment_id");
        var course = await db.Courses.SingleAsync(c => c.Id == appointment.CourseId, cancellationToken);
        await EnsureAllowedAsync(caller.CanSeeAppointment(course, appointment), caller, "appointment", appointment.Id,
            appointment.PatientReference, detail, Access.AppointmentRefusal);
        return appointment.PatientReference;
    }

    private static string? NullIfEmpty(string value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
