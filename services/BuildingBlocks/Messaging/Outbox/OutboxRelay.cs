using System.Diagnostics;
using DitCloud.Persistence;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DitCloud.Messaging.Outbox;

/// <summary>
/// Publishes committed outbox rows through MassTransit with publisher confirms, then deletes them.
/// One relay per database publishes at a time (a PostgreSQL advisory lock held on a dedicated
/// connection; other replicas stand by), so commit order within a partition key is the publish
/// order. Partitions are published concurrently, each in order; a partition whose publish fails
/// stops there and is retried from that row, with backoff, until the broker confirms.
/// A crash between confirm and delete publishes the row again: consumers deduplicate by message id.
/// </summary>
internal sealed partial class OutboxRelay(
    ServiceDatabase database,
    IBus bus,
    OutboxSignal signal,
    MessagingMetrics metrics,
    TimeProvider clock,
    IOptions<MessagingOptions> options,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private static readonly ActivitySource Source = new("DitCloud.Messaging");

    /// <summary>The advisory lock whose holder is the one publishing relay of a database (any fixed number).</summary>
    private const long LeaderLockKey = 0x4449_545F_4F55_5442; // "DIT_OUTB"

    private readonly MessagingOptions settings = options.Value;
    private NpgsqlConnection? leaderConnection;
    private DateTimeOffset nextHousekeeping = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = settings.RetryMinDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await EnsureLeaderAsync(stoppingToken))
                {
                    await Task.Delay(settings.PollInterval, stoppingToken);
                    continue;
                }

                await HousekeepAsync(stoppingToken);
                var (published, failed) = await RelayBatchAsync(stoppingToken);
                if (failed > 0)
                {
                    LogPublishFailed(failed, backoff.TotalSeconds);
                    await Task.Delay(backoff, stoppingToken);
                    backoff = TimeSpan.FromTicks(Math.Min(settings.RetryMaxDelay.Ticks, backoff.Ticks * 2));
                    continue;
                }

                backoff = settings.RetryMinDelay;
                if (published < settings.BatchSize)
                {
                    await signal.WaitAsync(settings.PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                // The database went away (or the leader connection broke): give up leadership and retry.
                LogRelayError(exception.GetType().Name, backoff.TotalSeconds);
                await ReleaseLeadershipAsync();
                await Task.Delay(backoff, stoppingToken);
                backoff = TimeSpan.FromTicks(Math.Min(settings.RetryMaxDelay.Ticks, backoff.Ticks * 2));
            }
        }

        await ReleaseLeadershipAsync();
    }

    private async Task<bool> EnsureLeaderAsync(CancellationToken cancellationToken)
    {
        if (leaderConnection is { State: System.Data.ConnectionState.Open } && await StillLeaderAsync(leaderConnection, cancellationToken)) return true;
        await ReleaseLeadershipAsync();
        // Its own physical connection, outside the pool: a pooled session would keep holding the
        // lock after this relay stopped, and no other replica could take over.
        var settings = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false, KeepAlive = 10 };
        var connection = new NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock({LeaderLockKey})", connection);
        if (await command.ExecuteScalarAsync(cancellationToken) is true)
        {
            leaderConnection = connection;
            LogLeader();
            return true;
        }

        await connection.DisposeAsync();
        return false;
    }

    /// <summary>
    /// A session killed on the server (or lost with a PostgreSQL restart) may still look open here,
    /// while another replica has taken the lock: ask the server, once a round, before publishing.
    /// </summary>
    private static async Task<bool> StillLeaderAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    private async Task ReleaseLeadershipAsync()
    {
        if (leaderConnection is null) return;
        // Closing the (unpooled) session releases the advisory lock, even if the connection is broken.
        try { await leaderConnection.DisposeAsync(); } catch (NpgsqlException) { }
        leaderConnection = null;
    }

    private async Task<(int Published, int Failed)> RelayBatchAsync(CancellationToken cancellationToken)
    {
        var batch = await ReadBatchAsync(cancellationToken);
        if (batch.Count == 0) return (0, 0);
        LogBatch(batch.Count);

        var confirmed = new List<long>(batch.Count);
        var failed = 0;
        var partitions = batch.GroupBy(m => m.PartitionKey).Select(g => g.ToList()).ToList();
        await Parallel.ForEachAsync(partitions,
            new ParallelOptions { MaxDegreeOfParallelism = settings.PublishConcurrency, CancellationToken = cancellationToken },
            async (partition, token) =>
            {
                foreach (var message in partition)
                {
                    if (!await TryPublishAsync(message, token))
                    {
                        Interlocked.Add(ref failed, 1);
                        return; // later events of this partition wait for this one
                    }

                    lock (confirmed) confirmed.Add(message.SequenceNumber);
                }
            });

        await DeleteAsync(confirmed, cancellationToken);
        metrics.Published(confirmed.Count);
        return (confirmed.Count, failed);
    }

    private async Task<bool> TryPublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ActivityContext.TryParse(message.TraceParent, message.TraceState, isRemote: true, out var parent);
        using var activity = Source.StartActivity("outbox relay", ActivityKind.Internal, parent);
        activity?.SetTag("messaging.message.id", message.MessageId.ToString());
        try
        {
            var @event = OutboxSerializer.Deserialize(message, out var type);
            activity?.SetTag("messaging.message.type", type.Name);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.PublishTimeout);
            await bus.Publish(@event, type, context => context.MessageId = message.MessageId, timeout.Token);
            metrics.RecordLag(clock.GetUtcNow() - message.EnqueuedAt);
            return true;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Broker down, connection blocked, no confirm in time: keep the row and retry later.
            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            metrics.PublishFailed();
            return false;
        }
    }

    private async Task<List<OutboxMessage>> ReadBatchAsync(CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT sequence_number, message_id, message_type, body, partition_key, trace_parent, trace_state, enqueued_at " +
            "FROM outbox_messages ORDER BY sequence_number LIMIT $1");
        command.Parameters.Add(new NpgsqlParameter { Value = settings.BatchSize });
        var batch = new List<OutboxMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            batch.Add(new OutboxMessage
            {
                SequenceNumber = reader.GetInt64(0),
                MessageId = reader.GetGuid(1),
                MessageType = reader.GetString(2),
                Body = reader.GetString(3),
                PartitionKey = reader.GetString(4),
                TraceParent = reader.IsDBNull(5) ? null : reader.GetString(5),
                TraceState = reader.IsDBNull(6) ? null : reader.GetString(6),
                EnqueuedAt = reader.GetFieldValue<DateTimeOffset>(7),
            });
        }

        return batch;
    }

    private async Task DeleteAsync(List<long> sequenceNumbers, CancellationToken cancellationToken)
    {
        if (sequenceNumbers.Count == 0) return;
        await using var command = database.DataSource.CreateCommand("DELETE FROM outbox_messages WHERE sequence_number = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = sequenceNumbers.ToArray() });
        await command.ExecuteNonQueryAsync(CancellationToken.None); // once confirmed, always record it
    }

    /// <summary>Every few seconds: the backlog gauge, and inbox rows older than the deduplication window.</summary>
    private async Task HousekeepAsync(CancellationToken cancellationToken)
    {
        // The same clock the inbox stamps received_at with, so pruning never outruns deduplication.
        var now = clock.GetUtcNow();
        if (now < nextHousekeeping) return;
        nextHousekeeping = now + settings.HousekeepingInterval;

        await using (var backlog = database.DataSource.CreateCommand("SELECT count(*), min(enqueued_at) FROM outbox_messages"))
        await using (var reader = await backlog.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            metrics.ObserveBacklog(reader.GetInt64(0), reader.IsDBNull(1) ? null : now - reader.GetFieldValue<DateTimeOffset>(1));
        }

        await using var prune = database.DataSource.CreateCommand("DELETE FROM inbox_state WHERE received_at < $1");
        prune.Parameters.Add(new NpgsqlParameter { Value = now - settings.InboxRetention });
        await prune.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(LogLevel.Debug, "Outbox relay: publishing {Count} events")]
    private partial void LogBatch(int count);

    [LoggerMessage(LogLevel.Information, "Outbox relay: this instance is publishing")]
    private partial void LogLeader();

    [LoggerMessage(LogLevel.Warning, "Outbox relay: {Failed} partitions could not be published; retrying in {DelaySeconds:0.0} s")]
    private partial void LogPublishFailed(int failed, double delaySeconds);

    [LoggerMessage(LogLevel.Warning, "Outbox relay: database error ({Error}); retrying in {DelaySeconds:0.0} s")]
    private partial void LogRelayError(string error, double delaySeconds);
}
