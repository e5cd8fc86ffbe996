using DitCloud.Domain;
using DitCloud.Persistence;
using DitCloud.Scheduling.Api.Booking;
using DitCloud.Scheduling.Api.Courses;
using DitCloud.Scheduling.Api.Data;
using DitCloud.Scheduling.Api.Diary;
using DitCloud.Scheduling.Api.Practitioners;
using DitCloud.Scheduling.V1;
using DitCloud.ServiceDefaults.Security;
using Microsoft.Extensions.Options;

namespace DitCloud.Scheduling.Api.Grpc;

/// <summary>
/// dit.scheduling.v1.SchedulingService. Requests arrive validated (the validators beside this file)
/// and authenticated; each method checks the caller may touch the record, lets the application
/// services and the domain do the work, and answers. Domain refusals become gRPC statuses in the
/// shared interceptor. One file per area: practitioners, booking, courses, the diary stream.
/// </summary>
public sealed partial class SchedulingApi(
    SchedulingDbContext db,
    CourseStore courses,
    PractitionerDirectory practitioners,
    CourseScheduling scheduling,
    SlotSearch slots,
    WaitingListAllocator allocator,
    DiaryFeed diary,
    IAuditTrail audit,
    IOptions<SchedulingOptions> options,
    TimeProvider clock,
    IHostApplicationLifetime lifetime) : SchedulingService.SchedulingServiceBase
{
    /// <summary>A validated id field (the validators have refused anything that is not a UUID).</summary>
    private static Guid IdOf(string value) => Guid.Parse(value);

    private static Guid? OptionalIdOf(string value) => value.Length == 0 ? null : Guid.Parse(value);

    /// <summary>Re-throws a domain refusal with the field names this API uses for them.</summary>
    private static DomainException Renamed(DomainException refusal, IReadOnlyDictionary<string, string> names) =>
        refusal.Violations.Count == 0
            ? refusal
            : DomainException.Invalid([.. refusal.Violations.Select(v => v with { Field = Rename(v.Field, names) })]);

    private static string Rename(string field, IReadOnlyDictionary<string, string> names)
    {
        foreach (var (from, to) in names)
        {
            if (field == from) return to;
            if (field.EndsWith("." + from, StringComparison.Ordinal)) return field[..^from.Length] + to;
        }

        return field;
    }

    private static void EnsureEtag(string etag, int version, string what)
    {
        if (etag.Length > 0 && etag != version.ToString())
        {
            throw new DomainException(DomainErrorKind.Aborted, $"the {what} has changed since it was read (etag mismatch); read it again");
        }
    }

    /// <summary>Audits a refused attempt on patient data (who tried, on what), then refuses with PERMISSION_DENIED.</summary>
    private async Task EnsureAllowedAsync(bool allowed, Caller caller, string resourceType, Guid resourceId, Guid? patient, string detail, string refusal)
    {
        if (allowed) return;
        audit.Record(caller.Actor(), AuditAction.Read, resourceType, resourceId.ToString(), patient, $"{detail} refused");
        await db.SaveChangesAsync(CancellationToken.None);
        throw DomainException.Denied(refusal);
    }

    private Task EnsureCanSeeCourseAsync(Caller caller, CourseRow course, string detail) =>
        EnsureAllowedAsync(caller.CanSeeCourse(course), caller, "course", course.Id, course.PatientReference, detail, Access.CourseRefusal);

    private Task EnsureCanSeeDiaryAsync(Caller caller, PractitionerRow practitioner, string detail) =>
        EnsureAllowedAsync(caller.CanSeeDiary(practitioner), caller, "diary", practitioner.Id, null, detail, Access.DiaryRefusal);

    private static Data.ChangeReason ToData(V1.ChangeReason reason) => (Data.ChangeReason)(int)reason;
}
