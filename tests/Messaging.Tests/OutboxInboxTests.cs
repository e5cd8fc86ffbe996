using DitCloud.Persistence;
using DitCloud.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RabbitMQ.Client;

[assembly: AssemblyFixture(typeof(TestServers))]

namespace DitCloud.Messaging.Tests;

/// <summary>The outbox and inbox on real PostgreSQL and RabbitMQ, one database and virtual host per test.</summary>
public sealed class OutboxInboxTests(TestServers servers)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_event_saved_with_its_change_is_published_and_consumed_once()
    {
        await using var host = await StartAsync();
        var changed = await Widgets.ChangeAsync(host.Services, Guid.NewGuid());

        var consumed = await ConsumedAsync(host, rows => rows.Count == 1);

        consumed.Single().EventId.ShouldBe(changed.EventId);
        (await OutboxCountAsync(host)).ShouldBe(0, "a confirmed event leaves the outbox");
    }

    [Fact]
    public async Task An_event_whose_transaction_rolls_back_is_never_published()
    {
        await using var host = await StartAsync();
        var rolledBack = await Widgets.ChangeAsync(host.Services, Guid.NewGuid(), commit: false);
        var committed = await Widgets.ChangeAsync(host.Services, Guid.NewGuid());

        var consumed = await ConsumedAsync(host, rows => rows.Any(r => r.EventId == committed.EventId));
        await Task.Delay(500, Cancel);

        consumed.ShouldNotContain(r => r.EventId == rolledBack.EventId);
        (await ConsumedAsync(host, _ => true)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Events_of_one_partition_are_published_in_commit_order()
    {
        await using var host = await StartAsync();
        var widgets = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToArray();
        // Each widget changes 15 times in sequence; the widgets change concurrently.
        await Task.WhenAll(widgets.Select(async id =>
        {
            for (var i = 0; i < 15; i++) await Widgets.ChangeAsync(host.Services, id);
        }));

        await ConsumedAsync(host, rows => rows.Count == 60);

        foreach (var id in widgets)
        {
            // One consumer at a time (ConcurrentMessageLimit 1) sees the queue in publish order.
            host.Probe.ProcessedInOrder.Where(e => e.WidgetId == id).Select(e => e.Revision)
                .ShouldBe(Enumerable.Range(1, 15), $"widget {id} events out of order");
        }
    }

    [Fact]
    public async Task A_message_delivered_twice_is_processed_once()
    {
        await using var host = await StartAsync();
        var bus = host.Services.GetRequiredService<IBus>();
        var duplicate = new WidgetChanged(Guid.CreateVersion7(), DateTimeOffset.UtcNow, Guid.NewGuid(), 1);
        var sentinel = duplicate with { EventId = Guid.CreateVersion7(), WidgetId = Guid.NewGuid() };

        // What a relay does when it dies between the broker's confirm and deleting the row.
        await bus.Publish(duplicate, context => context.MessageId = duplicate.EventId, Cancel);
        await bus.Publish(duplicate, context => context.MessageId = duplicate.EventId, Cancel);
        await bus.Publish(sentinel, context => context.MessageId = sentinel.EventId, Cancel);

        var consumed = await ConsumedAsync(host, rows => rows.Any(r => r.EventId == sentinel.EventId));

        consumed.Count(r => r.EventId == duplicate.EventId).ShouldBe(1);
        host.Probe.Attempts.ShouldBe(2, "the second delivery never reaches the consumer");
    }

    [Fact]
    public async Task A_consumer_that_fails_and_then_succeeds_commits_its_work_once()
    {
        await using var host = await StartAsync();
        var widgetId = Guid.NewGuid();
        var probe = host.Probe;
        var changed = new WidgetChanged(Guid.CreateVersion7(), DateTimeOffset.UtcNow, widgetId, 1);
        probe.FailTimes(changed.EventId, 2);

        await host.Services.GetRequiredService<IBus>().Publish(changed, context => context.MessageId = changed.EventId, Cancel);

        var consumed = await ConsumedAsync(host, rows => rows.Count == 1);
        consumed.Single().EventId.ShouldBe(changed.EventId);
        probe.Attempts.ShouldBe(3);
    }

    [Fact]
    public async Task A_message_that_keeps_failing_is_retried_then_moved_to_the_error_queue_unprocessed()
    {
        var (database, broker) = await IsolatedAsync();
        await using var host = await MessagingHost.StartAsync(database, broker, new() { ["Messaging:ConsumerRetryLimit"] = "2" });
        var changed = new WidgetChanged(Guid.CreateVersion7(), DateTimeOffset.UtcNow, Guid.NewGuid(), 1);
        host.Probe.FailTimes(changed.EventId, int.MaxValue);

        await host.Services.GetRequiredService<IBus>().Publish(changed, context => context.MessageId = changed.EventId, Cancel);

        var errorQueue = new KebabCaseEndpointNameFormatter("widgets", false).Consumer<WidgetChangedConsumer>() + "_error";
        var inError = await Eventually.Until(() => MessageCountAsync(broker, errorQueue), count => count == 1, Patience, $"messages in {errorQueue}");
        inError.ShouldBe(1u);
        host.Probe.Attempts.ShouldBe(3, "one attempt and two retries");
        (await ConsumedAsync(host, _ => true)).ShouldBeEmpty();
        await using var scope = host.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<WidgetDbContext>().Set<Inbox.InboxState>().CountAsync(Cancel))
            .ShouldBe(0, "a message that failed is not marked processed");
    }

    [Fact]
    public async Task Two_instances_on_one_database_publish_each_event_once_and_the_survivor_takes_over()
    {
        var (database, broker) = await IsolatedAsync();
        var first = await MessagingHost.StartAsync(database, broker);
        await using var second = await MessagingHost.StartAsync(database, broker);

        for (var i = 0; i < 30; i++) await Widgets.ChangeAsync(i % 2 == 0 ? first.Services : second.Services, Guid.NewGuid());
        await ConsumedAsync(second, rows => rows.Count == 30);

        await first.DisposeAsync();
        for (var i = 0; i < 30; i++) await Widgets.ChangeAsync(second.Services, Guid.NewGuid());

        var consumed = await ConsumedAsync(second, rows => rows.Count == 60);
        consumed.Select(r => r.EventId).Distinct().Count().ShouldBe(60);
        (await OutboxCountAsync(second)).ShouldBe(0);
    }

    [Fact]
    public async Task The_audit_trail_refuses_updates_and_deletes()
    {
        await using var host = await StartAsync();
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WidgetDbContext>();
        scope.ServiceProvider.GetRequiredService<IAuditTrail>()
            .Record(new AuditActor("clinician-1", "clinician"), AuditAction.Read, "widget", "w-1", null, "GetWidget");
        await db.SaveChangesAsync(Cancel);

        var update = await Should.ThrowAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("UPDATE audit_records SET actor_id = 'someone-else'", Cancel));
        update.MessageText.ShouldContain("append-only");
        await Should.ThrowAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_records", Cancel));
        await Should.ThrowAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("TRUNCATE audit_records", Cancel));
        (await db.Set<AuditRecord>().SingleAsync(Cancel)).ActorId.ShouldBe("clinician-1");
    }

    private async Task<MessagingHost> StartAsync()
    {
        var (database, broker) = await IsolatedAsync();
        return await MessagingHost.StartAsync(database, broker, new() { ["Messaging:ConcurrentMessageLimit"] = "1" });
    }

    private async Task<(string Database, string Broker)> IsolatedAsync() =>
        (await servers.CreateDatabaseAsync("outbox"), await servers.CreateVirtualHostAsync("outbox"));

    internal static async Task<List<ConsumedWidgetEvent>> ConsumedAsync(MessagingHost host, Func<List<ConsumedWidgetEvent>, bool> done, TimeSpan? timeout = null) =>
        await Eventually.Until(async () =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<WidgetDbContext>().Consumed.AsNoTracking().ToListAsync(Cancel);
        }, done, timeout ?? Patience, "consumed events");

    internal static async Task<int> OutboxCountAsync(MessagingHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WidgetDbContext>().Set<Outbox.OutboxMessage>().CountAsync();
    }

    private static async Task<uint> MessageCountAsync(string broker, string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(broker) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return 0; // not declared yet
        }
    }
}
