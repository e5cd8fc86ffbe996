using DitCloud.Hosting.Model;
using DitCloud.Hosting.Publishing.Yaml;

namespace DitCloud.Hosting.Publishing.Kubernetes;

/// <summary>Names, ports and labels every manifest agrees on, and where the operators run.</summary>
internal static class Cluster
{
    /// <summary>Container ports: HTTP/2-only gRPC and HTTP/1.1 for gRPC-web and health, as locally.</summary>
    public const int GrpcPort = 8080;
    public const int HttpPort = 8081;

    public const int PostgresPort = 5432;
    public const int PostgresStatusPort = 8000;
    public const int AmqpPort = 5672;
    public const int RabbitManagementPort = 15672;
    public const int RedisPort = 6379;
    public const int RedisSentinelPort = 26379;

    /// <summary>
    /// Connections each pod may open to its database (Npgsql's default is 100). Every replica the
    /// autoscaler may add opens its own pool, so pods x pool must stay under the cluster's
    /// max_connections, less what the operator and replication keep for themselves.
    /// </summary>
    public const int ConnectionsPerPod = 15;
    public const int DatabaseMaxConnections = 200;

    /// <summary>
    /// The services drain in-flight work for 25 s after SIGTERM (ServiceDefaults' ShutdownTimeout).
    /// preStop waits first so endpoints and clients stop sending; the grace period covers both with room.
    /// </summary>
    public const int PreStopSeconds = 10;
    public const int TerminationGraceSeconds = 45;

    /// <summary>The grpc.health.v1 service liveness asks for: the process's own checks, never its dependencies.</summary>
    public const string LivenessHealthService = "liveness";

    // Where the operators and KEDA run when installed by their own charts with their defaults.
    public const string CloudNativePgNamespace = "cnpg-system";
    public const string RabbitMqOperatorNamespace = "rabbitmq-system";
    public const string RedisOperatorNamespace = "ot-operators";
    public const string KedaNamespace = "keda";

    public const string PartOf = "ditcloud";

    public const string TelemetryConfig = "ditcloud-telemetry";

    /// <summary>The labels that pick a project's pods (a selector cannot change once deployed, so nothing else goes in it).</summary>
    public static YamlMap Selector(string name) => new()
    {
        ["app.kubernetes.io/name"] = name,
        ["app.kubernetes.io/part-of"] = PartOf,
    };

    public static YamlMap Labels(string name, string component) => new()
    {
        ["app.kubernetes.io/name"] = name,
        ["app.kubernetes.io/part-of"] = PartOf,
        ["app.kubernetes.io/component"] = component,
    };

    public static YamlMap Metadata(string name, string component) => new()
    {
        ["name"] = name,
        ["labels"] = Labels(name, component),
    };

    public static string Image(PublishOptions options, ProjectResource project) => $"{options.Registry}/{project.Name}:{options.Tag}";

    /// <summary>The CloudNativePG cluster holding one database: "pg-referral" for pg.AddDatabase("referral").</summary>
    public static string DatabaseCluster(PostgresDatabaseResource database) =>
        KubernetesName.Require($"{database.Parent.Name}-{database.Name}", "Database cluster name");

    // Secrets are named here and never filled in: the operators create theirs, ops create the cache's.
    public static string DatabaseSecret(PostgresDatabaseResource database) => $"{DatabaseCluster(database)}-app";
    public static string BrokerSecret(RabbitMqServerResource broker) => $"{broker.Name}-default-user";
    public static string CacheSecret(RedisResource cache) => $"{cache.Name}-auth";
    public static string CacheEndpointConfig(RedisResource cache) => $"{cache.Name}-endpoint";
    public static string KedaAuthentication(RabbitMqServerResource broker) => $"{broker.Name}-keda";
}
