using DitCloud.Contracts.Events.V1;
using DitCloud.Domain;
using DitCloud.Formulation.Api.Data;
using DitCloud.Formulation.Api.Watch;
using DitCloud.Formulation.Domain.Access;
using DitCloud.Formulation.V1;
using DitCloud.Messaging.Outbox;
using DitCloud.Persistence;
using DitCloud.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace DitCloud.Formulation.Api.Records;

/// <summary>
/// The one door to a course's clinical records. Every read and every change goes through here: the
/// course must be known (from scheduling's events), the caller must be its practitioner or their
/// supervisor (<see cref="ClinicalAccessPolicy"/>), and an audit record is written for each attempt,
/// allowed or refused. A change runs in one transaction holding the course row's lock, so changes to
/// one course happen one at a time; its audit record, events and watch announcements commit with it.
/// </summary>
public sealed partial class ClinicalRecords(
    FormulationDbContext db, IAuditTrail audit, IOutbox outbox, FormulationChangeFeed feed, TimeProvider clock, ILogger<ClinicalRecords> logger)
{
    /// <summary>Opens a course's records for reading; the audit record is saved before anything is read.</summary>
    /// <param name="resourceId">What is read, for the audit trail; the course id when null.</param>
    public async Task<ClinicalRead> ReadAsync(
        Caller caller, Guid courseId, ClinicalRecordKind record, string method, CancellationToken cancellationToken, string? resourceId = null)
    {
        var target = new AuditTarget(record, resourceId ?? courseId.ToString("D"), method);
        CourseRow? course = null;
        try
        {
            course = await db.Courses.AsNoTracking().SingleOrDefaultAsync(c => c.CourseId == courseId, cancellationToken);
            var (careTeam, access) = Open(caller, course, record, ClinicalAccessKind.Read);
            audit.Record(caller.Actor(), AuditAction.Read, target.ResourceType, target.ResourceId, course!.PatientReference, method);
            await db.SaveChangesAsync(cancellationToken);
            return new ClinicalRead(course, careTeam, access);
        }
        catch (DomainException refusal)
        {
            await AuditRefusalAsync(caller, AuditAction.Read, target, course?.PatientReference, refusal);
            throw;
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            await TryAuditFailureAsync(caller, AuditAction.Read, target, course?.PatientReference, failure);
            throw;
        }
    }

    /// <summary>
    /// Changes a course's records in one transaction. <paramref name="change"/> makes the change on
    /// tracked rows and returns how to answer, which runs after the commit (etags are known then).
    /// A refusal (a domain rule, a stale etag) rolls everything back and is audited on its own.
    /// </summary>
    public async Task<TResponse> ChangeAsync<TResponse>(
        Caller caller, Guid courseId, ClinicalRecordKind record, string method,
        Func<ClinicalChange, Task<Func<TResponse>>> change, CancellationToken cancellationToken, string? resourceId = null)
    {
        var target = new AuditTarget(record, resourceId ?? courseId.ToString("D"), method);
        CourseRow? course = null;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            course = await db.Courses
                .FromSql($"SELECT * FROM courses WHERE course_id = {courseId} FOR UPDATE")
                .SingleOrDefaultAsync(cancellationToken);
            var (careTeam, access) = Open(caller, course, record, ClinicalAccessKind.Write);
            audit.Record(caller.Actor(), AuditAction.Change, target.ResourceType, target.ResourceId, course!.PatientReference, method);

            var respond = await change(new ClinicalChange(course, careTeam, access, clock.GetUtcNow(), outbox, feed, db));
            await SaveAsync(record, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return respond();
        }
        catch (DomainException refusal)
        {
            await AuditRefusalAsync(caller, AuditAction.Change, target, course?.PatientReference, refusal);
            throw;
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            await TryAuditFailureAsync(caller, AuditAction.Change, target, course?.PatientReference, failure);
            throw;
        }
    }

    /// <summary>Refused and failed attempts are audited too, in a unit of work of their own (whatever the attempt staged is dropped).</summary>
    private async Task AuditRefusalAsync(Caller caller, AuditAction action, AuditTarget target, Guid? patient, DomainException refusal)
    {
        db.ChangeTracker.Clear();
        feed.Discard(db);
        audit.Record(caller.Actor(), action, target.ResourceType, target.ResourceId, patient, $"{target.Method} refused: {refusal.Kind}");
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>
    /// An unexpected failure is audited too when the database still answers; when it does not (it
    /// may be what failed), the caller hears of the original failure and the log says the audit
    /// record could not be written.
    /// </summary>
    private async Task TryAuditFailureAsync(Caller caller, AuditAction action, AuditTarget target, Guid? patient, Exception failure)
    {
        try
        {
            db.ChangeTracker.Clear();
            feed.Discard(db);
            audit.Record(caller.Actor(), action, target.ResourceType, target.ResourceId, patient, $"{target.Method} failed: {failure.GetType().Name}");
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception auditFailure) when (auditFailure is DbUpdateException or Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
        {
            LogAuditFailed(target.Method, auditFailure.GetType().Name);
        }
    }

    [LoggerMessage(LogLevel.Error, "{Method} failed and its audit record could not be written either ({Error})")]
    private partial void LogAuditFailed(string method, string error);

    private async Task SaveAsync(ClinicalRecordKind record, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException failure) when (DatabaseErrors.Explain(failure, AuditTarget.Describe(record)) is { } explained)
        {
            throw explained;
        }
    }

    /// <summary>
    /// The care team and the access the policy grants this caller, or the refusal. Only a clinician
    /// can be in a care team: a partner system or a service is refused whatever its id.
    /// </summary>
    private static (CourseCareTeam CareTeam, ClinicalAccess Access) Open(
        Caller caller, CourseRow? course, ClinicalRecordKind record, ClinicalAccessKind kind)
    {
        if (course is null)
        {
            throw DomainException.NotFound(
                "course_id is not a course formulation knows of; courses become known when scheduling creates them, so retry shortly after");
        }

        var careTeam = course.CareTeam() ?? throw DomainException.Denied(
            "no practitioner has been assigned to this course yet; its clinical records open to its practitioner and their supervisor once scheduling assigns them");
        return (careTeam, ClinicalAccessPolicy.Decide(careTeam, ClinicianId(caller), record, kind).Demand());
    }

    /// <summary>The caller as the care team names its members (a practitioner id), or null for anyone who is not a clinician.</summary>
    public static string? ClinicianId(Caller caller) =>
        caller.Kind == CallerKind.Clinician && Guid.TryParse(caller.Id, out var id) ? CourseRow.UserId(id) : null;
}

/// <summary>A course's records opened for reading by a member of its care team.</summary>
public sealed record ClinicalRead(CourseRow Course, CourseCareTeam CareTeam, ClinicalAccess Access);

/// <summary>
/// A course's records opened for a change by a member of its care team, with the moment of the
/// change, its events (through the outbox) and its announcements to watchers.
/// </summary>
public sealed class ClinicalChange(
    CourseRow course, CourseCareTeam careTeam, ClinicalAccess access, DateTimeOffset now, IOutbox outbox, FormulationChangeFeed feed, FormulationDbContext db)
{
    public CourseRow Course { get; } = course;

    public CourseCareTeam CareTeam { get; } = careTeam;

    public ClinicalAccess Access { get; } = access;

    public DateTimeOffset Now { get; } = now;

    public FormulationDbContext Db { get; } = db;

    /// <summary>The acting practitioner's id as the events carry it.</summary>
    public Guid ActorPractitionerId => Guid.Parse(Access.UserId);

    public void Publish<TEvent>(TEvent @event) where TEvent : class, IIntegrationEvent => outbox.Publish(@event, Course.CourseId.ToString("D"));

    /// <summary>Tells watchers of this course (and of its practitioner and supervisor) once the change commits.</summary>
    public void Announce(WatchFormulationResponse change)
    {
        change.CourseId = Course.CourseId.ToString("D");
        change.ChangeTime ??= Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(Now);
        feed.Stage(Db, Course, change);
    }
}

/// <summary>How a record appears in the audit trail.</summary>
internal sealed record AuditTarget(ClinicalRecordKind Record, string ResourceId, string Method)
{
    public string ResourceType => Describe(Record).Replace(' ', '-');

    public static string Describe(ClinicalRecordKind record) => record switch
    {
        ClinicalRecordKind.InterpersonalInventory => "interpersonal inventory",
        ClinicalRecordKind.Formulation => "ipaf",
        ClinicalRecordKind.SessionNote => "session note",
        ClinicalRecordKind.GoodbyeLetter => "goodbye letter",
        _ => "clinical record",
    };
}

internal static class CallerAudit
{
    public static AuditActor Actor(this Caller caller) => new(caller.Id, caller.Kind.ToString().ToLowerInvariant());
}
