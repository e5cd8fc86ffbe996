using System.Runtime.ExceptionServices;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace DitCloud.Messaging.Inbox;

/// <summary>
/// One consumer's unit of work: the inbox row, the consumer's changes and the events it publishes
/// are committed in one transaction, or not at all.
/// </summary>
public interface IInbox
{
    /// <summary>Starts the transaction and claims the message; false if this consumer has processed it already.</summary>
    Task<bool> TryBeginAsync(Guid messageId, string consumerId, CancellationToken cancellationToken);

    /// <summary>Saves the consumer's changes and commits.</summary>
    Task CompleteAsync(CancellationToken cancellationToken);

    /// <summary>Rolls back and forgets tracked changes, so a retry starts clean.</summary>
    Task AbandonAsync();
}

internal sealed class EntityFrameworkInbox<TContext>(TContext db, TimeProvider clock) : IInbox where TContext : DbContext
{
    private IDbContextTransaction? transaction;

    public async Task<bool> TryBeginAsync(Guid messageId, string consumerId, CancellationToken cancellationToken)
    {
        transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // A concurrent duplicate waits here for the first transaction, then finds the row.
        var claimed = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO inbox_state (message_id, consumer_id, received_at) VALUES ({messageId}, {consumerId}, {clock.GetUtcNow()}) ON CONFLICT DO NOTHING",
            cancellationToken);
        if (claimed == 1) return true;
        await AbandonAsync();
        return false;
    }

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        await transaction!.CommitAsync(cancellationToken);
        await transaction.DisposeAsync();
        transaction = null;
    }

    public async Task AbandonAsync()
    {
        db.ChangeTracker.Clear();
        if (transaction is null) return;
        await transaction.DisposeAsync(); // disposing an uncommitted transaction rolls it back
        transaction = null;
    }
}

/// <summary>
/// Wraps every consumer on an endpoint in its inbox unit of work. Registered for all message types
/// by <see cref="MessagingExtensions.AddMessaging{TContext}"/>; retries run outside it, so each attempt
/// is a fresh transaction, and a message that keeps failing goes to the endpoint's error queue
/// without ever being acknowledged as processed. A failure reaches MassTransit as
/// <see cref="ConsumerFailure.HandOver"/> makes it: logged with an error id, without its message.
/// </summary>
public sealed class InboxFilter<TMessage>(IInbox inbox, MessagingMetrics metrics, ILogger<InboxFilter<TMessage>> logger)
    : IFilter<ConsumeContext<TMessage>>
    where TMessage : class
{
    public async Task Send(ConsumeContext<TMessage> context, IPipe<ConsumeContext<TMessage>> next)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"A {typeof(TMessage).Name} arrived without a message id, so it cannot be deduplicated.");
        var consumerId = $"{context.ReceiveContext.InputAddress.Segments[^1]}/{typeof(TMessage).Name}";
        try
        {
            if (!await inbox.TryBeginAsync(messageId, consumerId, context.CancellationToken))
            {
                metrics.Duplicate(typeof(TMessage).Name);
                return;
            }

            await next.Send(context);
            await inbox.CompleteAsync(context.CancellationToken);
            metrics.Consumed(typeof(TMessage).Name, DateTime.UtcNow - (context.SentTime ?? DateTime.UtcNow));
        }
        catch (Exception failure)
        {
            await inbox.AbandonAsync();
            metrics.ConsumeFailed(typeof(TMessage).Name);
            // MassTransit returns a cancelled message to the queue rather than failing it: left as it is.
            if (failure is OperationCanceledException) throw;
            // Most failures come from the consumer, handed over already; this catches the rest (the commit).
            ExceptionDispatchInfo.Throw(ConsumerFailure.HandOver(failure, typeof(TMessage).Name, context.GetRetryAttempt() + 1, logger));
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("inbox");
}
