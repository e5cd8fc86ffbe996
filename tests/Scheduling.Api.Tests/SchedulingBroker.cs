using System.Collections.Concurrent;
using DitCloud.Contracts.Events.V1;
using DitCloud.Testing;
using MassTransit;

[assembly: AssemblyFixture(typeof(TestServers))]

namespace DitCloud.Scheduling.Api.Tests;

/// <summary>
/// One RabbitMQ virtual host per test class, and a bus of the test's own on it: it publishes what
/// the referral service would, and records every event scheduling publishes. Tests in a class run
/// one after another, each with its own service and database, so the virtual host is never shared
/// by two tests at once.
/// </summary>
public sealed class SchedulingBroker(TestServers servers) : IAsyncLifetime
{
    private readonly ConcurrentQueue<IIntegrationEvent> published = new();
    private IBusControl? bus;

    public TestServers Servers => servers;

    public string VirtualHost { get; private set; } = "";

    public IBus Bus => bus!;

    /// <summary>Every scheduling event seen so far, in arrival order.</summary>
    public IReadOnlyList<IIntegrationEvent> Published => [.. published];

    public async ValueTask InitializeAsync()
    {
        VirtualHost = await servers.CreateVirtualHostAsync("scheduling-tests");
        bus = MassTransit.Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(new Uri(VirtualHost));
            rabbit.ReceiveEndpoint($"scheduling-tests-{Guid.NewGuid():N}", endpoint =>
            {
                endpoint.AutoDelete = true;
                endpoint.Durable = false;
                Record<CourseCreated>(endpoint);
                Record<PractitionerAssigned>(endpoint);
                Record<AppointmentBooked>(endpoint);
                Record<AppointmentCancelled>(endpoint);
                Record<SessionAttended>(endpoint);
                Record<SessionMissed>(endpoint);
                Record<CourseCompleted>(endpoint);
                Record<DischargeReviewNeeded>(endpoint);
            });
        });
        await bus.StartAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Publishes as the referral service's outbox relay does: the event id is the message id.</summary>
    public Task PublishAsync<T>(T @event, Guid? messageId = null) where T : class, IIntegrationEvent =>
        Bus.Publish(@event, context => context.MessageId = messageId ?? @event.EventId, TestContext.Current.CancellationToken);

    /// <summary>Waits until the events of one course satisfy <paramref name="done"/>.</summary>
    public Task<IReadOnlyList<IIntegrationEvent>> EventsOfAsync(Guid courseId, Func<IReadOnlyList<IIntegrationEvent>, bool> done, string what) =>
        Eventually.Until(() => Task.FromResult<IReadOnlyList<IIntegrationEvent>>([.. Published.Where(e => CourseOf(e) == courseId)]), done, what);

    public static Guid? CourseOf(IIntegrationEvent @event) => @event switch
    {
        CourseCreated e => e.CourseId,
        PractitionerAssigned e => e.CourseId,
        AppointmentBooked e => e.CourseId,
        AppointmentCancelled e => e.CourseId,
        SessionAttended e => e.CourseId,
        SessionMissed e => e.CourseId,
        CourseCompleted e => e.CourseId,
        DischargeReviewNeeded e => e.CourseId,
        _ => null,
    };

    private void Record<T>(IRabbitMqReceiveEndpointConfigurator endpoint) where T : class, IIntegrationEvent =>
        endpoint.Handler<T>(context =>
        {
            published.Enqueue(context.Message);
            return Task.CompletedTask;
        });

    public async ValueTask DisposeAsync()
    {
        if (bus is not null) await bus.StopAsync();
    }
}
