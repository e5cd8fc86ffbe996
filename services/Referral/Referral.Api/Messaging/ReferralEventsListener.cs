using DitCloud.Contracts.Events.V1;
using MassTransit;

namespace DitCloud.Referral.Api.Messaging;

/// <summary>
/// Consumes this service's own referral events back from RabbitMQ, on a temporary queue of this
/// replica (non-durable, deleted when the replica goes), to wake its WatchReferrals streams when any
/// replica changes a referral. The events are only a wake-up: what a stream sends comes from the
/// history table. Screening decisions publish no event; streams on other replicas see them at their
/// next poll (Referral:Watch:PollInterval).
/// </summary>
/// <remarks>
/// The endpoint is connected to the bus directly rather than through AddMessaging's consumers: those
/// get durable quorum queues named per service and the inbox, which suit work that must happen once,
/// not a per-replica signal that must reach every replica.
/// </remarks>
public sealed partial class ReferralEventsListener(IBus bus, ReferralChangeSignal changes, ILogger<ReferralEventsListener> logger) : IHostedService
{
    private HostReceiveEndpointHandle? endpoint;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        endpoint = bus.ConnectReceiveEndpoint(new TemporaryEndpointDefinition(), DefaultEndpointNameFormatter.Instance, queue =>
        {
            queue.Handler<ReferralReceived>(Wake);
            queue.Handler<ReferralAccepted>(Wake);
            queue.Handler<ReferralDeclined>(Wake);
            queue.Handler<ReferralWithdrawn>(Wake);
        });
        // Not awaited: with the broker down the service still starts, and streams fall back to polling.
        _ = endpoint.Ready.ContinueWith(ready => LogListening(logger, ready.IsCompletedSuccessfully), TaskScheduler.Default);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (endpoint is not null) await endpoint.StopAsync(cancellationToken);
    }

    private Task Wake<T>(ConsumeContext<T> context) where T : class
    {
        changes.Notify();
        return Task.CompletedTask;
    }

    [LoggerMessage(LogLevel.Debug, "Referral events listener ready: {Ready}")]
    private static partial void LogListening(ILogger logger, bool ready);
}
