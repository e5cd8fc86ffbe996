using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace DitCloud.Gateway.Routing;

/// <summary>
/// YARP's routes and clusters from the gateway's settings: one route per service matching its proto
/// package prefix, one cluster per service whose destinations are the service's gRPC addresses in
/// .NET Aspire's convention (services:{name}:grpc:0, :1 ...), health-checked on /health over the
/// same HTTP/2 connection type the calls use.
/// </summary>
public sealed partial class ServiceRoutes(IOptions<GatewayOptions> options, IConfiguration configuration, ILogger<ServiceRoutes> logger) : IProxyConfigProvider
{
    private readonly Config _config = Build(options.Value, configuration, logger);

    public IProxyConfig GetConfig() => _config;

    private static Config Build(GatewayOptions options, IConfiguration configuration, ILogger logger)
    {
        var routes = new List<RouteConfig>();
        var clusters = new List<ClusterConfig>();
        foreach (var (name, service) in options.Services)
        {
            var addresses = configuration.GetSection($"services:{name}:grpc").GetChildren().Select(child => child.Value).OfType<string>().ToList();
            // A service not deployed yet keeps its route: its calls answer UNAVAILABLE, not UNIMPLEMENTED.
            if (addresses.Count == 0) LogNoAddress(logger, name);
            routes.Add(new RouteConfig
            {
                RouteId = name,
                ClusterId = name,
                // A proto package is the first path segment's start: "/dit.referral.v1.ReferralService/Get".
                Match = new RouteMatch { Path = service.PathPrefix.TrimEnd('.') + ".{service}/{method}" },
            });
            clusters.Add(new ClusterConfig
            {
                ClusterId = name,
                Destinations = addresses.Select((address, index) => (address, index))
                    .ToDictionary(d => $"{name}-{d.index}", d => new DestinationConfig { Address = d.address }),
                // Services listen h2c: only HTTP/2 with prior knowledge reaches them (measured: "or lower" sends HTTP/1.1).
                HttpRequest = new ForwarderRequestConfig { Version = new Version(2, 0), VersionPolicy = HttpVersionPolicy.RequestVersionExact, ActivityTimeout = options.Limits.MaxStreamingDeadline },
                HealthCheck = new HealthCheckConfig
                {
                    Active = new ActiveHealthCheckConfig { Enabled = true, Interval = TimeSpan.FromSeconds(5), Timeout = TimeSpan.FromSeconds(2), Path = "/health", Policy = "ConsecutiveFailures" },
                    Passive = new PassiveHealthCheckConfig { Enabled = true, Policy = "TransportFailureRate", ReactivationPeriod = TimeSpan.FromSeconds(10) },
                },
            });
        }
        return new Config(routes, clusters);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Service '{Service}' has no address (services__{Service}__grpc__0): its calls will answer UNAVAILABLE")]
    private static partial void LogNoAddress(ILogger logger, string service);

    private sealed class Config(IReadOnlyList<RouteConfig> routes, IReadOnlyList<ClusterConfig> clusters) : IProxyConfig
    {
        public IReadOnlyList<RouteConfig> Routes { get; } = routes;

        public IReadOnlyList<ClusterConfig> Clusters { get; } = clusters;

        // The routes come from settings read at start; a change of settings is a restart.
        public IChangeToken ChangeToken { get; } = new CancellationChangeToken(CancellationToken.None);
    }
}
