using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace DitCloud.Scheduling.Api.Diary;

/// <summary>
/// Practitioners' diaries as a live feed across replicas, through Redis pub/sub. A change stages
/// its entries with the unit of work (<see cref="Stage"/>); once the transaction commits they are
/// published on the channel "&lt;prefix&gt;diary:&lt;practitioner id&gt;" (a rolled-back change is never
/// heard of). Every replica subscribes once to "&lt;prefix&gt;diary:*" and hands each entry to its own
/// watchers, in the order Redis delivered them. Pub/sub keeps nothing for a replica that is not
/// listening, so when the subscription drops, every watcher is ended and must reconnect with a
/// snapshot rather than silently miss changes.
/// </summary>
public sealed partial class DiaryFeed(IConnectionMultiplexer redis, IOptions<SchedulingOptions> options, ILogger<DiaryFeed> logger)
{
    private readonly string prefix = options.Value.RedisKeyPrefix + "diary:";
    private readonly ConditionalWeakTable<DbContext, Staged> staged = new();
    private readonly ConcurrentDictionary<DiaryWatcher, Guid> watchers = new();
    private readonly SemaphoreSlim subscribing = new(1, 1);
    private ChannelMessageQueue? subscription;

    /// <summary>Adds an entry to <paramref name="db"/>'s unit of work; it is published for <paramref name="practitionerId"/> after commit.</summary>
    public void Stage(DbContext db, Guid practitionerId, DiaryFeedEntry entry)
    {
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

            pending.Entries.Add((practitionerId, entry));
        }
    }

    /// <summary>Forgets what the current unit of work staged (it failed or is starting over).</summary>
    public void Discard(DbContext db) => staged.Remove(db);

    /// <summary>Publishes what a committed unit of work staged.</summary>
    internal async Task PublishStagedAsync(DbContext db)
    {
        var publisher = redis.GetSubscriber();
        foreach (var (channel, message) in TakeStaged(db))
        {
            try
            {
                await publisher.PublishAsync(channel, message);
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                // The change is committed; only live watchers miss it, and the subscription's own failure ends their streams.
                LogPublishFailed(exception.GetType().Name);
            }
        }
    }

    /// <summary>The same for a unit of work committed through EF Core's synchronous API.</summary>
    internal void PublishStaged(DbContext db)
    {
        var publisher = redis.GetSubscriber();
        foreach (var (channel, message) in TakeStaged(db))
        {
            try
            {
                publisher.Publish(channel, message);
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                LogPublishFailed(exception.GetType().Name);
            }
        }
    }

    private List<(RedisChannel Channel, byte[] Message)> TakeStaged(DbContext db)
    {
        if (!staged.TryGetValue(db, out var pending)) return [];
        staged.Remove(db);
        lock (pending)
        {
            return pending.Lease != db.ContextId.Lease
                ? []
                : [.. pending.Entries.Select(e => (RedisChannel.Literal(prefix + e.PractitionerId), e.Entry.ToByteArray()))];
        }
    }

    /// <summary>
    /// Starts receiving a practitioner's diary changes (subscribed before any snapshot is read, so
    /// nothing falls between the two). Dispose to stop. Throws when Redis cannot be reached.
    /// </summary>
    public async Task<DiaryWatcher> WatchAsync(Guid practitionerId, CancellationToken cancellationToken)
    {
        await EnsureSubscribedAsync(cancellationToken);
        var watcher = new DiaryWatcher(this);
        watchers[watcher] = practitionerId;
        return watcher;
    }

    internal void Remove(DiaryWatcher watcher) => watchers.TryRemove(watcher, out _);

    private async Task EnsureSubscribedAsync(CancellationToken cancellationToken)
    {
        if (subscription is not null) return;
        await subscribing.WaitAsync(cancellationToken);
        try
        {
            if (subscription is not null) return;
            redis.ConnectionFailed += (_, failure) =>
            {
                if (failure.ConnectionType == ConnectionType.Subscription) InterruptAll();
            };
            var queue = await redis.GetSubscriber().SubscribeAsync(RedisChannel.Pattern(prefix + "*"));
            queue.OnMessage(Deliver); // one message at a time, in the order received
            subscription = queue;
        }
        finally
        {
            subscribing.Release();
        }
    }

    private void Deliver(ChannelMessage message)
    {
        var channel = message.Channel.ToString();
        if (!Guid.TryParse(channel.AsSpan(prefix.Length), out var practitionerId)) return;
        var entry = DiaryFeedEntry.Parser.ParseFrom((byte[])message.Message!);
        foreach (var (watcher, watched) in watchers)
        {
            if (watched == practitionerId) watcher.Offer(entry);
        }
    }

    private void InterruptAll()
    {
        LogInterrupted(watchers.Count);
        foreach (var watcher in watchers.Keys) watcher.Interrupt("the diary feed lost its connection");
    }

    [LoggerMessage(LogLevel.Warning, "Diary feed: publishing a change failed ({Error}); live watchers may miss it")]
    private partial void LogPublishFailed(string error);

    [LoggerMessage(LogLevel.Warning, "Diary feed: subscription connection failed; ending {Count} watchers so they reconnect")]
    private partial void LogInterrupted(int count);

    private sealed class Staged(int lease)
    {
        public int Lease { get; set; } = lease;
        public List<(Guid PractitionerId, DiaryFeedEntry Entry)> Entries { get; } = [];
    }
}

/// <summary>One diary watcher's queue of entries. A watcher that falls too far behind is ended rather than fed a diary with gaps.</summary>
public sealed class DiaryWatcher(DiaryFeed feed) : IDisposable
{
    private const int Capacity = 1024;

    private readonly Channel<DiaryFeedEntry> entries = Channel.CreateBounded<DiaryFeedEntry>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public ChannelReader<DiaryFeedEntry> Entries => entries.Reader;

    internal void Offer(DiaryFeedEntry entry)
    {
        if (!entries.Writer.TryWrite(entry)) Interrupt($"more than {Capacity} changes were waiting to be sent");
    }

    internal void Interrupt(string why) => entries.Writer.TryComplete(new DiaryFeedInterruptedException(why));

    public void Dispose()
    {
        feed.Remove(this);
        entries.Writer.TryComplete();
    }
}

/// <summary>The feed could not guarantee a gap-free diary; the watcher must reconnect with a snapshot.</summary>
public sealed class DiaryFeedInterruptedException(string message) : Exception(message);
