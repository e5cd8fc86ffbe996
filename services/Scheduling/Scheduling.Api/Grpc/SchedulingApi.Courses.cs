using DitCloud.Domain;
using DitCloud.Persistence;
using DitCloud.Scheduling.Api.Courses;
using DitCloud.Scheduling.Api.Data;
using DitCloud.Scheduling.Domain.Courses;
using DitCloud.Scheduling.V1;
using DitCloud.ServiceDefaults.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using AppointmentStatus = DitCloud.Scheduling.Domain.Booking.AppointmentStatus;
using Contract = DitCloud.Contracts.Events.V1;

namespace DitCloud.Scheduling.Api.Grpc;

public sealed partial class SchedulingApi
{
    [RequireScope(Scopes.SchedulingRead)]
    public override async Task<GetCourseResponse> GetCourse(GetCourseRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var cancellationToken = context.CancellationToken;
        var loaded = request.LookupCase == GetCourseRequest.LookupOneofCase.CourseId
            ? await courses.GetAsync(IdOf(request.CourseId), cancellationToken)
            : await courses.FindByReferralAsync(IdOf(request.ReferralId), cancellationToken)
                ?? throw DomainException.NotFound("no course has come from this referral_id (it may not be accepted yet, or was withdrawn first)");
        await EnsureCanSeeCourseAsync(caller, loaded.Row, "GetCourse");
        context.ReportPatientReference(loaded.Row.PatientReference);
        audit.Record(caller.Actor(), AuditAction.Read, "course", loaded.Row.Id.ToString(), loaded.Row.PatientReference, "GetCourse");
        await db.SaveChangesAsync(cancellationToken);
        return new GetCourseResponse { Course = loaded.Row.ToProto(loaded.Course, FirstOffers.Read(loaded.Row)) };
    }

    [RequireScope(Scopes.SchedulingManage)]
    public override async Task<EndCourseResponse> EndCourse(EndCourseRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var cancellationToken = context.CancellationToken;
        var loaded = await courses.GetAsync(IdOf(request.CourseId), cancellationToken);
        await EnsureCanSeeCourseAsync(caller, loaded.Row, "EndCourse");
        context.ReportPatientReference(loaded.Row.PatientReference);
        EnsureEtag(request.Etag, loaded.Row.Version, "course");
        var heldAPlace = loaded.Course.State == CourseState.InTreatment;
        var reason = (Contract.CourseEndReason)(int)request.EndReason;
        var explanation = string.IsNullOrWhiteSpace(request.Note) ? $"Ended early: {reason}." : request.Note;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        scheduling.EndCourse(loaded, reason, explanation, caller.Actor());
        await db.SaveChangesOrExplainAsync("course", cancellationToken);
        if (heldAPlace) await allocator.AllocateAsync(caller.Actor(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new EndCourseResponse { Course = loaded.Row.ToProto(loaded.Course, FirstOffers.Read(loaded.Row)) };
    }

    [RequireScope(Scopes.SchedulingRead)]
    public override async Task<ListAppointmentsResponse> ListAppointments(ListAppointmentsRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var cancellationToken = context.CancellationToken;
        var query = db.Appointments.AsNoTracking();
        if (OptionalIdOf(request.PractitionerId) is { } practitionerId)
        {
            await EnsureCanSeeDiaryAsync(caller, await practitioners.GetAsync(practitionerId, cancellationToken), "ListAppointments");
            query = query.Where(a => a.PractitionerId == practitionerId);
        }

        if (OptionalIdOf(request.CourseId) is { } courseId)
        {
            var course = await db.Courses.AsNoTracking().SingleOrDefaultAsync(c => c.Id == courseId, cancellationToken)
                ?? throw DomainException.NotFound("no course has this course_id");
            if (request.PractitionerId.Length == 0) await EnsureCanSeeCourseAsync(caller, course, "ListAppointments");
            // One course's appointments are one patient's; a diary's span many and name none.
            context.ReportPatientReference(course.PatientReference);
            query = query.Where(a => a.CourseId == courseId);
        }

        if (request.StartAfter is not null) query = query.Where(a => a.StartsAt >= request.StartAfter.ToDateTimeOffset());
        if (request.StartBefore is not null) query = query.Where(a => a.StartsAt < request.StartBefore.ToDateTimeOffset());
        if (request.Statuses.Count > 0)
        {
            var statuses = request.Statuses.SelectMany(StatusesFor).ToList();
            query = query.Where(a => statuses.Contains(a.Status));
        }

        if (PageToken.Read(request.PageToken) is var (ticks, lastId))
        {
            var after = long.TryParse(ticks, out var utcTicks) && utcTicks is >= 0 and <= 3155378975999999999
                ? new DateTimeOffset(utcTicks, TimeSpan.Zero)
                : throw DomainException.Invalid("page_token", "is not a token this service issued; pass next_page_token back unchanged");
            query = query.Where(a => a.StartsAt > after || (a.StartsAt == after && a.Id.CompareTo(lastId) > 0));
        }

        var pageSize = request.PageSize == 0 ? 50 : request.PageSize;
        var page = await query.OrderBy(a => a.StartsAt).ThenBy(a => a.Id).Take(pageSize + 1).ToListAsync(cancellationToken);
        var shown = page.Take(pageSize).ToList();
        foreach (var course in shown.GroupBy(a => (a.CourseId, a.PatientReference)))
        {
            audit.Record(caller.Actor(), AuditAction.List, "course", course.Key.CourseId.ToString(), course.Key.PatientReference, "ListAppointments");
        }

        await db.SaveChangesAsync(cancellationToken);
        var response = new ListAppointmentsResponse
        {
            NextPageToken = page.Count > pageSize ? PageToken.Create(shown[^1].StartsAt.UtcTicks.ToString(), shown[^1].Id) : "",
        };
        response.Appointments.AddRange(shown.Select(a => a.ToProto()));
        return response;
    }

    private static IEnumerable<AppointmentStatus> StatusesFor(V1.AppointmentStatus status) => status switch
    {
        V1.AppointmentStatus.Booked => [AppointmentStatus.Booked],
        V1.AppointmentStatus.Cancelled => [AppointmentStatus.Cancelled],
        _ => [AppointmentStatus.Attended, AppointmentStatus.Missed],
    };
}
