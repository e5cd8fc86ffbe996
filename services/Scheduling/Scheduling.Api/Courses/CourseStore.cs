using DitCloud.Domain;
using DitCloud.Scheduling.Api.Data;
using DitCloud.Scheduling.Domain.Booking;
using DitCloud.Scheduling.Domain.Courses;
using Microsoft.EntityFrameworkCore;

namespace DitCloud.Scheduling.Api.Courses;

/// <summary>
/// A course as the domain sees it, with the tracked rows it was rebuilt from. Change it through the
/// domain, then <see cref="CourseStore.Apply"/> the result: the rows follow, and nothing recorded
/// is rewritten (outcomes are appended).
/// </summary>
public sealed class LoadedCourse(CourseRow row, Course course, Dictionary<Guid, AppointmentRow> booked)
{
    public CourseRow Row { get; } = row;

    public Course Course { get; private set; } = course;

    /// <summary>The appointments still booked (their session numbers move as the course changes).</summary>
    public IReadOnlyDictionary<Guid, AppointmentRow> Booked => booked;

    internal void Track(AppointmentRow appointment) => booked[appointment.Id] = appointment;

    internal void Replace(Course changed) => Course = changed;
}

public sealed class CourseStore(SchedulingDbContext db)
{
    public async Task<LoadedCourse> GetAsync(Guid courseId, CancellationToken cancellationToken) =>
        await FindAsync(c => c.Id == courseId, cancellationToken)
        ?? throw DomainException.NotFound("no course has this course_id");

    public Task<LoadedCourse?> FindByReferralAsync(Guid referralId, CancellationToken cancellationToken) =>
        FindAsync(c => c.ReferralId == referralId, cancellationToken);

    private async Task<LoadedCourse?> FindAsync(System.Linq.Expressions.Expression<Func<CourseRow, bool>> which, CancellationToken cancellationToken)
    {
        var row = await db.Courses.SingleOrDefaultAsync(which, cancellationToken);
        return row is null ? null : await LoadAsync(row, cancellationToken);
    }

    /// <summary>Rebuilds the domain course from a tracked row.</summary>
    public async Task<LoadedCourse> LoadAsync(CourseRow row, CancellationToken cancellationToken)
    {
        var booked = await db.Appointments
            .Where(a => a.CourseId == row.Id && a.Status == AppointmentStatus.Booked)
            .ToDictionaryAsync(a => a.Id, cancellationToken);
        var history = await db.Attendance.Where(a => a.CourseId == row.Id).OrderBy(a => a.Sequence).ToListAsync(cancellationToken);
        var course = new Course(
            row.Id, row.PatientReference, row.ReferralId, row.ReferredAt, row.DeliveryMode, row.Plan, row.State,
            row.PractitionerId, row.AssignmentReason,
            [.. booked.Values.Select(a => new CourseBooking(a.Id, a.Time))],
            [.. history.Select(a => a.ToDomain())],
            row.EndedAt is { } endedAt ? new CourseEnding(row.EndingNote ?? "", endedAt) : null);
        return new LoadedCourse(row, course, booked);
    }

    /// <summary>Starts tracking a newly booked appointment, so <see cref="Apply"/> numbers it.</summary>
    public void AddBooking(LoadedCourse loaded, AppointmentRow appointment)
    {
        db.Appointments.Add(appointment);
        loaded.Track(appointment);
    }

    /// <summary>
    /// Brings the rows in line with the changed course: state and ending, the outcomes recorded
    /// since it was loaded (appended), and the session each booked appointment now holds.
    /// The version moves on, so a concurrent change of the same course loses with ABORTED.
    /// </summary>
    public void Apply(LoadedCourse loaded, Course changed)
    {
        var row = loaded.Row;
        row.State = changed.State;
        row.PractitionerId = changed.PractitionerId;
        row.AssignmentReason = changed.AssignmentReason ?? row.AssignmentReason;
        if (changed.Ending is { } ending && row.EndedAt is null)
        {
            row.EndingNote = ending.Reason;
            row.EndedAt = ending.At;
        }

        foreach (var record in changed.AttendanceHistory.Skip(loaded.Course.AttendanceHistory.Count))
        {
            db.Attendance.Add(AttendanceRow.From(row.Id, record));
        }

        foreach (var session in changed.Sessions.Where(s => s.Status == SessionStatus.Booked))
        {
            if (loaded.Booked.TryGetValue(session.AppointmentId!.Value, out var appointment))
            {
                appointment.SessionNumber = session.Number;
                appointment.Phase = session.Phase;
            }
        }

        row.Version++;
        loaded.Replace(changed);
    }
}
