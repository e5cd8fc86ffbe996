using DitCloud.Messaging.Inbox;
using DitCloud.Messaging.Outbox;
using MassTransit;
using MassTransit.Middleware;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DitCloud.Messaging;

public static class MessagingExtensions
{
    /// <summary>
    /// Integration events for a service whose database is <typeparamref name="TContext"/> (already
    /// added with AddServiceDatabase, its model including AddOutboxMessageEntity and AddInboxStateEntity):
    /// MassTransit on RabbitMQ with publisher confirms; <see cref="IOutbox"/> for publishing in the
    /// same transaction as a change and the relay that sends it; and for every consumer registered in
    /// <paramref name="configure"/>, a durable quorum queue named after the service, retries with
    /// backoff, the inbox (each message processed once in effect) and MassTransit's error queue
    /// for what still fails.
    /// </summary>
    /// <param name="serviceName">Prefixes queue names, so each service has its own copy of an event.</param>
    /// <param name="connectionName">The AMQP URI under ConnectionStrings (the AppHost writes ConnectionStrings__bus).</param>
    public static IHostApplicationBuilder AddMessaging<TContext>(
        this IHostApplicationBuilder builder,
        string serviceName,
        string connectionName = "bus",
        Action<IBusRegistrationConfigurator>? configure = null)
        where TContext : DbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(connectionString) || !Uri.TryCreate(connectionString, UriKind.Absolute, out var brokerUri))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{connectionName} must be an AMQP URI (amqp://user:password@host:port/vhost). " +
                $"Set the environment variable ConnectionStrings__{connectionName}; the AppHost does this for the projects it starts.");
        }

        builder.Services.AddOptions<MessagingOptions>()
            .Bind(builder.Configuration.GetSection("Messaging"))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<IInterceptor, OutboxSaveInterceptor>();
        builder.Services.AddSingleton<IInterceptor, OutboxCommitInterceptor>();
        builder.Services.AddScoped<IOutbox, EntityFrameworkOutbox<TContext>>();
        builder.Services.AddScoped<IInbox, EntityFrameworkInbox<TContext>>();
        builder.Services.AddSingleton<MessagingMetrics>();
        builder.Services.AddHostedService<OutboxRelay>();

        var settings = builder.Configuration.GetSection("Messaging").Get<MessagingOptions>() ?? new MessagingOptions();
        builder.Services.AddMassTransit(bus =>
        {
            // MassTransit reports usage to its vendor by default: nothing leaves an NHS service uninvited.
            bus.DisableUsageTelemetry();
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false));
            configure?.Invoke(bus);
            bus.AddConfigureEndpointsCallback((context, _, endpoint) =>
            {
                // Order matters: each retry runs a fresh inbox transaction.
                if (settings.ConsumerRetryLimit > 0)
                {
                    endpoint.UseMessageRetry(retry => retry.Exponential(
                        settings.ConsumerRetryLimit, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(500)));
                }

                endpoint.UseConsumeFilter(typeof(InboxFilter<>), context);
                endpoint.ConnectConsumerConfigurationObserver(new ConsumerFailureObserver(
                    context.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConsumerFailure).FullName!)));
                // MassTransit's default error pipe (publish Fault<T>, move to the "_error" queue), with
                // the move wrapped to label and count it. Configuring it replaces the default, so both stay listed.
                endpoint.ConfigureError(error =>
                {
                    error.UseFilter(new GenerateFaultFilter());
                    error.UseFilter(new ErrorQueueFilter(context.GetRequiredService<MessagingMetrics>()));
                    error.UseFilter(new ErrorTransportFilter());
                });
                if (settings.ConcurrentMessageLimit is { } limit) endpoint.ConcurrentMessageLimit = limit;
                if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                {
                    rabbit.SetQuorumQueue();
                    rabbit.PrefetchCount = settings.PrefetchCount;
                }
            });
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(brokerUri, host => host.PublisherConfirmation = true);
                rabbit.ConfigureEndpoints(context);
            });
            // A broker outage degrades the service but does not take it out of rotation: the outbox
            // keeps accepting changes and publishes them when the broker is back.
            bus.ConfigureHealthCheckOptions(health => health.MinimalFailureStatus = HealthStatus.Degraded);
        });
        return builder;
    }
}
