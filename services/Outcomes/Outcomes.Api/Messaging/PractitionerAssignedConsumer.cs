using DitCloud.Contracts.Events.V1;
using DitCloud.Outcomes.Api.Courses;
using MassTransit;

namespace DitCloud.Outcomes.Api.Messaging;

/// <summary>
/// Scheduling gave a course its practitioner (and supervisor, for a trainee): the course's care team,
/// and who its KPIs are credited to. A later assignment replaces an earlier one, whatever order they arrive in.
/// </summary>
public sealed class PractitionerAssignedConsumer(CourseStore courses, CourseReadModel readModel, CourseEventLog log) : IConsumer<PractitionerAssigned>
{
    public async Task Consume(ConsumeContext<PractitionerAssigned> context)
    {
        var assigned = context.Message;
        var course = await courses.GetOrAddAsync(assigned.CourseId, context.CancellationToken);
        var row = course.Row;
        if (row.PractitionerAssignedAt is { } earlier && earlier > assigned.OccurredAt) return;

        row.PractitionerId = assigned.PractitionerId;
        row.SupervisorId = assigned.SupervisorId;
        row.PractitionerAssignedAt = assigned.OccurredAt;
        row.ReferralId ??= assigned.ReferralId;
        readModel.Refresh(course);
        log.Changed(course, nameof(PractitionerAssigned));
    }
}
