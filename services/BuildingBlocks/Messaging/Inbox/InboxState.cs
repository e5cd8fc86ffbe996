namespace DitCloud.Messaging.Inbox;

/// <summary>
/// A message a consumer has processed, written in the same transaction as the consumer's changes:
/// a redelivered message finds its row and is acknowledged without being processed again.
/// </summary>
public sealed class InboxState
{
    public Guid MessageId { get; init; }

    /// <summary>The queue and message type, so two consumers of one event each process it once.</summary>
    public required string ConsumerId { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }
}
