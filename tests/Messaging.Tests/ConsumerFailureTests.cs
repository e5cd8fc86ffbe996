using System.Diagnostics.Metrics;
using System.Text;
using DitCloud.ServiceDefaults.Telemetry;
using DitCloud.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using RabbitMQ.Client;

namespace DitCloud.Messaging.Tests;

/// <summary>
/// A message whose consumer keeps failing, on real RabbitMQ: what reaches the broker (the error queue's
/// copy and the Fault event) says which exception it was, never what its message said; and the move is counted.
/// </summary>
public sealed class ConsumerFailureTests(TestServers servers)
{
    // What a framework's message can quote: here an NHS number.
    private const string Marker = "9434765919";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private static readonly KebabCaseEndpointNameFormatter Names = new("widgets", false);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_failing_consumers_exception_message_reaches_neither_the_error_queue_nor_the_fault_event()
    {
        var broker = await servers.CreateVirtualHostAsync("faults");
        await using var host = await MessagingHost.StartAsync(await servers.CreateDatabaseAsync("faults"), broker,
            new() { ["Messaging:ConsumerRetryLimit"] = "1" });
        await using var connection = await new ConnectionFactory { Uri = new Uri(broker) }.CreateConnectionAsync(Cancel);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: Cancel);
        // MassTransit publishes Fault<WidgetChanged> to this exchange; a queue of the test's own receives a copy.
        const string faultExchange = "MassTransit:Fault--DitCloud.Messaging.Tests:WidgetChanged--";
        await channel.ExchangeDeclareAsync(faultExchange, ExchangeType.Fanout, durable: true, cancellationToken: Cancel);
        var faults = (await channel.QueueDeclareAsync(cancellationToken: Cancel)).QueueName;
        await channel.QueueBindAsync(faults, faultExchange, "", cancellationToken: Cancel);
        var changed = new WidgetChanged(Guid.CreateVersion7(), DateTimeOffset.UtcNow, Guid.NewGuid(), 1);
        host.Probe.FailTimes(changed.EventId, int.MaxValue, $"The input string '{Marker}' was not in a correct format.");

        await host.Services.GetRequiredService<IBus>().Publish(changed, context => context.MessageId = changed.EventId, Cancel);

        var errorQueue = Names.Consumer<WidgetChangedConsumer>() + "_error";
        await Eventually.Until(() => MessageCountAsync(broker, errorQueue), count => count == 1, Patience, $"messages in {errorQueue}");
        var dead = await channel.BasicGetAsync(errorQueue, autoAck: true, Cancel);
        var fault = await Eventually.Until(() => channel.BasicGetAsync(faults, autoAck: true, Cancel),
            message => message is not null, Patience, "the Fault<WidgetChanged> event");

        var headers = dead!.BasicProperties.Headers!.ToDictionary(header => header.Key, header => Text(header.Value));
        headers["MT-Fault-Message"].ShouldBe($"System.FormatException {ExceptionText.Withheld}");
        headers["MT-Fault-StackTrace"].ShouldContain(nameof(WidgetChangedConsumer));
        var errorId = headers["DitCloud-Error-Id"];
        errorId.ShouldMatch("^[0-9a-f]{12}$");
        host.Logs.ShouldContain(line => line.Contains($"error id {errorId}") && line.Contains("System.FormatException"),
            "the error id in the broker finds the log line with the exception");
        foreach (var (name, value) in headers) value.ShouldNotContain(Marker, customMessage: $"header {name}");
        Encoding.UTF8.GetString(dead.Body.Span).ShouldNotContain(Marker);

        var faultEvent = Encoding.UTF8.GetString(fault!.Body.Span);
        faultEvent.ShouldContain(changed.EventId.ToString(), customMessage: "the fault is this message's");
        faultEvent.ShouldContain("System.FormatException");
        faultEvent.ShouldContain(errorId);
        faultEvent.ShouldNotContain(Marker);
        foreach (var header in fault.BasicProperties.Headers ?? new Dictionary<string, object?>()) Text(header.Value).ShouldNotContain(Marker);
    }

    [Fact]
    public async Task A_dead_lettered_message_is_counted_by_type_and_queue_and_one_that_recovers_is_not()
    {
        var broker = await servers.CreateVirtualHostAsync("faults");
        await using var host = await MessagingHost.StartAsync(await servers.CreateDatabaseAsync("faults"), broker,
            new() { ["Messaging:ConsumerRetryLimit"] = "1" });
        using var deadLettered = new MetricCollector<long>(
            host.Services.GetRequiredService<IMeterFactory>(), MessagingMetrics.MeterName, "messaging.process.dead_lettered");
        var recovers = new WidgetChanged(Guid.CreateVersion7(), DateTimeOffset.UtcNow, Guid.NewGuid(), 1);
        var fails = recovers with { EventId = Guid.CreateVersion7(), WidgetId = Guid.NewGuid() };
        host.Probe.FailTimes(recovers.EventId, 1);
        host.Probe.FailTimes(fails.EventId, int.MaxValue);
        var bus = host.Services.GetRequiredService<IBus>();

        await bus.Publish(recovers, context => context.MessageId = recovers.EventId, Cancel);
        await bus.Publish(fails, context => context.MessageId = fails.EventId, Cancel);

        await OutboxInboxTests.ConsumedAsync(host, rows => rows.Any(r => r.EventId == recovers.EventId));
        await deadLettered.WaitForMeasurementsAsync(1, Patience);
        var counted = deadLettered.GetMeasurementSnapshot().ShouldHaveSingleItem();
        counted.Value.ShouldBe(1);
        counted.Tags.ShouldBe(new Dictionary<string, object?>
        {
            ["messaging.message.type"] = nameof(WidgetChanged),
            ["messaging.destination.name"] = Names.Consumer<WidgetChangedConsumer>(),
        }, ignoreOrder: true);
    }

    /// <summary>Messages in a queue; 0 while MassTransit has not declared it (a connection per try: the miss closes it).</summary>
    private static async Task<uint> MessageCountAsync(string broker, string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(broker) }.CreateConnectionAsync(Cancel);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: Cancel);
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, Cancel)).MessageCount;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return 0;
        }
    }

    private static string Text(object? value) => value switch
    {
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        System.Collections.IEnumerable list and not string => string.Join(",", list.Cast<object?>().Select(Text)),
        _ => value?.ToString() ?? "",
    };
}
