using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DitCloud.Formulation.Api.Watch;

/// <summary>
/// Publishes staged announcements when their change is committed: straight after SaveChanges when
/// it ran in its own transaction, otherwise when the surrounding transaction commits (a change's own,
/// or a consumer's inbox transaction). A failed save or a rollback discards them.
/// </summary>
internal sealed class FeedSaveInterceptor(FormulationChangeFeed feed) : SaveChangesInterceptor
{
    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && context.Database.CurrentTransaction is null) await feed.PublishStagedAsync(context);
        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context) feed.Discard(context);
        return Task.CompletedTask;
    }
}

internal sealed class FeedTransactionInterceptor(FormulationChangeFeed feed) : DbTransactionInterceptor
{
    public override async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context) await feed.PublishStagedAsync(context);
    }

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context) feed.Discard(context);
        return Task.CompletedTask;
    }

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context) feed.Discard(context);
        return Task.CompletedTask;
    }
}
