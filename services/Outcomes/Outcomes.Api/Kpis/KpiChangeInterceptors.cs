using System.Data.Common;
using System.Runtime.CompilerServices;
using DitCloud.Outcomes.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DitCloud.Outcomes.Api.Kpis;

/// <summary>
/// Tells <see cref="KpiChanges"/> once a unit of work that changed a course or its attendance has
/// committed: straight after SaveChanges in its own transaction, otherwise when the surrounding
/// transaction (a consumer's inbox transaction) commits. A failed save or a rollback tells nothing.
/// </summary>
internal sealed class KpiChangeSaveInterceptor(KpiChanges changes) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        PendingKpiChanges.MarkIfChanging(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        PendingKpiChanges.MarkIfChanging(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && context.Database.CurrentTransaction is null && PendingKpiChanges.Take(context))
        {
            await changes.ChangedAsync();
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } context && context.Database.CurrentTransaction is null && PendingKpiChanges.Take(context))
        {
            changes.ChangedAsync().GetAwaiter().GetResult();
        }

        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && context.Database.CurrentTransaction is null) PendingKpiChanges.Take(context);
        return Task.CompletedTask;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is { } context && context.Database.CurrentTransaction is null) PendingKpiChanges.Take(context);
    }
}

internal sealed class KpiChangeTransactionInterceptor(KpiChanges changes) : DbTransactionInterceptor
{
    public override async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && PendingKpiChanges.Take(context)) await changes.ChangedAsync();
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } context && PendingKpiChanges.Take(context)) changes.ChangedAsync().GetAwaiter().GetResult();
    }

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context) PendingKpiChanges.Take(context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } context) PendingKpiChanges.Take(context);
    }
}

/// <summary>Which contexts saved KPI-relevant rows not yet committed (a weak table, so pooled contexts are not kept alive).</summary>
internal static class PendingKpiChanges
{
    private static readonly ConditionalWeakTable<DbContext, object> Pending = new();
    private static readonly object Marker = new();

    public static void MarkIfChanging(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries()
                .Any(entry => entry.Entity is CourseRow or SessionAttendanceRow && entry.State is EntityState.Added or EntityState.Modified))
        {
            Pending.AddOrUpdate(context, Marker);
        }
    }

    public static bool Take(DbContext context) => Pending.Remove(context);
}
