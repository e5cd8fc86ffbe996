using Grpc.Core;
using Grpc.Net.Client.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DitCloud.ServiceDefaults.Grpc;

public static class GrpcClientExtensions
{
    /// <summary>
    /// A typed client for another DitCloud service, called by name: the address of "referral" comes
    /// from configuration in .NET Aspire's convention (services:referral:grpc:0), which the AppHost
    /// writes. Calls get a default deadline unless the caller sets one; the caller's own deadline and
    /// cancellation flow on when called from inside a gRPC call; idempotent calls (those the
    /// <paramref name="retryableMethods"/> name, or all when null) are retried on UNAVAILABLE with backoff.
    /// </summary>
    public static IHttpClientBuilder AddServiceClient<TClient>(
        this IServiceCollection services, string serviceName, TimeSpan? defaultDeadline = null, IReadOnlyList<string>? retryableMethods = null)
        where TClient : class
    {
        services.AddServiceDiscovery();
        var deadline = defaultDeadline ?? TimeSpan.FromSeconds(10);
        return services
            .AddGrpcClient<TClient>(options => options.Address = new Uri($"http://_grpc.{serviceName}"))
            .ConfigureChannel(channel =>
            {
                channel.ServiceConfig = new ServiceConfig { MethodConfigs = { RetryOnUnavailable(retryableMethods) } };
                channel.MaxRetryAttempts = 5;
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // One pool per client; more HTTP/2 connections open when a connection's streams run out.
                EnableMultipleHttp2Connections = true,
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
                KeepAlivePingDelay = TimeSpan.FromSeconds(60),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
            })
            .AddServiceDiscovery()
            // Outermost first: the caller's own deadline and cancellation, then a default if still none.
            .EnableCallContextPropagation(options => options.SuppressContextNotFoundErrors = true)
            .AddInterceptor(() => new DefaultDeadlineInterceptor(deadline));
    }

    private static MethodConfig RetryOnUnavailable(IReadOnlyList<string>? methods)
    {
        var config = new MethodConfig
        {
            RetryPolicy = new RetryPolicy
            {
                MaxAttempts = 3,
                InitialBackoff = TimeSpan.FromMilliseconds(100),
                MaxBackoff = TimeSpan.FromSeconds(2),
                BackoffMultiplier = 2,
                RetryableStatusCodes = { StatusCode.Unavailable },
            },
        };
        if (methods is null) config.Names.Add(MethodName.Default);
        else foreach (var method in methods) config.Names.Add(new MethodName { Service = method[..method.LastIndexOf('/')], Method = method[(method.LastIndexOf('/') + 1)..] });
        return config;
    }
}
