using DitCloud.Hosting.Model;
using DitCloud.Hosting.Publishing.Yaml;

namespace DitCloud.Hosting.Publishing.Kubernetes;

/// <summary>
/// A project's container environment from the same <see cref="ProjectSettings"/> the local runner
/// resolves: service addresses become headless Services, connection strings are put together from
/// the operators' secrets by reference ($(VAR) of an earlier secretKeyRef), never from values.
/// </summary>
internal static class ProjectEnvironment
{
    /// <summary>
    /// The exporter settings are the cluster's (its collector); those a local tool put into a
    /// project's environment (the AppHost's trace viewer) are not published.
    /// </summary>
    private static readonly string[] LocalOnlyPrefixes = ["OTEL_EXPORTER_", "OTEL_BSP_", "OTEL_BLRP_", "OTEL_METRIC_EXPORT_"];

    public static List<YamlMap> For(ProjectResource project)
    {
        var env = new EnvironmentList();
        foreach (var setting in ProjectSettings.For(project))
        {
            switch (setting)
            {
                case FixedSetting s when LocalOnlyPrefixes.Any(s.Name.StartsWith):
                    break;
                case FixedSetting s when s.Value.Contains("127.0.0.1") || s.Value.Contains("localhost"):
                    throw new PublishException(
                        $"Project '{project.Name}' sets {s.Name} to a loopback address, which means nothing in a cluster: " +
                        "model the dependency with WithReference instead of WithEnvironment.");
                case FixedSetting s when IsSecret(s):
                    // Keys and passwords the local AppHost generates stay local: the cluster's come
                    // from a Secret the operators create ("<project>-secrets"), by reference.
                    env.From(s.Name, SecretKey($"{project.Name}-secrets", s.Name.Replace("__", "-").ToLowerInvariant()));
                    break;
                case FixedSetting s:
                    env.Value(s.Name, s.Value);
                    break;
                case EnvironmentNameSetting s:
                    env.Value(s.Name, "Production");
                    break;
                case ListenUrlSetting s:
                    env.Value(s.Name, $"http://+:{Port(s.Endpoint)}");
                    break;
                case InstanceIdSetting { Name: ProjectSettings.InstanceIdVariable, Format: "{0}" } s:
                    // The pod's name: unique among replicas, and what kubectl and the collector show.
                    env.From(s.Name, new YamlMap { ["fieldRef"] = new YamlMap { ["fieldPath"] = "metadata.name" } });
                    break;
                case InstanceIdSetting s:
                    env.Value(s.Name, string.Format(System.Globalization.CultureInfo.InvariantCulture, s.Format, $"$({ProjectSettings.InstanceIdVariable})"));
                    break;
                case ConnectionStringSetting s:
                    AddConnectionString(env, project, s);
                    break;
                case ServiceEndpointSetting s:
                    // One address per Service: a headless Service's name resolves to every ready pod.
                    env.Value($"{s.Name}__0", $"http://{s.Target.Name}:{Port(s.Endpoint)}");
                    break;
                default:
                    throw new PublishException($"The Kubernetes publisher does not know the setting kind {setting.GetType().Name}.");
            }
        }
        env.From("OTEL_EXPORTER_OTLP_ENDPOINT", ConfigMapKey(Cluster.TelemetryConfig, "endpoint"));
        env.Value("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc");
        return env.Entries;
    }

    private static bool IsSecret(FixedSetting setting) =>
        setting.Value.Contains("PRIVATE KEY", StringComparison.Ordinal)
        || SecretNameEndings.Any(ending => setting.Name.EndsWith(ending, StringComparison.OrdinalIgnoreCase));

    private static readonly string[] SecretNameEndings = ["SigningKey", "PrivateKey", "Password", "Secret"];

    private static int Port(string endpoint) => endpoint == ProjectSettings.GrpcEndpoint ? Cluster.GrpcPort : Cluster.HttpPort;

    private static void AddConnectionString(EnvironmentList env, ProjectResource project, ConnectionStringSetting setting)
    {
        switch (setting.Target)
        {
            case PostgresDatabaseResource database:
                // CloudNativePG's "<cluster>-app" secret holds the owner's password; the -rw Service follows the primary.
                var password = $"DIT_{KubernetesName.Variable(database.Name)}_PASSWORD";
                env.From(password, SecretKey(Cluster.DatabaseSecret(database), "password"));
                env.Value(setting.Name,
                    $"Host={Cluster.DatabaseCluster(database)}-rw;Port={Cluster.PostgresPort};Database={database.DatabaseName};" +
                    $"Username={database.DatabaseName};Password=$({password});SSL Mode=Require;Maximum Pool Size={Cluster.ConnectionsPerPod}");
                break;
            case RabbitMqServerResource broker:
                // The Cluster Operator writes the whole AMQP URI (amqp://user:password@host:5672/) into its default-user secret.
                env.From(setting.Name, SecretKey(Cluster.BrokerSecret(broker), "connection_string"));
                break;
            case RedisResource cache:
                // The host is the overlay's choice (one Redis, or the master Service of a replicated set).
                var host = $"DIT_{KubernetesName.Variable(cache.Name)}_HOST";
                var secret = $"DIT_{KubernetesName.Variable(cache.Name)}_PASSWORD";
                env.From(host, ConfigMapKey(Cluster.CacheEndpointConfig(cache), "host"));
                env.From(secret, SecretKey(Cluster.CacheSecret(cache), "password"));
                env.Value(setting.Name, $"$({host}):{Cluster.RedisPort},password=$({secret})");
                break;
            case PostgresServerResource server:
                throw new PublishException(
                    $"Project '{project.Name}' references the PostgreSQL server '{server.Name}' itself; in a cluster each service owns " +
                    $"one database: reference {server.Name}.AddDatabase(\"...\") instead.");
            default:
                throw new PublishException($"Project '{project.Name}' references '{setting.Target.Name}', which the Kubernetes publisher cannot place.");
        }
    }

    private static YamlMap SecretKey(string secret, string key) => new()
    {
        ["secretKeyRef"] = new YamlMap { ["name"] = secret, ["key"] = key },
    };

    private static YamlMap ConfigMapKey(string configMap, string key) => new()
    {
        ["configMapKeyRef"] = new YamlMap { ["name"] = configMap, ["key"] = key },
    };

    /// <summary>Keeps order (a $(VAR) reference needs VAR earlier) and lets a later setting replace an earlier one in place.</summary>
    private sealed class EnvironmentList
    {
        public List<YamlMap> Entries { get; } = [];

        public void Value(string name, string value) => Set(new YamlMap { ["name"] = name, ["value"] = value });

        public void From(string name, YamlMap source) => Set(new YamlMap { ["name"] = name, ["valueFrom"] = source });

        private void Set(YamlMap entry)
        {
            var index = Entries.FindIndex(e => (string)e["name"] == (string)entry["name"]);
            if (index >= 0) Entries[index] = entry;
            else Entries.Add(entry);
        }
    }
}
