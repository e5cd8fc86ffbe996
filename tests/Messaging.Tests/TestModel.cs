using DitCloud.Contracts.Events.V1;
using DitCloud.Messaging.Outbox;
using DitCloud.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.DependencyInjection;

namespace DitCloud.Messaging.Tests;

/// <summary>A change that publishes an event: the smallest shape of what every service does.</summary>
public sealed class Widget
{
    public Guid Id { get; init; }
    public int Revision { get; set; }
}

/// <summary>What the consumer did, one row per processing: duplicates would show as extra rows.</summary>
public sealed class ConsumedWidgetEvent
{
    public long Id { get; init; }
    public Guid EventId { get; init; }
    public Guid WidgetId { get; init; }
    public int Revision { get; init; }
}

public sealed record WidgetChanged(Guid EventId, DateTimeOffset OccurredAt, Guid WidgetId, int Revision) : IIntegrationEvent;

public sealed class WidgetDbContext(DbContextOptions<WidgetDbContext> options) : DbContext(options)
{
    public DbSet<Widget> Widgets => Set<Widget>();
    public DbSet<ConsumedWidgetEvent> Consumed => Set<ConsumedWidgetEvent>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddAuditRecordEntity().AddOutboxMessageEntity().AddInboxStateEntity();
        modelBuilder.Entity<ConsumedWidgetEvent>().HasIndex(c => c.EventId);
    }
}

public sealed class WidgetDbContextFactory : IDesignTimeDbContextFactory<WidgetDbContext>
{
    public WidgetDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<WidgetDbContext>().UseNpgsql("Host=localhost").UseSnakeCaseNamingConvention().Options);
}

/// <summary>Records each event it processes; can be told to fail a number of times first.</summary>
public sealed class WidgetChangedConsumer(WidgetDbContext db, ConsumerProbe probe) : IConsumer<WidgetChanged>
{
    public Task Consume(ConsumeContext<WidgetChanged> context)
    {
        probe.Attempted(context.Message);
        if (probe.ShouldFail(context.Message, out var because)) throw new FormatException(because);
        db.Consumed.Add(new ConsumedWidgetEvent
        {
            EventId = context.Message.EventId,
            WidgetId = context.Message.WidgetId,
            Revision = context.Message.Revision,
        });
        probe.Processed(context.Message);
        return Task.CompletedTask;
    }
}

public sealed class ConsumerProbe
{
    private readonly Dictionary<Guid, (int Left, string Because)> failuresLeft = [];
    private readonly List<WidgetChanged> processed = [];
    private int attempts;

    public int Attempts => Volatile.Read(ref attempts);

    /// <summary>Processing order as the consumer saw it (before commit).</summary>
    public IReadOnlyList<WidgetChanged> ProcessedInOrder { get { lock (processed) return [.. processed]; } }

    /// <param name="because">The failure's message, as a framework would write it (it may quote data).</param>
    public void FailTimes(Guid eventId, int times, string because = "the consumer was told to fail") { lock (failuresLeft) failuresLeft[eventId] = (times, because); }

    internal void Attempted(WidgetChanged message) => Interlocked.Increment(ref attempts);

    internal bool ShouldFail(WidgetChanged message, out string because)
    {
        lock (failuresLeft)
        {
            because = "";
            if (!failuresLeft.TryGetValue(message.EventId, out var failure) || failure.Left == 0) return false;
            failuresLeft[message.EventId] = (failure.Left - 1, failure.Because);
            because = failure.Because;
            return true;
        }
    }

    internal void Processed(WidgetChanged message) { lock (processed) processed.Add(message); }
}

public static class Widgets
{
    /// <summary>Changes a widget and publishes the event in one SaveChanges, as a gRPC handler would.</summary>
    public static async Task<WidgetChanged> ChangeAsync(IServiceProvider services, Guid widgetId, bool commit = true)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WidgetDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<IOutbox>();
        var widget = await db.Widgets.FindAsync(widgetId);
        if (widget is null) db.Widgets.Add(widget = new Widget { Id = widgetId });
        widget.Revision++;
        var changed = new WidgetChanged(Guid.CreateVersion7(), DateTimeOffset.UtcNow, widgetId, widget.Revision);
        outbox.Publish(changed, partitionKey: widgetId.ToString());
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.SaveChangesAsync();
        if (commit) await transaction.CommitAsync();
        return changed;
    }
}
