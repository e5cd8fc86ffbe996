using System.Collections.Concurrent;
using DitCloud.Contracts.Events.V1;
using MassTransit;

namespace DitCloud.Formulation.Api.Tests;

/// <summary>
/// A MassTransit bus on the test class's virtual host: it publishes scheduling's events as
/// scheduling would (each with its EventId as the MessageId, which consumers deduplicate by) and
/// keeps every event formulation publishes.
/// </summary>
public sealed class EventBus : IAsyncDisposable
{
    private readonly IBusControl bus;
    private readonly ConcurrentQueue<IIntegrationEvent> received;

    private EventBus(IBusControl bus, ConcurrentQueue<IIntegrationEvent> received)
    {
        this.bus = bus;
        this.received = received;
    }

    public static async Task<EventBus> StartAsync(string broker)
    {
        var received = new ConcurrentQueue<IIntegrationEvent>();
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(new Uri(broker));
            rabbit.ReceiveEndpoint($"formulation-tests-listener-{Guid.NewGuid():N}", endpoint =>
            {
                endpoint.AutoDelete = true;
                endpoint.Durable = false;
                Keep<FormulationAgreed>(endpoint, received);
                Keep<FormulationRevised>(endpoint, received);
                Keep<GoodbyeLetterIssued>(endpoint, received);
                Keep<FormulationOverdue>(endpoint, received);
            });
        });
        var handle = await bus.StartAsync(TestContext.Current.CancellationToken);
        await handle.Ready;
        return new EventBus(bus, received);
    }

    /// <summary>Publishes as scheduling's outbox relay does: the event id is the message id.</summary>
    public Task PublishAsync<TEvent>(TEvent @event) where TEvent : class, IIntegrationEvent =>
        bus.Publish(@event, context => context.MessageId = @event.EventId, TestContext.Current.CancellationToken);

    /// <summary>Every event of this type received so far for the course.</summary>
    public IReadOnlyList<TEvent> ReceivedFor<TEvent>(Guid courseId) where TEvent : IIntegrationEvent =>
        [.. received.OfType<TEvent>().Where(e => CourseOf(e) == courseId)];

    /// <summary>Waits for the first event of this type for the course.</summary>
    public async Task<TEvent> ReceivedAsync<TEvent>(Guid courseId) where TEvent : IIntegrationEvent =>
        (await Eventually.Until(() => Task.FromResult(ReceivedFor<TEvent>(courseId)), events => events.Count > 0, $"{typeof(TEvent).Name} for the course"))[0];

    private static Guid CourseOf(IIntegrationEvent @event) => @event switch
    {
        FormulationAgreed agreed => agreed.CourseId,
        FormulationRevised revised => revised.CourseId,
        GoodbyeLetterIssued issued => issued.CourseId,
        FormulationOverdue overdue => overdue.CourseId,
        _ => Guid.Empty,
    };

    private static void Keep<TEvent>(IReceiveEndpointConfigurator endpoint, ConcurrentQueue<IIntegrationEvent> received)
        where TEvent : class, IIntegrationEvent =>
        endpoint.Handler<TEvent>(context =>
        {
            received.Enqueue(context.Message);
            return Task.CompletedTask;
        });

    public async ValueTask DisposeAsync() => await bus.StopAsync(CancellationToken.None);
}
