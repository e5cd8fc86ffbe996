using DitCloud.Contracts.Events.V1;
using DitCloud.Outcomes.Api.Courses;
using MassTransit;

namespace DitCloud.Outcomes.Api.Messaging;

/// <summary>Scheduling created a course: its referral and partner, patient reference, plan and the start of its waiting-time clock.</summary>
public sealed class CourseCreatedConsumer(CourseStore courses, CourseReadModel readModel, CourseEventLog log) : IConsumer<CourseCreated>
{
    public async Task Consume(ConsumeContext<CourseCreated> context)
    {
        var created = context.Message;
        var course = await courses.GetOrAddAsync(created.CourseId, context.CancellationToken);
        var row = course.Row;
        row.CreatedAt = created.OccurredAt;
        row.ReferralId = created.ReferralId;
        row.PartnerId = created.PartnerId;
        row.PatientReference = created.PatientReference;
        row.PlannedSessions = created.PlannedSessions;
        row.ReferralReceivedAt = created.ReferralReceivedAt;
        readModel.Refresh(course);
        log.Changed(course, nameof(CourseCreated));
    }
}
