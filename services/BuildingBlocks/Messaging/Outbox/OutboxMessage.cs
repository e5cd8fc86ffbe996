namespace DitCloud.Messaging.Outbox;

/// <summary>
/// An integration event waiting to be published: written in the same transaction as the change it
/// reports, deleted once RabbitMQ has confirmed it. Events carry ids and codes only (see
/// IIntegrationEvent), so nothing personal waits here.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>Commit order; the relay publishes in this order within a partition.</summary>
    public long SequenceNumber { get; init; }

    /// <summary>The event's own id, published as the MassTransit MessageId: consumers deduplicate by it.</summary>
    public Guid MessageId { get; init; }

    /// <summary>The event's CLR type, "Full.Name, Assembly".</summary>
    public required string MessageType { get; init; }

    /// <summary>The event as JSON.</summary>
    public required string Body { get; init; }

    /// <summary>Events with the same key (for example one referral's) are published in commit order.</summary>
    public required string PartitionKey { get; init; }

    /// <summary>The W3C traceparent of the change that wrote the event, so the publish continues its trace.</summary>
    public string? TraceParent { get; init; }

    public string? TraceState { get; init; }

    public DateTimeOffset EnqueuedAt { get; init; }
}
