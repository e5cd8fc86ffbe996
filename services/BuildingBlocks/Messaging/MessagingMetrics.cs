using System.Diagnostics.Metrics;

namespace DitCloud.Messaging;

/// <summary>
/// Outbox and consumer measurements (meter "DitCloud.Messaging"). Labels are message type names
/// only: no ids, nothing personal.
/// </summary>
public sealed class MessagingMetrics
{
    public const string MeterName = "DitCloud.Messaging";

    private readonly Counter<long> published;
    private readonly Counter<long> publishFailures;
    private readonly Histogram<double> relayLag;
    private readonly Counter<long> consumed;
    private readonly Counter<long> duplicates;
    private readonly Counter<long> consumeFailures;
    private readonly Counter<long> deadLettered;
    private readonly Histogram<double> consumerLag;
    private long backlog;
    private double oldestAgeSeconds;

    public MessagingMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        published = meter.CreateCounter<long>("messaging.outbox.published", "{message}", "Events confirmed by the broker and removed from the outbox");
        publishFailures = meter.CreateCounter<long>("messaging.outbox.publish_failures", "{message}", "Publish attempts that were not confirmed (retried)");
        relayLag = meter.CreateHistogram<double>("messaging.outbox.lag", "s", "From commit to broker confirm");
        meter.CreateObservableGauge("messaging.outbox.backlog", () => Interlocked.Read(ref backlog), "{message}", "Events waiting in the outbox");
        meter.CreateObservableGauge("messaging.outbox.oldest_age", () => Volatile.Read(ref oldestAgeSeconds), "s", "Age of the oldest unsent event");
        consumed = meter.CreateCounter<long>("messaging.process.messages", "{message}", "Messages processed by consumers");
        duplicates = meter.CreateCounter<long>("messaging.inbox.duplicates", "{message}", "Redelivered messages skipped because they were processed already");
        consumeFailures = meter.CreateCounter<long>("messaging.process.failures", "{message}", "Consume attempts that failed (retried, then dead-lettered)");
        deadLettered = meter.CreateCounter<long>("messaging.process.dead_lettered", "{message}", "Messages moved to an error queue once their retries were spent");
        consumerLag = meter.CreateHistogram<double>("messaging.process.lag", "s", "From publish to the end of processing");
    }

    internal void Published(int count)
    {
        if (count > 0) published.Add(count);
    }

    internal void PublishFailed() => publishFailures.Add(1);

    internal void RecordLag(TimeSpan lag) => relayLag.Record(lag.TotalSeconds);

    internal void ObserveBacklog(long count, TimeSpan? oldest)
    {
        Interlocked.Exchange(ref backlog, count);
        Volatile.Write(ref oldestAgeSeconds, oldest?.TotalSeconds ?? 0);
    }

    internal void Consumed(string messageType, TimeSpan lag)
    {
        var tag = new KeyValuePair<string, object?>("messaging.message.type", messageType);
        consumed.Add(1, tag);
        consumerLag.Record(Math.Max(0, lag.TotalSeconds), tag);
    }

    internal void Duplicate(string messageType) => duplicates.Add(1, new KeyValuePair<string, object?>("messaging.message.type", messageType));

    internal void ConsumeFailed(string messageType) => consumeFailures.Add(1, new KeyValuePair<string, object?>("messaging.message.type", messageType));

    /// <param name="queue">The queue the message was consumed from (its error queue is this name and "_error").</param>
    internal void DeadLettered(string messageType, string queue) => deadLettered.Add(1,
        new KeyValuePair<string, object?>("messaging.message.type", messageType), new KeyValuePair<string, object?>("messaging.destination.name", queue));
}
