using DitCloud.Contracts.Events.V1;
using DitCloud.Outcomes.Api.Courses;
using MassTransit;

namespace DitCloud.Outcomes.Api.Messaging;

/// <summary>
/// A course ended: its outcome becomes final (finished treatment, recovery, reliable change) and it
/// counts in the KPIs of the period it ended in. A course ends once; a repeated report changes nothing.
/// </summary>
public sealed class CourseCompletedConsumer(CourseStore courses, CourseReadModel readModel, CourseEventLog log) : IConsumer<CourseCompleted>
{
    public async Task Consume(ConsumeContext<CourseCompleted> context)
    {
        var completed = context.Message;
        var course = await courses.GetOrAddAsync(completed.CourseId, context.CancellationToken);
        var row = course.Row;
        if (row.EndedAt is not null) return;

        row.EndedAt = completed.OccurredAt;
        row.EndedEarly = completed.EndedEarly;
        row.EndReason = completed.EndReason;
        row.SessionsAttendedAtEnd = completed.SessionsAttended;
        row.ReferralId ??= completed.ReferralId;
        readModel.Refresh(course);
        log.Changed(course, nameof(CourseCompleted));
    }
}
