using System.Text.RegularExpressions;
using DitCloud.Hosting.Model;
using DitCloud.Hosting.Publishing.Yaml;

namespace DitCloud.Hosting.Publishing.Kubernetes;

/// <summary>
/// The stateful parts, each handed to an operator rather than built from StatefulSets here:
/// RabbitMQ to the RabbitMQ Cluster Operator, PostgreSQL to CloudNativePG (one cluster per
/// database), Redis to the Redis operator in the shape each overlay chooses.
/// </summary>
internal static partial class BackingServices
{
    public static IEnumerable<YamlMap> Broker(RabbitMqServerResource broker, IReadOnlyList<Resource> model)
    {
        yield return new YamlMap
        {
            ["apiVersion"] = "rabbitmq.com/v1beta1",
            ["kind"] = "RabbitmqCluster",
            ["metadata"] = Cluster.Metadata(broker.Name, "broker"),
            ["spec"] = new YamlMap
            {
                // Three nodes: a quorum queue (the services declare theirs so) survives losing one.
                ["replicas"] = 3,
                ["resources"] = ProjectManifests.Resources("500m", "1Gi", "1", "1Gi"),
                ["persistence"] = new YamlMap { ["storage"] = "10Gi" },
                ["rabbitmq"] = new YamlMap
                {
                    // Spread the queues' leaders over the nodes instead of piling them on the one that declared them.
                    ["additionalConfig"] = "queue_leader_locator = balanced\n",
                },
                ["affinity"] = SpreadOverNodes(new YamlMap { ["app.kubernetes.io/name"] = broker.Name }),
            },
        };
        if (model.OfType<ProjectResource>().Any(p => p.References.Contains(broker)))
        {
            // KEDA reads queue depths with the operator's default user, by reference.
            yield return new YamlMap
            {
                ["apiVersion"] = "keda.sh/v1alpha1",
                ["kind"] = "TriggerAuthentication",
                ["metadata"] = Cluster.Metadata(Cluster.KedaAuthentication(broker), "broker"),
                ["spec"] = new YamlMap
                {
                    ["secretTargetRef"] = new[]
                    {
                        new YamlMap { ["parameter"] = "username", ["name"] = Cluster.BrokerSecret(broker), ["key"] = "username" },
                        new YamlMap { ["parameter"] = "password", ["name"] = Cluster.BrokerSecret(broker), ["key"] = "password" },
                    },
                },
            };
        }
        yield return NetworkPolicies.ForBroker(broker, model);
    }

    /// <summary>
    /// A CloudNativePG cluster of its own per database: the operator creates the database, its owner
    /// and the "-app" secret, and a NetworkPolicy can then keep every other service away from it.
    /// </summary>
    public static IEnumerable<YamlMap> Database(PostgresDatabaseResource database, IReadOnlyList<Resource> model)
    {
        if (!PostgresIdentifier().IsMatch(database.DatabaseName))
        {
            throw new PublishException(
                $"Database '{database.DatabaseName}' also names its owner role in the cluster: use lower-case letters, digits and '_', starting with a letter.");
        }
        var name = Cluster.DatabaseCluster(database);
        yield return new YamlMap
        {
            ["apiVersion"] = "postgresql.cnpg.io/v1",
            ["kind"] = "Cluster",
            ["metadata"] = Cluster.Metadata(name, "database"),
            ["spec"] = new YamlMap
            {
                // A primary and two streaming replicas; the operator fails over and keeps its own PodDisruptionBudget.
                ["instances"] = 3,
                ["primaryUpdateStrategy"] = "unsupervised",
                ["enableSuperuserAccess"] = false,
                ["bootstrap"] = new YamlMap
                {
                    ["initdb"] = new YamlMap { ["database"] = database.DatabaseName, ["owner"] = database.DatabaseName },
                },
                ["storage"] = new YamlMap { ["size"] = "10Gi" },
                ["resources"] = ProjectManifests.Resources("250m", "512Mi", "1", "1Gi"),
                ["postgresql"] = new YamlMap
                {
                    ["parameters"] = new YamlMap { ["max_connections"] = Cluster.DatabaseMaxConnections.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                },
                ["affinity"] = new YamlMap
                {
                    ["enablePodAntiAffinity"] = true,
                    ["topologyKey"] = "kubernetes.io/hostname",
                },
            },
        };
        yield return NetworkPolicies.ForDatabase(database, model);
    }

    /// <summary>What every overlay shares for a cache: where its clients connect (the overlay may change it) and its NetworkPolicy.</summary>
    public static IEnumerable<YamlMap> Cache(RedisResource cache, IReadOnlyList<Resource> model)
    {
        yield return new YamlMap
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = Cluster.Metadata(Cluster.CacheEndpointConfig(cache), "cache"),
            ["data"] = new YamlMap { ["host"] = cache.Name },
        };
        yield return NetworkPolicies.ForCache(cache, model);
    }

    /// <summary>One Redis, no replica, nothing kept on disk: cheap, and a restart only forgets what was short-lived.</summary>
    public static YamlMap StandaloneCache(RedisResource cache) => new()
    {
        ["apiVersion"] = "redis.redis.opstreelabs.in/v1beta2",
        ["kind"] = "Redis",
        ["metadata"] = Cluster.Metadata(cache.Name, "cache"),
        ["spec"] = new YamlMap
        {
            ["kubernetesConfig"] = CacheContainer(cache, ProjectManifests.Resources("100m", "128Mi", "500m", "256Mi")),
        },
    };

    /// <summary>A primary, two replicas and three sentinels that promote a replica when the primary goes.</summary>
    public static YamlMap ReplicatedCache(RedisResource cache) => new()
    {
        ["apiVersion"] = "redis.redis.opstreelabs.in/v1beta2",
        ["kind"] = "RedisReplication",
        ["metadata"] = Cluster.Metadata(cache.Name, "cache"),
        ["spec"] = new YamlMap
        {
            ["clusterSize"] = 3,
            ["kubernetesConfig"] = CacheContainer(cache, ProjectManifests.Resources("250m", "512Mi", "1", "1Gi")),
            ["sentinel"] = new YamlMap { ["image"] = $"{RedisImages}/redis-sentinel:{RedisVersion}", ["size"] = 3 },
            ["pdb"] = new YamlMap { ["enabled"] = true, ["maxUnavailable"] = 1 },
            ["affinity"] = SpreadOverNodes(new YamlMap { ["app"] = cache.Name }),
        },
    };

    /// <summary>The replicated set's master Service, which the operator keeps pointing at the current primary.</summary>
    public static string ReplicatedCacheHost(RedisResource cache) => $"{cache.Name}-master";

    private const string RedisImages = "quay.io/opstree";
    private const string RedisVersion = "v7.0.15";

    private static YamlMap CacheContainer(RedisResource cache, YamlMap resources) => new()
    {
        ["image"] = $"{RedisImages}/redis:{RedisVersion}",
        ["imagePullPolicy"] = "IfNotPresent",
        ["resources"] = resources,
        // The password lives in a Secret that ops create once; the manifests only name it.
        ["redisSecret"] = new YamlMap { ["name"] = Cluster.CacheSecret(cache), ["key"] = "password" },
    };

    private static YamlMap SpreadOverNodes(YamlMap labels) => new()
    {
        ["podAntiAffinity"] = new YamlMap
        {
            ["preferredDuringSchedulingIgnoredDuringExecution"] = new[]
            {
                new YamlMap
                {
                    ["weight"] = 100,
                    ["podAffinityTerm"] = new YamlMap
                    {
                        ["topologyKey"] = "kubernetes.io/hostname",
                        ["labelSelector"] = new YamlMap { ["matchLabels"] = labels },
                    },
                },
            },
        },
    };

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$")]
    private static partial Regex PostgresIdentifier();
}
