using System.Diagnostics;
using System.Text.Json;
using DitCloud.Contracts.Events.V1;
using Microsoft.EntityFrameworkCore;

namespace DitCloud.Messaging.Outbox;

/// <summary>
/// Publishes integration events as part of the current unit of work: the event is saved with the
/// change that caused it (one SaveChanges, one transaction) and published by the relay after commit.
/// If the transaction rolls back, the event never existed. This is the one seam for publishing:
/// with MassTransit.EntityFrameworkCore available it would wrap the scoped bus outbox instead.
/// </summary>
public interface IOutbox
{
    /// <param name="partitionKey">
    /// Events with the same key are published in the order their rows were inserted (for example the
    /// referral id). That is commit order only if writes to one aggregate are serialised (a version
    /// column or a row lock), as every service's aggregates are.
    /// </param>
    void Publish<TEvent>(TEvent @event, string partitionKey) where TEvent : class, IIntegrationEvent;
}

internal sealed class EntityFrameworkOutbox<TContext>(TContext db, TimeProvider clock) : IOutbox where TContext : DbContext
{
    public void Publish<TEvent>(TEvent @event, string partitionKey) where TEvent : class, IIntegrationEvent
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(partitionKey);
        var activity = Activity.Current;
        db.Set<OutboxMessage>().Add(new OutboxMessage
        {
            MessageId = @event.EventId,
            // The runtime type, so an event passed as its interface is stored (and published) as itself.
            MessageType = OutboxSerializer.TypeName(@event.GetType()),
            Body = JsonSerializer.Serialize(@event, @event.GetType(), OutboxSerializer.Options),
            PartitionKey = partitionKey,
            TraceParent = activity?.Id,
            TraceState = activity?.TraceStateString,
            EnqueuedAt = clock.GetUtcNow(),
        });
    }
}

internal static class OutboxSerializer
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string TypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    public static object Deserialize(OutboxMessage message, out Type type)
    {
        type = Type.GetType(message.MessageType, throwOnError: false)
            ?? throw new InvalidOperationException($"Outbox message {message.MessageId} has an unknown type '{message.MessageType}'.");
        return JsonSerializer.Deserialize(message.Body, type, Options)
            ?? throw new InvalidOperationException($"Outbox message {message.MessageId} has an empty body.");
    }
}
