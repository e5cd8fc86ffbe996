using DitCloud.Contracts.Events.V1;
using DitCloud.Scheduling.Api.Courses;
using DitCloud.Scheduling.Api.Data;
using DitCloud.Scheduling.Api.Diary;
using MassTransit;

namespace DitCloud.Scheduling.Api.Messaging;

/// <summary>
/// Opens a course for each accepted referral (queue "scheduling-referral-accepted"). Runs inside
/// the inbox's transaction: a redelivered message is skipped by its id, and a second message for
/// the same referral finds its course already open.
/// </summary>
public sealed class ReferralAcceptedConsumer(CourseIntake intake, SchedulingDbContext db, DiaryFeed diary) : IConsumer<ReferralAccepted>
{
    public Task Consume(ConsumeContext<ReferralAccepted> context)
    {
        diary.Discard(db); // a retry starts from nothing staged
        return intake.AcceptAsync(context.Message, context.CancellationToken);
    }
}

/// <summary>Ends the course of a withdrawn referral, or remembers the withdrawal if the acceptance has not arrived (queue "scheduling-referral-withdrawn").</summary>
public sealed class ReferralWithdrawnConsumer(CourseIntake intake, SchedulingDbContext db, DiaryFeed diary) : IConsumer<ReferralWithdrawn>
{
    public Task Consume(ConsumeContext<ReferralWithdrawn> context)
    {
        diary.Discard(db);
        return intake.WithdrawAsync(context.Message, context.CancellationToken);
    }
}
