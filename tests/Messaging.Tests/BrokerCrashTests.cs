using DitCloud.Hosting.Processes;
using DitCloud.Hosting.Servers;
using DitCloud.Testing;

namespace DitCloud.Messaging.Tests;

/// <summary>
/// RabbitMQ killed with SIGKILL in the middle of a burst, then restarted: the outbox keeps every
/// change's event and the inbox absorbs the redeliveries, so each event is processed exactly once
/// in effect. The broker here is the test's own: killing the shared one would hurt other tests.
/// </summary>
public sealed class BrokerCrashTests(TestServers servers) : IAsyncLifetime
{
    private readonly TempState state = new();
    private RabbitMqServer broker = null!;

    public async ValueTask InitializeAsync()
    {
        broker = new RabbitMqServer(new ServerSettings("crash-bus", state.For("crash-bus"), servers.Log) { StartTimeout = TimeSpan.FromMinutes(3) });
        await broker.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await broker.DisposeAsync();
        state.Dispose();
    }

    private static void Progress(string line) => TestContext.Current.SendDiagnosticMessage($"{DateTime.UtcNow:HH:mm:ss.fff} broker crash: {line}");

    [Fact]
    public async Task Every_event_is_processed_exactly_once_when_RabbitMQ_is_killed_during_a_burst()
    {
        const int total = 1000;
        var database = await servers.CreateDatabaseAsync("crash");
        await using var host = await MessagingHost.StartAsync(database, broker.ConnectionString);
        var written = 0;

        var burst = Task.Run(async () =>
        {
            // 1,000 changes from 8 concurrent writers, as a burst of submissions would arrive.
            await Parallel.ForEachAsync(Enumerable.Range(0, total), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, _) =>
            {
                await Widgets.ChangeAsync(host.Services, Guid.NewGuid());
                Interlocked.Increment(ref written);
            });
        }, TestContext.Current.CancellationToken);

        await Eventually.Until(() => Task.FromResult(Volatile.Read(ref written)), n => n >= total / 4, TimeSpan.FromSeconds(180), "changes written before the kill");
        // The whole node at once, as the OOM killer or a lost VM would take it (the script and the Erlang VM).
        foreach (var process in broker.CurrentProcesses) Posix.Signal(process.Pid, Posix.SigKill);
        Progress($"killed RabbitMQ after {Volatile.Read(ref written)} changes");
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        await broker.RestartAsync(TestContext.Current.CancellationToken);
        Progress("RabbitMQ restarted");
        await burst; // writes never depended on the broker
        Progress("burst written");

        var consumed = await OutboxInboxTests.ConsumedAsync(host, rows => rows.Select(r => r.EventId).Distinct().Count() == total, TimeSpan.FromSeconds(300));
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken); // let any straggling redelivery land
        consumed = await OutboxInboxTests.ConsumedAsync(host, _ => true);

        consumed.Count.ShouldBe(total, "each event processed once in effect, redeliveries absorbed by the inbox");
        consumed.Select(r => r.EventId).Distinct().Count().ShouldBe(total);
        (await OutboxInboxTests.OutboxCountAsync(host)).ShouldBe(0, "every event confirmed in the end");
    }
}
