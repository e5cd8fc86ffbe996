using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace DitCloud.Outcomes.Api.Kpis;

/// <summary>
/// Wakes the KPI streams of every replica when the figures may have changed. A replica that commits
/// a change to a course or its attendance (from a gRPC call or a consumed event) wakes its own
/// streams at once and publishes a notice on the Redis channel "&lt;prefix&gt;kpis-changed"; every
/// replica subscribes to it and wakes its streams in turn. A notice carries nothing: streams
/// recompute from the database, so a lost or extra one costs only latency, and each stream also
/// recomputes on its own every Outcomes:KpiRefreshInterval.
/// </summary>
public sealed partial class KpiChanges(IConnectionMultiplexer redis, IOptions<OutcomesOptions> options, ILogger<KpiChanges> logger) : BackgroundService
{
    private static readonly TimeSpan SubscribeRetry = TimeSpan.FromSeconds(2);

    private readonly RedisChannel channel = RedisChannel.Literal(options.Value.RedisKeyPrefix + "kpis-changed");
    private TaskCompletionSource next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next change. Take it before reading, so a change made during the read still wakes.</summary>
    public Task NextChange => Volatile.Read(ref next).Task;

    /// <summary>This replica committed a change that may move the KPIs.</summary>
    public async Task ChangedAsync()
    {
        Wake();
        try
        {
            await redis.GetSubscriber().PublishAsync(channel, RedisValue.EmptyString);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // Committed either way; other replicas' streams catch up at their refresh interval.
            LogPublishFailed(logger, exception.GetType().Name);
        }
    }

    /// <summary>Subscribes once Redis answers, retrying meanwhile: the service runs without it, streams falling back to refreshing.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await redis.GetSubscriber().SubscribeAsync(channel, (_, _) => Wake());
                return;
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                LogSubscribeFailed(logger, exception.GetType().Name, SubscribeRetry.TotalSeconds);
                await Task.Delay(SubscribeRetry, stoppingToken);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (redis.IsConnected) await redis.GetSubscriber().UnsubscribeAsync(channel);
    }

    private void Wake() =>
        Interlocked.Exchange(ref next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    [LoggerMessage(LogLevel.Warning, "KPI change notice not published to Redis ({Error}); other replicas' streams catch up at their refresh interval")]
    private static partial void LogPublishFailed(ILogger logger, string error);

    [LoggerMessage(LogLevel.Warning, "KPI change notices: Redis subscription failed ({Error}); retrying in {DelaySeconds} s")]
    private static partial void LogSubscribeFailed(ILogger logger, string error, double delaySeconds);
}
