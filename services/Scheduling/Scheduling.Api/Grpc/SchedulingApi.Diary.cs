using DitCloud.Persistence;
using DitCloud.Scheduling.Api.Diary;
using DitCloud.Scheduling.V1;
using DitCloud.ServiceDefaults.Security;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace DitCloud.Scheduling.Api.Grpc;

public sealed partial class SchedulingApi
{
    private static readonly TimeSpan DefaultDiaryWindow = TimeSpan.FromDays(28);

    /// <summary>
    /// A practitioner's diary, live. The feed is joined before the snapshot is read, so a change made
    /// meanwhile arrives after the snapshot rather than falling between the two (the client may see
    /// it twice; each entry carries the appointment's etag). Changes come from every replica through
    /// Redis pub/sub (<see cref="DiaryFeed"/>); if the feed is interrupted, the stream ends with
    /// UNAVAILABLE and the client reconnects with a snapshot.
    /// </summary>
    [RequireScope(Scopes.SchedulingRead)]
    public override async Task WatchDiary(WatchDiaryRequest request, IServerStreamWriter<WatchDiaryResponse> responseStream, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var practitioner = await practitioners.GetAsync(IdOf(request.PractitionerId), context.CancellationToken);
        await EnsureCanSeeDiaryAsync(caller, practitioner, "WatchDiary");
        var started = clock.GetUtcNow();
        var windowStart = request.WindowStart?.ToDateTimeOffset() ?? started;
        var windowEnd = request.WindowEnd?.ToDateTimeOffset() ?? windowStart + DefaultDiaryWindow;
        bool InWindow(Timestamp? start) => start is not null && start.ToDateTimeOffset() >= windowStart && start.ToDateTimeOffset() < windowEnd;

        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        DiaryWatcher watcher;
        try
        {
            watcher = await diary.WatchAsync(practitioner.Id, stopping.Token);
        }
        catch (Exception exception) when (exception is StackExchange.Redis.RedisException or TimeoutException)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "the diary feed is unavailable; try again shortly"));
        }

        using (watcher)
        {
            if (request.IncludeSnapshot) await SendSnapshotAsync(practitioner.Id, windowStart, windowEnd, started, caller, responseStream, stopping.Token);
            try
            {
                await foreach (var change in watcher.Entries.ReadAllAsync(stopping.Token))
                {
                    if (!InWindow(change.Entry.Appointment.StartTime) && !InWindow(change.PreviousStartTime)) continue;
                    audit.Record(caller.Actor(), AuditAction.Read, "course", change.Entry.Appointment.CourseId, Guid.Parse(change.PatientReference), "WatchDiary");
                    await db.SaveChangesAsync(stopping.Token);
                    await responseStream.WriteAsync(change.Entry, stopping.Token);
                }
            }
            catch (DiaryFeedInterruptedException interrupted)
            {
                throw new RpcException(new Status(StatusCode.Unavailable, $"{interrupted.Message}; reconnect with include_snapshot"));
            }
            catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
            {
                throw new RpcException(new Status(StatusCode.Unavailable, "the server is shutting down; reconnect with include_snapshot"));
            }
        }
    }

    private async Task SendSnapshotAsync(Guid practitionerId, DateTimeOffset from, DateTimeOffset to, DateTimeOffset at, Caller caller,
        IServerStreamWriter<WatchDiaryResponse> responseStream, CancellationToken cancellationToken)
    {
        var appointments = await db.Appointments.AsNoTracking()
            .Where(a => a.PractitionerId == practitionerId && a.StartsAt >= from && a.StartsAt < to)
            .OrderBy(a => a.StartsAt).ThenBy(a => a.Id)
            .ToListAsync(cancellationToken);
        foreach (var course in appointments.GroupBy(a => (a.CourseId, a.PatientReference)))
        {
            audit.Record(caller.Actor(), AuditAction.List, "course", course.Key.CourseId.ToString(), course.Key.PatientReference, "WatchDiary snapshot");
        }

        await db.SaveChangesAsync(cancellationToken);
        var changeTime = Timestamp.FromDateTimeOffset(at);
        foreach (var appointment in appointments)
        {
            await responseStream.WriteAsync(new WatchDiaryResponse
            {
                ChangeType = DiaryChangeType.Snapshot,
                Appointment = appointment.ToProto(),
                ChangeTime = changeTime,
            }, cancellationToken);
        }

        await responseStream.WriteAsync(new WatchDiaryResponse { ChangeType = DiaryChangeType.SnapshotComplete, ChangeTime = changeTime }, cancellationToken);
    }
}
