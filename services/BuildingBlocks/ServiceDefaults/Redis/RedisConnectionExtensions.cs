using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace DitCloud.ServiceDefaults.Redis;

public static class RedisConnectionExtensions
{
    /// <summary>
    /// One Redis connection for the process (ConnectionStrings:name). It keeps reconnecting while
    /// Redis is away; readiness reports <paramref name="failureStatus"/> meanwhile (degraded by
    /// default: what a service keeps in Redis is a hold or a stream, not its data).
    /// </summary>
    public static IHostApplicationBuilder AddRedisConnection(
        this IHostApplicationBuilder builder, string connectionName, HealthStatus failureStatus = HealthStatus.Degraded)
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{connectionName} is not set. Set the environment variable ConnectionStrings__{connectionName} " +
                "to a Redis connection string (host:port,password=...); the AppHost does this for the projects it starts.");
        }

        var configuration = ConfigurationOptions.Parse(connectionString);
        configuration.AbortOnConnectFail = false;
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(configuration));
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>(connectionName, failureStatus);
        return builder;
    }

    private sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await redis.GetDatabase().PingAsync();
                return HealthCheckResult.Healthy();
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, $"Redis unreachable ({exception.GetType().Name})");
            }
        }
    }
}
