using DitCloud.Domain;
using DitCloud.Persistence;
using DitCloud.Scheduling.Api.Data;
using DitCloud.ServiceDefaults.Security;

namespace DitCloud.Scheduling.Api.Grpc;

/// <summary>
/// Who may see or change what, beyond the scope each method requires. Services and administrators
/// see everything; a partner system sees only the courses of referrals it sent, and never a
/// practitioner's diary; a clinician sees the courses they treat or supervise, appointments they
/// hold, and the diaries of themselves and the trainees they supervise. A refusal to see patient
/// data is itself audited (see SchedulingApi.RefuseAsync).
/// </summary>
internal static class Access
{
    public static AuditActor Actor(this Caller caller) => new(caller.Id, caller.Kind.ToString().ToLowerInvariant());

    public const string CourseRefusal = "the caller may not see this course: it belongs to another partner's referral or another practitioner's caseload";

    public const string AppointmentRefusal = "the caller may not see this appointment: it belongs to another partner's referral or another practitioner";

    public const string DiaryRefusal = "the caller may not see this practitioner's diary: only the practitioner, their supervisor and administrators may";

    public static bool CanSeeCourse(this Caller caller, CourseRow course) => caller.Kind switch
    {
        CallerKind.Partner => caller.Id == course.PartnerId,
        _ => IsStaffWithFullAccess(caller)
            || (course.PractitionerId is { } practitioner && IsPractitioner(caller, practitioner))
            || (course.SupervisorId is { } supervisor && IsPractitioner(caller, supervisor)),
    };

    public static bool CanSeeAppointment(this Caller caller, CourseRow course, AppointmentRow appointment) =>
        CanSeeCourse(caller, course) || IsPractitioner(caller, appointment.PractitionerId);

    public static bool CanSeeDiary(this Caller caller, PractitionerRow practitioner) =>
        IsStaffWithFullAccess(caller) || IsPractitioner(caller, practitioner.Id) ||
        (practitioner.SupervisorId is { } supervisor && IsPractitioner(caller, supervisor));

    /// <summary>Registering practitioners and changing their caseload: administrators and services.</summary>
    public static void EnsureCanManagePractitioners(this Caller caller)
    {
        if (IsStaffWithFullAccess(caller)) return;
        throw DomainException.Denied("only an administrator may register or change practitioners (role 'admin')");
    }

    /// <summary>Availability and time off: the practitioner themselves, or an administrator.</summary>
    public static void EnsureCanManageAvailability(this Caller caller, Guid practitionerId)
    {
        if (IsStaffWithFullAccess(caller) || IsPractitioner(caller, practitionerId)) return;
        throw DomainException.Denied("only the practitioner themselves or an administrator may change their availability");
    }

    private static bool IsStaffWithFullAccess(Caller caller) =>
        caller.Kind == CallerKind.Service || (caller.Kind == CallerKind.Clinician && caller.IsInRole(Roles.Admin));

    private static bool IsPractitioner(Caller caller, Guid practitionerId) =>
        caller.Kind == CallerKind.Clinician && Guid.TryParse(caller.Id, out var id) && id == practitionerId;
}
