using DitCloud.Contracts.Events.V1;
using DitCloud.Domain;
using DitCloud.Messaging.Outbox;
using DitCloud.Outcomes.Api.Courses;
using DitCloud.Outcomes.Api.Data;
using DitCloud.Outcomes.Api.Risk;
using DitCloud.Outcomes.Domain.Measures;
using DitCloud.Outcomes.Domain.Risk;
using DitCloud.Persistence;
using Microsoft.EntityFrameworkCore;
using Contract = DitCloud.Contracts.Events.V1;
using MeasurementOccasion = DitCloud.Outcomes.Domain.Measures.MeasurementOccasion;

namespace DitCloud.Outcomes.Api.Measures;

/// <summary>
/// Records measures and their corrections. Each is one unit of work: the new version, the risk
/// flags it raises, their events, the course's read model and the audit record, saved together.
/// Both are idempotent on the caller's request id. A save that loses a race on the course (another
/// change to it committed meanwhile) is tried again from the start, a few times.
/// </summary>
public sealed class MeasureRecording(
    OutcomesDbContext db,
    CourseStore courses,
    CourseAccess access,
    CourseReadModel readModel,
    RiskFlagRaiser risk,
    IOutbox outbox,
    IAuditTrail audit,
    ServiceCalendar calendar,
    OutcomesMetrics metrics)
{
    public const string Resource = "measure-set";
    private const int Attempts = 3;

    public Task<RecordedMeasures> RecordAsync(OutcomesCaller caller, RecordMeasuresCommand command, CancellationToken cancellationToken) =>
        WithRetriesAsync(() => RecordOnceAsync(caller, command, cancellationToken));

    public Task<RecordedMeasures> AmendAsync(OutcomesCaller caller, AmendMeasuresCommand command, CancellationToken cancellationToken) =>
        WithRetriesAsync(() => AmendOnceAsync(caller, command, cancellationToken));

    /// <summary>Every version of the set <paramref name="measureSetId"/> belongs to, oldest first.</summary>
    public async Task<(CourseRecord Course, IReadOnlyList<MeasureSetRow> Versions)> HistoryAsync(
        OutcomesCaller caller, Guid measureSetId, CancellationToken cancellationToken)
    {
        caller.DemandStaff();
        var (course, target) = await FindSetAsync(measureSetId, cancellationToken);
        await access.DemandAsync(caller, course, "GetMeasureSetHistory", cancellationToken);
        var versions = VersionsAt(course, target).ToList();
        foreach (var version in versions)
        {
            audit.Record(caller.Actor, AuditAction.Read, Resource, version.Id.ToString(), course.Row.PatientReference, "GetMeasureSetHistory");
        }

        await db.SaveChangesAsync(cancellationToken);
        return (course, versions);
    }

    private async Task<RecordedMeasures> RecordOnceAsync(OutcomesCaller caller, RecordMeasuresCommand command, CancellationToken cancellationToken)
    {
        caller.DemandStaff();
        if (await FindRequestAsync(command.RequestId, cancellationToken) is { } earlier)
        {
            return await ReplayAsync(caller, earlier, "RecordMeasures", Matches(earlier, command), cancellationToken);
        }

        var course = await courses.GetAsync(command.CourseId, cancellationToken);
        await access.DemandAsync(caller, course, "RecordMeasures", cancellationToken);
        var now = calendar.Now();
        var point = MeasurementRules.PointFor(command.Occasion, command.SessionNumber, command.MeasuredAt,
            course.AttendedSessions(calendar), course.FirstSessionStartedAt, course.Row.EndedAt, now);
        if (course.CurrentAt(point.Occasion, point.SessionNumber ?? 0) is { } recorded)
        {
            throw DomainException.AlreadyExists(
                $"measures were already recorded for this {Describe(point)} of the course (measure set {recorded.Id}, version {recorded.Version}); " +
                "correct them with AmendMeasures");
        }

        var set = MeasureSet.Record(Guid.CreateVersion7(), point, command.MeasuredAt, command.Answers, now);
        var row = MeasureRows.ToRow(set, course.Id, command.RequestId, version: 1, correctsId: null, correctionReason: null, now, caller.RecordedBy);
        Add(course, row);
        var flags = risk.Raise(course, row, set, RiskScreen.Screen(set, course.CurrentMeasures), caller.Actor, now);
        Published(course, set, now);
        readModel.Refresh(course);
        audit.Record(caller.Actor, AuditAction.Create, Resource, row.Id.ToString(), course.Row.PatientReference, "RecordMeasures");
        await SaveAsync(cancellationToken);
        metrics.RiskFlagsRaised(flags);
        return new RecordedMeasures(row, course, flags);
    }

    private async Task<RecordedMeasures> AmendOnceAsync(OutcomesCaller caller, AmendMeasuresCommand command, CancellationToken cancellationToken)
    {
        caller.DemandStaff();
        if (await FindRequestAsync(command.RequestId, cancellationToken) is { } earlier)
        {
            return await ReplayAsync(caller, earlier, "AmendMeasures", Matches(earlier, command), cancellationToken);
        }

        var (course, target) = await FindSetAsync(command.MeasureSetId, cancellationToken);
        await access.DemandAsync(caller, course, "AmendMeasures", cancellationToken);
        var current = course.CurrentAt(target.Occasion, target.SessionNumber)!;
        if (current.Id != target.Id)
        {
            throw DomainException.Precondition(
                $"measure set {target.Id} was superseded by version {current.Version} (measure set {current.Id}); correct the latest version");
        }

        var now = calendar.Now();
        var corrected = MeasureCorrection.Correct(MeasureRows.ToDomain(current), Guid.CreateVersion7(), command.MeasuredAt, command.Answers, command.Reason, now);
        var row = MeasureRows.ToRow(corrected, course.Id, command.RequestId, current.Version + 1, current.Id, command.Reason, now, caller.RecordedBy);
        var raisedBefore = VersionsAt(course, current).SelectMany(version => course.RiskFlags.Where(flag => flag.MeasureSetId == version.Id)).Select(flag => flag.Reason).ToList();
        Add(course, row);
        var flags = risk.Raise(course, row, corrected, RiskScreen.ScreenCorrection(corrected, course.CurrentMeasures, raisedBefore), caller.Actor, now);
        Published(course, corrected, now);
        readModel.Refresh(course);
        audit.Record(caller.Actor, AuditAction.Change, Resource, row.Id.ToString(), course.Row.PatientReference, $"AmendMeasures (corrects {current.Id})");
        await SaveAsync(cancellationToken);
        metrics.RiskFlagsRaised(flags);
        return new RecordedMeasures(row, course, flags);
    }

    /// <summary>
    /// The same request again: the stored result, read again (and audited as a read). A request id
    /// reused for different measures is refused rather than silently answered with the old ones.
    /// </summary>
    private async Task<RecordedMeasures> ReplayAsync(OutcomesCaller caller, MeasureSetRow earlier, string method, bool same, CancellationToken cancellationToken)
    {
        var course = await courses.GetAsync(earlier.CourseId, cancellationToken);
        await access.DemandAsync(caller, course, method, cancellationToken);
        if (!same)
        {
            throw DomainException.AlreadyExists(
                $"request_id was already used for other measures (measure set {earlier.Id}); send new measures with a new request_id");
        }

        audit.Record(caller.Actor, AuditAction.Read, Resource, earlier.Id.ToString(), course.Row.PatientReference, $"{method} (repeated request)");
        await db.SaveChangesAsync(cancellationToken);
        var set = course.MeasureSets.Single(m => m.Id == earlier.Id);
        return new RecordedMeasures(set, course, [.. course.RiskFlags.Where(flag => flag.MeasureSetId == set.Id)]);
    }

    private async Task<(CourseRecord Course, MeasureSetRow Set)> FindSetAsync(Guid measureSetId, CancellationToken cancellationToken)
    {
        var courseId = await db.MeasureSets.Where(m => m.Id == measureSetId).Select(m => (Guid?)m.CourseId).SingleOrDefaultAsync(cancellationToken)
            ?? throw DomainException.NotFound($"measure set {measureSetId} does not exist");
        var course = await courses.GetAsync(courseId, cancellationToken);
        return (course, course.MeasureSets.Single(m => m.Id == measureSetId));
    }

    private Task<MeasureSetRow?> FindRequestAsync(Guid requestId, CancellationToken cancellationToken) =>
        db.MeasureSets.AsNoTracking().SingleOrDefaultAsync(m => m.RequestId == requestId, cancellationToken);

    private static IEnumerable<MeasureSetRow> VersionsAt(CourseRecord course, MeasureSetRow set) =>
        course.MeasureSets.Where(m => m.Occasion == set.Occasion && m.SessionNumber == set.SessionNumber).OrderBy(m => m.Version);

    private void Add(CourseRecord course, MeasureSetRow row)
    {
        course.MeasureSets.Add(row);
        db.MeasureSets.Add(row);
    }

    /// <summary>MeasuresRecorded says which questionnaires were taken, never the scores.</summary>
    private void Published(CourseRecord course, MeasureSet set, DateTimeOffset now)
    {
        var taken = (set.Phq9 is null ? MeasuresTaken.None : MeasuresTaken.Phq9)
            | (set.Gad7 is null ? MeasuresTaken.None : MeasuresTaken.Gad7)
            | (set.Wsas is null ? MeasuresTaken.None : MeasuresTaken.Wsas);
        outbox.Publish(new MeasuresRecorded(Guid.CreateVersion7(), now, set.Id, course.Id,
            (Contract.MeasurementOccasion)(int)set.Point.Occasion, set.Point.SessionNumber ?? 0, taken), course.Id.ToString());
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException failure) when (failure.IsUniqueViolation(DatabaseErrors.MeasurePointVersionIndex))
        {
            throw new DomainException(DomainErrorKind.Aborted,
                "these measures were recorded or corrected by someone else meanwhile; read the course's measures again");
        }
        catch (DbUpdateException failure) when (failure.IsUniqueViolation(DatabaseErrors.CorrectsIdIndex))
        {
            throw new DomainException(DomainErrorKind.Aborted,
                "this version was corrected by someone else meanwhile; read its history again and correct the latest version");
        }
    }

    /// <summary>Runs a unit of work again when it lost a race the next attempt resolves (the course changed, or the same request committed first).</summary>
    private async Task<RecordedMeasures> WithRetriesAsync(Func<Task<RecordedMeasures>> unitOfWork)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await unitOfWork();
            }
            catch (DbUpdateException failure) when (attempt < Attempts
                && (failure.IsConcurrencyConflict() || failure.IsUniqueViolation(DatabaseErrors.RequestIdIndex)))
            {
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateException failure) when (failure.IsConcurrencyConflict())
            {
                throw new DomainException(DomainErrorKind.Aborted, "the course was changed by someone else meanwhile; try again");
            }
        }
    }

    private static string Describe(MeasurementPoint point) => point.Occasion switch
    {
        MeasurementOccasion.Session => $"session ({point.SessionNumber})",
        MeasurementOccasion.Assessment => "assessment",
        _ => "follow-up",
    };

    private static bool Matches(MeasureSetRow row, RecordMeasuresCommand command) =>
        row.CourseId == command.CourseId && row.Occasion == command.Occasion && row.SessionNumber == command.SessionNumber
        && row.Version == 1 && SameAnswers(row, command.MeasuredAt, command.Answers);

    private static bool Matches(MeasureSetRow row, AmendMeasuresCommand command) =>
        row.CorrectsId == command.MeasureSetId && row.CorrectionReason == command.Reason && SameAnswers(row, command.MeasuredAt, command.Answers);

    private static bool SameAnswers(MeasureSetRow row, DateTimeOffset measuredAt, MeasureAnswers answers) =>
        row.MeasuredAt == measuredAt
        && Same(row.Phq9Items, answers.Phq9) && Same(row.Gad7Items, answers.Gad7) && Same(row.WsasItems, answers.Wsas)
        && (row.WsasItems is null || row.WsasWorkItemNotApplicable == answers.WsasWorkItemNotApplicable);

    private static bool Same(int[]? stored, IReadOnlyList<int?>? given) =>
        stored is null ? given is null : given is not null && stored.Select(score => (int?)score).SequenceEqual(given);
}
