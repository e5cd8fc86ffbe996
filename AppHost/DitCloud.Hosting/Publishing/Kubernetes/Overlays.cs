using DitCloud.Hosting.Model;
using DitCloud.Hosting.Publishing.Yaml;

namespace DitCloud.Hosting.Publishing.Kubernetes;

/// <summary>
/// How big each environment is. The base has the production shape; an overlay changes only sizes
/// and counts, and picks how Redis runs.
/// </summary>
internal sealed record Overlay(
    string Name,
    int MinReplicas,
    int MaxReplicas,
    YamlMap ProjectResources,
    int BrokerNodes,
    int DatabaseInstances,
    string DatabaseStorage,
    bool ReplicatedCache)
{
    public static readonly Overlay Dev = new(
        "dev", MinReplicas: 2, MaxReplicas: 3, ProjectManifests.Resources("100m", "192Mi", "500m", "384Mi"),
        BrokerNodes: 1, DatabaseInstances: 1, DatabaseStorage: "2Gi", ReplicatedCache: false);

    public static readonly Overlay Prod = new(
        "prod", MinReplicas: 3, MaxReplicas: 12, ProjectManifests.Resources("500m", "512Mi", "2", "1Gi"),
        BrokerNodes: 3, DatabaseInstances: 3, DatabaseStorage: "20Gi", ReplicatedCache: true);

    public static readonly Overlay[] All = [Dev, Prod];

    /// <summary>The overlay's files: its kustomization (base, sizes as JSON patches) and its Redis.</summary>
    public IEnumerable<(string Path, string Content)> Files(IReadOnlyList<Resource> model, PublishOptions options)
    {
        var caches = model.OfType<RedisResource>().ToList();
        var resources = new List<string> { "../../base" };
        if (caches.Count > 0) resources.Add("cache.yaml");

        var kustomization = new YamlMap
        {
            ["apiVersion"] = "kustomize.config.k8s.io/v1beta1",
            ["kind"] = "Kustomization",
            ["namespace"] = options.Namespace,
            ["resources"] = resources,
            ["patches"] = Patches(model),
        };
        yield return ($"overlays/{Name}/kustomization.yaml", YamlWriter.Write(kustomization));
        if (caches.Count > 0)
        {
            yield return ($"overlays/{Name}/cache.yaml", YamlWriter.Write(caches.Select(c =>
                ReplicatedCache ? BackingServices.ReplicatedCache(c) : BackingServices.StandaloneCache(c))));
        }
    }

    private List<YamlMap> Patches(IReadOnlyList<Resource> model)
    {
        var projects = model.OfType<ProjectResource>().ToList();
        var patches = new List<YamlMap>();
        if (projects.Count > 0)
        {
            patches.Add(Patch(Target("apps", "Deployment"), Replace("/spec/template/spec/containers/0/resources", ProjectResources)));
        }
        if (projects.Any(p => !p.References.OfType<RabbitMqServerResource>().Any()))
        {
            patches.Add(Patch(Target("autoscaling", "HorizontalPodAutoscaler"),
                Replace("/spec/minReplicas", MinReplicas), Replace("/spec/maxReplicas", MaxReplicas)));
        }
        if (projects.Any(p => p.References.OfType<RabbitMqServerResource>().Any()))
        {
            patches.Add(Patch(Target("keda.sh", "ScaledObject"),
                Replace("/spec/minReplicaCount", MinReplicas), Replace("/spec/maxReplicaCount", MaxReplicas)));
        }
        if (model.OfType<RabbitMqServerResource>().Any())
        {
            patches.Add(Patch(Target("rabbitmq.com", "RabbitmqCluster"), Replace("/spec/replicas", BrokerNodes)));
        }
        if (model.OfType<PostgresDatabaseResource>().Any())
        {
            patches.Add(Patch(Target("postgresql.cnpg.io", "Cluster"),
                Replace("/spec/instances", DatabaseInstances), Replace("/spec/storage/size", DatabaseStorage)));
        }
        if (ReplicatedCache)
        {
            foreach (var cache in model.OfType<RedisResource>())
            {
                var target = Target("", "ConfigMap");
                target["name"] = Cluster.CacheEndpointConfig(cache);
                patches.Add(Patch(target, Replace("/data/host", BackingServices.ReplicatedCacheHost(cache))));
            }
        }
        return patches;
    }

    private static YamlMap Target(string group, string kind)
    {
        var target = new YamlMap();
        if (group.Length > 0) target["group"] = group;
        target["kind"] = kind;
        return target;
    }

    private static YamlMap Patch(YamlMap target, params YamlMap[] operations) => new()
    {
        ["target"] = target,
        ["patch"] = YamlWriter.WriteSequence(operations),
    };

    private static YamlMap Replace(string path, object value) => new() { ["op"] = "replace", ["path"] = path, ["value"] = value };
}
