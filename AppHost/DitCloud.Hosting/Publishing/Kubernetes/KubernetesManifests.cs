using DitCloud.Hosting.Model;
using DitCloud.Hosting.Publishing.Yaml;

namespace DitCloud.Hosting.Publishing.Kubernetes;

/// <summary>
/// The whole deployment from the model: a kustomize base with one file per resource, overlays for
/// dev and prod, and the script that builds the images. Paths map to file contents; the same model
/// always gives the same files, byte for byte.
/// </summary>
public static class KubernetesManifests
{
    public static SortedDictionary<string, string> Create(IReadOnlyList<Resource> model, PublishOptions options)
    {
        foreach (var resource in model) KubernetesName.Require(resource.Name, "Resource name");
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var baseFiles = new List<string>();
        void Add(string name, IEnumerable<YamlMap> documents)
        {
            files[$"base/{name}"] = YamlWriter.Write(documents);
            baseFiles.Add(name);
        }

        Add("namespace.yaml", [Namespace(options), TelemetryConfig(options)]);
        Add("network-policies.yaml", NetworkPolicies.NamespaceWide());
        foreach (var resource in model)
        {
            switch (resource)
            {
                case ProjectResource project: Add($"{project.Name}.yaml", ProjectManifests.For(project, model, options)); break;
                case RabbitMqServerResource broker: Add($"{broker.Name}.yaml", BackingServices.Broker(broker, model)); break;
                case PostgresDatabaseResource database: Add($"{Cluster.DatabaseCluster(database)}.yaml", BackingServices.Database(database, model)); break;
                case RedisResource cache: Add($"{cache.Name}.yaml", BackingServices.Cache(cache, model)); break;
                // A PostgreSQL server has no object of its own: each of its databases gets a cluster.
                case PostgresServerResource: break;
                default: throw new PublishException($"Resource '{resource.Name}' ({resource.GetType().Name}) has no Kubernetes form.");
            }
        }
        files["base/kustomization.yaml"] = YamlWriter.Write(new YamlMap
        {
            ["apiVersion"] = "kustomize.config.k8s.io/v1beta1",
            ["kind"] = "Kustomization",
            ["namespace"] = options.Namespace,
            ["resources"] = baseFiles,
        });
        foreach (var overlay in Overlay.All)
        {
            foreach (var (path, content) in overlay.Files(model, options)) files[path] = content;
        }
        files["build-images.sh"] = ImageBuildScript.For(model, options);
        return files;
    }

    private static YamlMap Namespace(PublishOptions options) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Namespace",
        ["metadata"] = new YamlMap
        {
            ["name"] = options.Namespace,
            ["labels"] = new YamlMap
            {
                ["app.kubernetes.io/part-of"] = Cluster.PartOf,
                // Our pods meet "restricted"; the operators' pods are held to "baseline".
                ["pod-security.kubernetes.io/enforce"] = "baseline",
                ["pod-security.kubernetes.io/warn"] = "restricted",
            },
        },
    };

    /// <summary>Where every project sends traces, metrics and logs: one value to change for the whole namespace.</summary>
    private static YamlMap TelemetryConfig(PublishOptions options) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = Cluster.Metadata(Cluster.TelemetryConfig, "telemetry"),
        ["data"] = new YamlMap { ["endpoint"] = options.OtlpEndpoint.ToString().TrimEnd('/') },
    };
}
