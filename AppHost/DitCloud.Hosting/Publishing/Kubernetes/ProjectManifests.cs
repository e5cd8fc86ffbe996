using System.Globalization;
using DitCloud.Hosting.Model;
using DitCloud.Hosting.Publishing.Yaml;

namespace DitCloud.Hosting.Publishing.Kubernetes;

/// <summary>
/// Everything one project needs in a cluster: its Deployment, a headless Service, a disruption
/// budget, an autoscaler (KEDA on its queues when it consumes from a broker, CPU otherwise) and the
/// NetworkPolicy that lets in only its callers and out only to what it references.
/// </summary>
internal static class ProjectManifests
{
    /// <summary>The base's autoscaling range; each overlay sets its own.</summary>
    public const int MinReplicas = 2;
    public const int MaxReplicas = 6;
    public const int CpuTarget = 70;

    /// <summary>Ready messages per replica on a consumer's queues before KEDA adds one.</summary>
    public const int QueueLengthPerReplica = 100;

    public static IEnumerable<YamlMap> For(ProjectResource project, IReadOnlyList<Resource> model, PublishOptions options)
    {
        var component = Component(project);
        yield return Deployment(project, component, options);
        yield return HeadlessService(project, component);
        if (project.IsExternal) yield return PublicService(project);
        yield return DisruptionBudget(project, component);
        yield return project.References.OfType<RabbitMqServerResource>().FirstOrDefault() is { } broker
            ? QueueScaler(project, broker, component, options)
            : CpuScaler(project, component);
        yield return NetworkPolicies.ForProject(project, model, options);
    }

    public static string Component(ProjectResource project) => project.IsExternal ? "gateway" : "service";

    private static YamlMap Deployment(ProjectResource project, string component, PublishOptions options) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = Cluster.Metadata(project.Name, component),
        // No replica count: the autoscaler owns it, and a re-apply must not reset it.
        ["spec"] = new YamlMap
        {
            ["revisionHistoryLimit"] = 5,
            ["selector"] = new YamlMap { ["matchLabels"] = Cluster.Selector(project.Name) },
            // One extra pod at a time and none taken away first: a rollout never goes below the
            // running count, so it never spends the PodDisruptionBudget.
            ["strategy"] = new YamlMap
            {
                ["type"] = "RollingUpdate",
                ["rollingUpdate"] = new YamlMap { ["maxSurge"] = 1, ["maxUnavailable"] = 0 },
            },
            ["template"] = new YamlMap
            {
                ["metadata"] = new YamlMap { ["labels"] = Cluster.Labels(project.Name, component) },
                ["spec"] = PodSpec(project, options),
            },
        },
    };

    private static YamlMap PodSpec(ProjectResource project, PublishOptions options) => new()
    {
        ["terminationGracePeriodSeconds"] = Cluster.TerminationGraceSeconds,
        ["automountServiceAccountToken"] = false,
        ["securityContext"] = new YamlMap
        {
            ["runAsNonRoot"] = true,
            ["seccompProfile"] = new YamlMap { ["type"] = "RuntimeDefault" },
        },
        // Replicas on different nodes where possible, so losing a node loses one replica.
        ["topologySpreadConstraints"] = new[]
        {
            new YamlMap
            {
                ["maxSkew"] = 1,
                ["topologyKey"] = "kubernetes.io/hostname",
                ["whenUnsatisfiable"] = "ScheduleAnyway",
                ["labelSelector"] = new YamlMap { ["matchLabels"] = Cluster.Selector(project.Name) },
            },
        },
        ["containers"] = new[] { Container(project, options) },
        ["volumes"] = new[] { new YamlMap { ["name"] = "tmp", ["emptyDir"] = new YamlMap() } },
    };

    private static YamlMap Container(ProjectResource project, PublishOptions options) => new()
    {
        ["name"] = project.Name,
        ["image"] = Cluster.Image(options, project),
        ["imagePullPolicy"] = "IfNotPresent",
        ["ports"] = new[]
        {
            new YamlMap { ["name"] = ProjectSettings.GrpcEndpoint, ["containerPort"] = Cluster.GrpcPort, ["protocol"] = "TCP" },
            new YamlMap { ["name"] = ProjectSettings.HttpEndpoint, ["containerPort"] = Cluster.HttpPort, ["protocol"] = "TCP" },
        },
        ["env"] = ProjectEnvironment.For(project),
        ["resources"] = Resources("250m", "256Mi", "1", "512Mi"),
        // Native gRPC probes on grpc.health.v1: the "" service follows readiness (every dependency);
        // the liveness service only the process itself, so a database failover restarts no pod.
        ["startupProbe"] = GrpcProbe(null, periodSeconds: 2, failureThreshold: 60),
        ["readinessProbe"] = GrpcProbe(null, periodSeconds: 5, failureThreshold: 2),
        ["livenessProbe"] = GrpcProbe(Cluster.LivenessHealthService, periodSeconds: 10, failureThreshold: 3),
        ["lifecycle"] = new YamlMap
        {
            // The pod's removal from endpoints reaches kube-proxy and clients a few seconds after
            // termination starts; keep serving meanwhile. A sleep action needs no shell in the image.
            ["preStop"] = new YamlMap { ["sleep"] = new YamlMap { ["seconds"] = Cluster.PreStopSeconds } },
        },
        ["securityContext"] = new YamlMap
        {
            ["allowPrivilegeEscalation"] = false,
            ["readOnlyRootFilesystem"] = true,
            ["capabilities"] = new YamlMap { ["drop"] = new[] { "ALL" } },
        },
        ["volumeMounts"] = new[] { new YamlMap { ["name"] = "tmp", ["mountPath"] = "/tmp" } },
    };

    public static YamlMap Resources(string cpuRequest, string memoryRequest, string cpuLimit, string memoryLimit) => new()
    {
        ["requests"] = new YamlMap { ["cpu"] = cpuRequest, ["memory"] = memoryRequest },
        ["limits"] = new YamlMap { ["cpu"] = cpuLimit, ["memory"] = memoryLimit },
    };

    private static YamlMap GrpcProbe(string? service, int periodSeconds, int failureThreshold)
    {
        var grpc = new YamlMap { ["port"] = Cluster.GrpcPort };
        if (service is not null) grpc["service"] = service;
        return new YamlMap
        {
            ["grpc"] = grpc,
            ["periodSeconds"] = periodSeconds,
            ["timeoutSeconds"] = 2,
            ["failureThreshold"] = failureThreshold,
        };
    }

    /// <summary>
    /// Headless: the name resolves to every ready pod, so callers spread calls over their long-lived
    /// HTTP/2 connections themselves (through a ClusterIP each connection would stay on one pod).
    /// </summary>
    private static YamlMap HeadlessService(ProjectResource project, string component) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Service",
        ["metadata"] = Cluster.Metadata(project.Name, component),
        ["spec"] = new YamlMap
        {
            ["clusterIP"] = "None",
            ["selector"] = Cluster.Selector(project.Name),
            ["ports"] = ServicePorts(),
        },
    };

    /// <summary>The way in from outside: a load balancer in front of the gateway's pods.</summary>
    private static YamlMap PublicService(ProjectResource project) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Service",
        ["metadata"] = Cluster.Metadata($"{project.Name}-public", "gateway"),
        ["spec"] = new YamlMap
        {
            ["type"] = "LoadBalancer",
            // Keeps the caller's address (rate limits and audit see the partner, not a node).
            ["externalTrafficPolicy"] = "Local",
            ["selector"] = Cluster.Selector(project.Name),
            ["ports"] = ServicePorts(),
        },
    };

    private static YamlMap[] ServicePorts() =>
    [
        new YamlMap
        {
            ["name"] = ProjectSettings.GrpcEndpoint,
            ["port"] = Cluster.GrpcPort,
            ["targetPort"] = ProjectSettings.GrpcEndpoint,
            ["protocol"] = "TCP",
            ["appProtocol"] = "kubernetes.io/h2c",
        },
        new YamlMap
        {
            ["name"] = ProjectSettings.HttpEndpoint,
            ["port"] = Cluster.HttpPort,
            ["targetPort"] = ProjectSettings.HttpEndpoint,
            ["protocol"] = "TCP",
            ["appProtocol"] = "http",
        },
    ];

    private static YamlMap DisruptionBudget(ProjectResource project, string component) => new()
    {
        ["apiVersion"] = "policy/v1",
        ["kind"] = "PodDisruptionBudget",
        ["metadata"] = Cluster.Metadata(project.Name, component),
        ["spec"] = new YamlMap
        {
            // One pod at a time whatever the count; a crash-looping pod may still be evicted, so drains finish.
            ["maxUnavailable"] = 1,
            ["unhealthyPodEvictionPolicy"] = "AlwaysAllow",
            ["selector"] = new YamlMap { ["matchLabels"] = Cluster.Selector(project.Name) },
        },
    };

    private static YamlMap CpuScaler(ProjectResource project, string component) => new()
    {
        ["apiVersion"] = "autoscaling/v2",
        ["kind"] = "HorizontalPodAutoscaler",
        ["metadata"] = Cluster.Metadata(project.Name, component),
        ["spec"] = new YamlMap
        {
            ["scaleTargetRef"] = new YamlMap { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = project.Name },
            ["minReplicas"] = MinReplicas,
            ["maxReplicas"] = MaxReplicas,
            ["metrics"] = new[]
            {
                new YamlMap
                {
                    ["type"] = "Resource",
                    ["resource"] = new YamlMap
                    {
                        ["name"] = "cpu",
                        ["target"] = new YamlMap { ["type"] = "Utilization", ["averageUtilization"] = CpuTarget },
                    },
                },
            },
            ["behavior"] = ScaleBehaviour(),
        },
    };

    /// <summary>
    /// A consumer scales on the messages waiting in its queues as well as on CPU: a backlog of cheap
    /// messages adds replicas before CPU would. Queue names follow the messaging building block,
    /// "{service}-{consumer}" in kebab case; MassTransit's "_error" and "_skipped" queues do not match.
    /// </summary>
    private static YamlMap QueueScaler(ProjectResource project, RabbitMqServerResource broker, string component, PublishOptions options) => new()
    {
        ["apiVersion"] = "keda.sh/v1alpha1",
        ["kind"] = "ScaledObject",
        ["metadata"] = Cluster.Metadata(project.Name, component),
        ["spec"] = new YamlMap
        {
            ["scaleTargetRef"] = new YamlMap { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = project.Name },
            ["minReplicaCount"] = MinReplicas,
            ["maxReplicaCount"] = MaxReplicas,
            ["advanced"] = new YamlMap
            {
                ["horizontalPodAutoscalerConfig"] = new YamlMap { ["behavior"] = ScaleBehaviour() },
            },
            ["triggers"] = new[]
            {
                new YamlMap
                {
                    ["type"] = "cpu",
                    ["metricType"] = "Utilization",
                    ["metadata"] = new YamlMap { ["value"] = CpuTarget.ToString(CultureInfo.InvariantCulture) },
                },
                new YamlMap
                {
                    ["type"] = "rabbitmq",
                    ["metadata"] = new YamlMap
                    {
                        // The management API: only it can sum the queues a pattern matches.
                        ["protocol"] = "http",
                        ["host"] = $"http://{broker.Name}.{options.Namespace}.svc:{Cluster.RabbitManagementPort}/",
                        ["vhostName"] = "/",
                        ["queueName"] = $"^{project.Name}-[a-z0-9-]+$",
                        ["useRegex"] = "true",
                        ["operation"] = "sum",
                        ["mode"] = "QueueLength",
                        ["value"] = QueueLengthPerReplica.ToString(CultureInfo.InvariantCulture),
                    },
                    ["authenticationRef"] = new YamlMap { ["name"] = Cluster.KedaAuthentication(broker) },
                },
            },
        },
    };

    /// <summary>Up quickly, down slowly: one pod a minute after five quiet minutes.</summary>
    private static YamlMap ScaleBehaviour() => new()
    {
        ["scaleDown"] = new YamlMap
        {
            ["stabilizationWindowSeconds"] = 300,
            ["policies"] = new[] { new YamlMap { ["type"] = "Pods", ["value"] = 1, ["periodSeconds"] = 60 } },
        },
        ["scaleUp"] = new YamlMap
        {
            ["stabilizationWindowSeconds"] = 0,
            ["policies"] = new[] { new YamlMap { ["type"] = "Pods", ["value"] = 2, ["periodSeconds"] = 30 } },
        },
    };
}
