using System.Collections.Concurrent;
using DitCloud.Contracts.Events.V1;
using MassTransit;

namespace DitCloud.Referral.Reliability.Tests;

/// <summary>A downstream consumer, as scheduling would be: records every ReferralReceived it gets.</summary>
public sealed class EventRecorder
{
    public ConcurrentDictionary<Guid, int> DeliveriesByReferral { get; } = new();

    public ConcurrentDictionary<Guid, DateTimeOffset> FirstSeen { get; } = new();

    /// <summary>A bus on the given broker whose own queue receives every ReferralReceived.</summary>
    public async Task<IBusControl> StartAsync(string broker, string queue, CancellationToken cancellationToken)
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(new Uri(broker));
            rabbit.ReceiveEndpoint(queue, endpoint =>
            {
                endpoint.SetQuorumQueue();
                endpoint.Handler<ReferralReceived>(context =>
                {
                    FirstSeen.TryAdd(context.Message.ReferralId, DateTimeOffset.UtcNow);
                    DeliveriesByReferral.AddOrUpdate(context.Message.ReferralId, 1, (_, n) => n + 1);
                    return Task.CompletedTask;
                });
            });
        });
        await bus.StartAsync(cancellationToken);
        await bus.WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        return bus;
    }
}
