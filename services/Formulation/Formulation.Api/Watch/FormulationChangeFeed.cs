using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using DitCloud.Formulation.Api.Data;
using DitCloud.Formulation.V1;
using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace DitCloud.Formulation.Api.Watch;

/// <summary>
/// Formulation changes as a live feed across replicas, through Redis pub/sub. A change stages its
/// entry with the unit of work (<see cref="Stage"/>); once the transaction commits, the entry is
/// published on "&lt;prefix&gt;changes" (a rolled-back change is never heard of). Every replica subscribes
/// once and hands each entry to its own matching watchers. Entries hold ids and change types only.
/// Pub/sub keeps nothing for a replica that is not listening, so when the subscription drops every
/// watcher is ended (UNAVAILABLE) and must reconnect and re-read, rather than silently miss changes.
/// </summary>
public sealed partial class FormulationChangeFeed(IConnectionMultiplexer redis, IOptions<FormulationOptions> options, ILogger<FormulationChangeFeed> logger)
{
    private readonly RedisChannel channel = RedisChannel.Literal(options.Value.RedisKeyPrefix + "changes");
    private readonly ConditionalWeakTable<DbContext, Staged> staged = new();
    private readonly ConcurrentDictionary<FeedWatcher, bool> watchers = new();
    private readonly SemaphoreSlim subscribing = new(1, 1);
    private volatile bool subscribed;

    /// <summary>Adds an announcement to <paramref name="db"/>'s unit of work; it is published after commit.</summary>
    public void Stage(DbContext db, CourseRow course, WatchFormulationResponse change)
    {
        var entry = new FormulationFeedEntry
        {
            Change = change,
            PractitionerId = course.PractitionerId is { } practitioner ? CourseRow.UserId(practitioner) : "",
            SupervisorId = course.SupervisorId is { } supervisor ? CourseRow.UserId(supervisor) : "",
        };
        var lease = db.ContextId.Lease;
        var pending = staged.GetValue(db, _ => new Staged(lease));
        lock (pending)
        {
            // A pooled context comes back with a new lease: whatever an earlier, abandoned lease staged is void.
            if (pending.Lease != lease)
            {
                pending.Entries.Clear();
                pending.Lease = lease;
            }

            pending.Entries.Add(entry);
        }
    }

    /// <summary>Forgets what the current unit of work staged (it failed or rolled back).</summary>
    public void Discard(DbContext db) => staged.Remove(db);

    /// <summary>Publishes what a committed unit of work staged.</summary>
    internal async Task PublishStagedAsync(DbContext db)
    {
        if (!staged.TryGetValue(db, out var pending)) return;
        staged.Remove(db);
        List<FormulationFeedEntry> entries;
        lock (pending)
        {
            if (pending.Lease != db.ContextId.Lease) return;
            entries = [.. pending.Entries];
        }

        foreach (var entry in entries)
        {
            try
            {
                await redis.GetSubscriber().PublishAsync(channel, entry.ToByteArray());
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                // The change is committed; only live watchers miss it, and the subscription's own failure ends their streams.
                LogPublishFailed(exception.GetType().Name);
            }
        }
    }

    /// <summary>Starts receiving the changes <paramref name="matches"/> accepts. Dispose to stop. Throws when Redis cannot be reached.</summary>
    public async Task<FeedWatcher> WatchAsync(Func<FormulationFeedEntry, bool> matches, CancellationToken cancellationToken)
    {
        await EnsureSubscribedAsync(cancellationToken);
        var watcher = new FeedWatcher(this, matches);
        watchers[watcher] = true;
        return watcher;
    }

    internal void Remove(FeedWatcher watcher) => watchers.TryRemove(watcher, out _);

    private async Task EnsureSubscribedAsync(CancellationToken cancellationToken)
    {
        if (subscribed) return;
        await subscribing.WaitAsync(cancellationToken);
        try
        {
            if (subscribed) return;
            redis.ConnectionFailed += (_, failure) =>
            {
                if (failure.ConnectionType == ConnectionType.Subscription) InterruptAll();
            };
            var queue = await redis.GetSubscriber().SubscribeAsync(channel);
            queue.OnMessage(Deliver); // one message at a time, in the order received
            subscribed = true;
        }
        finally
        {
            subscribing.Release();
        }
    }

    private void Deliver(ChannelMessage message)
    {
        var entry = FormulationFeedEntry.Parser.ParseFrom((byte[])message.Message!);
        foreach (var watcher in watchers.Keys) watcher.Offer(entry);
    }

    private void InterruptAll()
    {
        LogInterrupted(watchers.Count);
        foreach (var watcher in watchers.Keys) watcher.Interrupt("the change feed lost its connection to Redis; reconnect and read again");
    }

    [LoggerMessage(LogLevel.Warning, "Formulation feed: publishing a change failed ({Error}); live watchers may miss it")]
    private partial void LogPublishFailed(string error);

    [LoggerMessage(LogLevel.Warning, "Formulation feed: subscription connection failed; ending {Count} watchers so they reconnect")]
    private partial void LogInterrupted(int count);

    private sealed class Staged(int lease)
    {
        public int Lease { get; set; } = lease;

        public List<FormulationFeedEntry> Entries { get; } = [];
    }
}
