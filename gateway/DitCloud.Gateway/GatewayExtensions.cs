using DitCloud.Gateway.Audit;
using DitCloud.Gateway.Limits;
using DitCloud.Gateway.Routing;
using DitCloud.Gateway.Tokens;
using DitCloud.ServiceDefaults;
using DitCloud.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;

namespace DitCloud.Gateway;

public static class GatewayExtensions
{
    public const string BrowserCorsPolicy = "browsers";

    /// <summary>The gateway's services: settings, Redis, the audit store, tokens, routes and limits.</summary>
    public static IHostApplicationBuilder AddGatewayServices(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<GatewayOptions>(GatewayOptions.Section);
        builder.Services.TryAddSingleton(TimeProvider.System);

        var redis = Required(builder.Configuration, "cache");
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ =>
        {
            var configuration = ConfigurationOptions.Parse(redis);
            configuration.AbortOnConnectFail = false;
            // While Redis is away a command fails at once instead of queueing until its timeout (5 s):
            // the rate limit is then skipped and a token request refused with 503 without a wait.
            configuration.BacklogPolicy = BacklogPolicy.FailFast;
            return ConnectionMultiplexer.Connect(configuration);
        });
        builder.Services.AddSingleton(NpgsqlDataSource.Create(Required(builder.Configuration, "gatewaydb")));
        builder.Services.AddHealthChecks()
            // Degraded, not unhealthy, without Redis: calls still go through (rate limits skipped), so
            // replicas must stay in their load balancer; only new partner tokens wait for Redis.
            .AddCheck<RedisHealthCheck>("redis", HealthStatus.Degraded)
            .AddCheck<AuditStoreHealthCheck>("audit-store");

        builder.Services.AddSingleton<GatewayAudit>();
        builder.Services.AddHostedService<AuditWriter>();
        builder.Services.AddSingleton<PartnerRegistry>();
        builder.Services.AddSingleton<AssertionReplayGuard>();
        builder.Services.AddSingleton<TokenEndpointAddress>();
        builder.Services.AddSingleton<ClientAssertionValidator>();
        // Caller authentication as every service has it, but a token's signature verified once until its exp.
        builder.Services.AddSingleton<RecentlyVerifiedTokens>();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).PostConfigure<RecentlyVerifiedTokens>((bearer, tokens) =>
        {
            bearer.TokenHandlers.Clear();
            bearer.TokenHandlers.Add(tokens);
        });
        builder.Services.AddSingleton<AccessTokenIssuer>();
        builder.Services.AddSingleton<RateLimiter>();
        builder.Services.AddSingleton<MethodTable>();
        builder.Services.AddSingleton<GatewayCallPolicy>();

        builder.Services.AddSingleton<IProxyConfigProvider, ServiceRoutes>();
        builder.Services.AddReverseProxy()
            // On Kubernetes a destination names a headless Service: one destination per ready pod,
            // re-resolved every 30 s so new replicas take calls soon after they start (see
            // docs/deployment.md). Locally the addresses are loopback IPs and resolve to themselves.
            .AddDnsDestinationResolver(dns => dns.RefreshPeriod = TimeSpan.FromSeconds(30))
            .AddTransforms(transforms =>
            {
                transforms.AddRequestTransform(context =>
                {
                    ApplyUnaryLimits(context.HttpContext);
                    return default;
                });
                transforms.AddResponseTransform(context =>
                {
                    TakePatientReference(context.HttpContext.Response.Headers, context.HttpContext);
                    return default;
                });
            });

        builder.Services.AddCors();
        builder.Services.AddOptions<CorsOptions>().Configure<IOptions<GatewayOptions>>((cors, gateway) => cors.AddPolicy(BrowserCorsPolicy, policy => policy
            .WithOrigins([.. gateway.Value.CorsOrigins])
            .WithMethods("POST")
            .AllowAnyHeader()
            .WithExposedHeaders("grpc-status", "grpc-message", "grpc-status-details-bin", GrpcResponses.RetryPushbackHeader, "retry-after")
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));

        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<GatewayOptions>>((kestrel, gateway) =>
        {
            var limits = gateway.Value.Limits;
            kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBytes;
            kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(limits.MinRequestBytesPerSecond, TimeSpan.FromSeconds(5));
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.Limits.Http2.MaxStreamsPerConnection = 1000;
        });
        return builder;
    }

    /// <summary>
    /// YARP lifts Kestrel's body size limit for gRPC over HTTP/2 (a stream may carry much); a unary
    /// call has no reason to, so it is put back before forwarding. (Kestrel has no per-stream data
    /// rate for HTTP/2: a slow unary upload is ended by the capped deadline instead.)
    /// </summary>
    private static void ApplyUnaryLimits(HttpContext context)
    {
        if (context.Items[typeof(GatewayMethod)] is not GatewayMethod { Streaming: false }) return;
        var limits = context.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value.Limits;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limits.MaxRequestBytes;
    }

    private static void TakePatientReference(IHeaderDictionary headers, HttpContext context)
    {
        if (!headers.TryGetValue(PatientReferenceReporting.HeaderName, out var reference)) return;
        context.Items[GatewayCallPolicy.PatientReferenceItem] = reference.ToString();
        headers.Remove(PatientReferenceReporting.HeaderName);
    }

    private static string Required(IConfiguration configuration, string name) =>
        configuration.GetConnectionString(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"ConnectionStrings:{name} is not set. Set the environment variable ConnectionStrings__{name} (the AppHost sets it for a referenced resource named '{name}').");

    private sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await redis.GetDatabase().PingAsync();
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                return new HealthCheckResult(context.Registration.FailureStatus,
                    "Redis does not answer: rate limits are not enforced and no partner token can be issued until it does.");
            }
        }
    }

    private sealed class AuditStoreHealthCheck(NpgsqlDataSource database) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var command = database.CreateCommand("SELECT 1");
                await command.ExecuteScalarAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy("The audit database does not answer.");
            }
        }
    }
}
