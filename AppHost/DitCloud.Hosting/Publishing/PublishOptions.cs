namespace DitCloud.Hosting.Publishing;

/// <summary>What `publish kubernetes --output DIR ...` asked for.</summary>
public sealed record PublishOptions
{
    /// <summary>Where the manifests go; what an earlier publish wrote there is replaced.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Images are {Registry}/{project name}:{Tag}.</summary>
    public string Registry { get; init; } = "ditcloud";

    public string Tag { get; init; } = "latest";

    /// <summary>The namespace everything runs in (names read from other namespaces, such as the broker's by KEDA, need it).</summary>
    public string Namespace { get; init; } = "ditcloud";

    /// <summary>The OpenTelemetry collector every project exports to (OTLP over gRPC).</summary>
    public Uri OtlpEndpoint { get; init; } = new("http://otel-collector.observability.svc.cluster.local:4317");

    public const string Usage = """
          --output DIR           where the kustomize base and overlays (dev, prod) are written (required)
          --registry NAME        image registry and path prefix (default: ditcloud)
          --tag TAG              image tag (default: latest)
          --namespace NAME       namespace to deploy into (default: ditcloud)
          --otlp-endpoint URL    OpenTelemetry collector, OTLP/gRPC (default: http://otel-collector.observability.svc.cluster.local:4317)
        """;

    public static PublishOptions Parse(string[] args)
    {
        if (args is not ["kubernetes", .. var rest])
        {
            throw new ArgumentException($"Only 'publish kubernetes' is supported.{Environment.NewLine}{Usage}");
        }
        var options = new PublishOptions { OutputDirectory = "" };
        for (var i = 0; i < rest.Length; i += 2)
        {
            var value = i + 1 < rest.Length ? rest[i + 1] : null;
            options = (rest[i], value) switch
            {
                ("--output", { Length: > 0 } v) => options with { OutputDirectory = Path.GetFullPath(v) },
                ("--registry", { Length: > 0 } v) => options with { Registry = v.TrimEnd('/') },
                ("--tag", { Length: > 0 } v) => options with { Tag = v },
                ("--namespace", { } v) when KubernetesName.IsValid(v) => options with { Namespace = v },
                ("--otlp-endpoint", { } v) when Uri.TryCreate(v, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" =>
                    options with { OtlpEndpoint = uri },
                _ => throw new ArgumentException($"Unknown, incomplete or invalid publish option '{rest[i]}'.{Environment.NewLine}{Usage}"),
            };
        }
        if (options.OutputDirectory.Length == 0) throw new ArgumentException($"publish kubernetes needs --output DIR.{Environment.NewLine}{Usage}");
        return options;
    }
}
