using System.Net;
using DitCloud.Hosting.Model;
using DitCloud.Hosting.Publishing.Yaml;

namespace DitCloud.Hosting.Publishing.Kubernetes;

/// <summary>
/// Deny by default, then one policy per workload listing exactly who may reach it and what it may
/// reach: the gateway is the only way in, each service reaches its own database, the broker, the
/// cache and the services it references, and everything may resolve names and export telemetry.
/// </summary>
internal static class NetworkPolicies
{
    /// <summary>Selects every pod in the namespace and allows nothing: what is not allowed below is denied.</summary>
    public static IEnumerable<YamlMap> NamespaceWide()
    {
        yield return new YamlMap
        {
            ["apiVersion"] = "networking.k8s.io/v1",
            ["kind"] = "NetworkPolicy",
            ["metadata"] = Cluster.Metadata("default-deny", "network"),
            ["spec"] = new YamlMap
            {
                ["podSelector"] = new YamlMap(),
                ["policyTypes"] = new[] { "Ingress", "Egress" },
            },
        };
        yield return new YamlMap
        {
            ["apiVersion"] = "networking.k8s.io/v1",
            ["kind"] = "NetworkPolicy",
            ["metadata"] = Cluster.Metadata("allow-dns", "network"),
            ["spec"] = new YamlMap
            {
                ["podSelector"] = new YamlMap(),
                ["policyTypes"] = new[] { "Egress" },
                ["egress"] = new[]
                {
                    new YamlMap
                    {
                        ["to"] = new[]
                        {
                            new YamlMap
                            {
                                ["namespaceSelector"] = NamespaceLabels("kube-system"),
                                ["podSelector"] = new YamlMap { ["matchLabels"] = new YamlMap { ["k8s-app"] = "kube-dns" } },
                            },
                        },
                        ["ports"] = new[] { Port(53, "UDP"), Port(53, "TCP") },
                    },
                },
            },
        };
    }

    public static YamlMap ForProject(ProjectResource project, IReadOnlyList<Resource> model, PublishOptions options)
    {
        var callers = model.OfType<ProjectResource>().Where(p => p.References.Contains(project)).Select(p => p.Name).ToList();
        var ingress = new List<YamlMap>();
        if (project.IsExternal)
        {
            // The way in: from anywhere (the load balancer keeps the caller's address), its own ports only.
            ingress.Add(new YamlMap { ["ports"] = ProjectPorts() });
        }
        if (callers.Count > 0)
        {
            ingress.Add(new YamlMap { ["from"] = new[] { ProjectsPeer(callers) }, ["ports"] = ProjectPorts() });
        }

        var egress = new List<YamlMap>();
        foreach (var reference in project.References)
        {
            egress.Add(reference switch
            {
                ProjectResource other => new YamlMap { ["to"] = new[] { ProjectsPeer([other.Name]) }, ["ports"] = ProjectPorts() },
                PostgresDatabaseResource database => new YamlMap
                {
                    ["to"] = new[] { PodsPeer(new YamlMap { ["cnpg.io/cluster"] = Cluster.DatabaseCluster(database) }) },
                    ["ports"] = new[] { Port(Cluster.PostgresPort) },
                },
                RabbitMqServerResource broker => new YamlMap
                {
                    ["to"] = new[] { PodsPeer(new YamlMap { ["app.kubernetes.io/name"] = broker.Name }) },
                    ["ports"] = new[] { Port(Cluster.AmqpPort) },
                },
                RedisResource cache => new YamlMap
                {
                    ["to"] = new[] { CachePeer(cache) },
                    ["ports"] = new[] { Port(Cluster.RedisPort) },
                },
                _ => throw new PublishException($"Project '{project.Name}' references '{reference.Name}', which the Kubernetes publisher cannot place."),
            });
        }
        egress.Add(TelemetryEgress(options.OtlpEndpoint));

        var spec = new YamlMap
        {
            ["podSelector"] = new YamlMap { ["matchLabels"] = Cluster.Selector(project.Name) },
            ["policyTypes"] = new[] { "Ingress", "Egress" },
        };
        if (ingress.Count > 0) spec["ingress"] = ingress;
        spec["egress"] = egress;
        return Policy(project.Name, ProjectManifests.Component(project), spec);
    }

    /// <summary>The broker's nodes talk among themselves; its users, its operator and KEDA reach it.</summary>
    public static YamlMap ForBroker(RabbitMqServerResource broker, IReadOnlyList<Resource> model)
    {
        var self = PodsPeer(new YamlMap { ["app.kubernetes.io/name"] = broker.Name });
        return Policy(broker.Name, "broker", new YamlMap
        {
            ["podSelector"] = new YamlMap { ["matchLabels"] = new YamlMap { ["app.kubernetes.io/name"] = broker.Name } },
            ["policyTypes"] = new[] { "Ingress", "Egress" },
            ["ingress"] = WithUsers(model, broker, Cluster.AmqpPort,
            [
                new YamlMap { ["from"] = new[] { self } },
                new YamlMap
                {
                    ["from"] = new[] { NamespacePeer(Cluster.RabbitMqOperatorNamespace), NamespacePeer(Cluster.KedaNamespace) },
                    ["ports"] = new[] { Port(Cluster.RabbitManagementPort) },
                },
            ]),
            ["egress"] = new[] { new YamlMap { ["to"] = new[] { self } }, ApiServerEgress() },
        });
    }

    /// <summary>One database cluster: its instances replicate among themselves; its owner and the operator reach it.</summary>
    public static YamlMap ForDatabase(PostgresDatabaseResource database, IReadOnlyList<Resource> model)
    {
        var name = Cluster.DatabaseCluster(database);
        var self = PodsPeer(new YamlMap { ["cnpg.io/cluster"] = name });
        return Policy(name, "database", new YamlMap
        {
            ["podSelector"] = new YamlMap { ["matchLabels"] = new YamlMap { ["cnpg.io/cluster"] = name } },
            ["policyTypes"] = new[] { "Ingress", "Egress" },
            ["ingress"] = WithUsers(model, database, Cluster.PostgresPort,
            [
                new YamlMap { ["from"] = new[] { self }, ["ports"] = new[] { Port(Cluster.PostgresPort), Port(Cluster.PostgresStatusPort) } },
                new YamlMap
                {
                    ["from"] = new[] { NamespacePeer(Cluster.CloudNativePgNamespace) },
                    ["ports"] = new[] { Port(Cluster.PostgresPort), Port(Cluster.PostgresStatusPort) },
                },
            ]),
            ["egress"] = new[]
            {
                new YamlMap { ["to"] = new[] { self }, ["ports"] = new[] { Port(Cluster.PostgresPort), Port(Cluster.PostgresStatusPort) } },
                ApiServerEgress(),
            },
        });
    }

    /// <summary>The cache's pods (and a replicated set's sentinels) talk among themselves; its users and its operator reach it.</summary>
    public static YamlMap ForCache(RedisResource cache, IReadOnlyList<Resource> model)
    {
        var self = CachePeer(cache);
        return Policy(cache.Name, "cache", new YamlMap
        {
            ["podSelector"] = (YamlMap)self["podSelector"],
            ["policyTypes"] = new[] { "Ingress", "Egress" },
            ["ingress"] = WithUsers(model, cache, Cluster.RedisPort,
            [
                new YamlMap { ["from"] = new[] { self }, ["ports"] = new[] { Port(Cluster.RedisPort), Port(Cluster.RedisSentinelPort) } },
                new YamlMap { ["from"] = new[] { NamespacePeer(Cluster.RedisOperatorNamespace) }, ["ports"] = new[] { Port(Cluster.RedisPort), Port(Cluster.RedisSentinelPort) } },
            ]),
            ["egress"] = new[]
            {
                new YamlMap { ["to"] = new[] { self }, ["ports"] = new[] { Port(Cluster.RedisPort), Port(Cluster.RedisSentinelPort) } },
            },
        });
    }

    /// <summary>The rules given, after one that lets in the projects referencing <paramref name="target"/> on its port.</summary>
    private static List<YamlMap> WithUsers(IReadOnlyList<Resource> model, Resource target, int port, List<YamlMap> rules)
    {
        var users = model.OfType<ProjectResource>().Where(p => p.References.Contains(target)).Select(p => p.Name).ToList();
        if (users.Count > 0) rules.Insert(0, new YamlMap { ["from"] = new[] { ProjectsPeer(users) }, ["ports"] = new[] { Port(port) } });
        return rules;
    }

    /// <summary>OTLP to the collector: a Service in another namespace by its namespace, anything else by its port.</summary>
    private static YamlMap TelemetryEgress(Uri endpoint)
    {
        var port = new[] { Port(endpoint.Port) };
        var labels = endpoint.Host.Split('.');
        if (IPAddress.TryParse(endpoint.Host, out var address))
        {
            var prefix = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 128 : 32;
            return new YamlMap { ["to"] = new[] { new YamlMap { ["ipBlock"] = new YamlMap { ["cidr"] = $"{address}/{prefix}" } } }, ["ports"] = port };
        }
        if (labels.Length >= 3 && labels[2] == "svc")
        {
            return new YamlMap { ["to"] = new[] { NamespacePeer(labels[1]) }, ["ports"] = port };
        }
        // A collector outside the cluster: its address is not known here, its port is.
        return new YamlMap { ["ports"] = port };
    }

    /// <summary>
    /// The operators' instance managers and RabbitMQ's peer discovery call the Kubernetes API. Its
    /// address differs per cluster, so the rule names only its ports; narrow it to your API server's address.
    /// </summary>
    private static YamlMap ApiServerEgress() => new()
    {
        ["ports"] = new[] { Port(443), Port(6443) },
    };

    private static YamlMap Policy(string name, string component, YamlMap spec) => new()
    {
        ["apiVersion"] = "networking.k8s.io/v1",
        ["kind"] = "NetworkPolicy",
        ["metadata"] = Cluster.Metadata(name, component),
        ["spec"] = spec,
    };

    private static YamlMap ProjectsPeer(List<string> names) => new()
    {
        ["podSelector"] = new YamlMap
        {
            ["matchLabels"] = new YamlMap { ["app.kubernetes.io/part-of"] = Cluster.PartOf },
            ["matchExpressions"] = new[]
            {
                new YamlMap { ["key"] = "app.kubernetes.io/name", ["operator"] = "In", ["values"] = names.Order(StringComparer.Ordinal).ToList() },
            },
        },
    };

    private static YamlMap PodsPeer(YamlMap labels) => new() { ["podSelector"] = new YamlMap { ["matchLabels"] = labels } };

    /// <summary>The Redis operator labels its pods "app: {name}", and a replicated set's sentinels "app: {name}-sentinel".</summary>
    private static YamlMap CachePeer(RedisResource cache) => new()
    {
        ["podSelector"] = new YamlMap
        {
            ["matchExpressions"] = new[]
            {
                new YamlMap { ["key"] = "app", ["operator"] = "In", ["values"] = new[] { cache.Name, $"{cache.Name}-sentinel" } },
            },
        },
    };

    private static YamlMap NamespacePeer(string name) => new() { ["namespaceSelector"] = NamespaceLabels(name) };

    private static YamlMap NamespaceLabels(string name) => new()
    {
        ["matchLabels"] = new YamlMap { ["kubernetes.io/metadata.name"] = name },
    };

    private static YamlMap[] ProjectPorts() => [Port(Cluster.GrpcPort), Port(Cluster.HttpPort)];

    private static YamlMap Port(int port, string protocol = "TCP") => new() { ["protocol"] = protocol, ["port"] = port };
}
