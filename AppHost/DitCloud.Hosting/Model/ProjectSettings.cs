namespace DitCloud.Hosting.Model;

/// <summary>
/// One environment variable a project receives, described once from the model. The local runner
/// turns it into loopback addresses and real connection strings; the Kubernetes publisher into
/// pod addresses and secret references. So nothing is listed twice by hand.
/// </summary>
public abstract record ProjectSetting(string Name);

/// <summary>The same value wherever the project runs.</summary>
public sealed record FixedSetting(string Name, string Value) : ProjectSetting(Name);

/// <summary>The host environment: Development locally, Production in a cluster.</summary>
public sealed record EnvironmentNameSetting(string Name) : ProjectSetting(Name);

/// <summary>Where the project's own endpoint ("grpc" or "http") listens (Kestrel__Endpoints__grpc__Url).</summary>
public sealed record ListenUrlSetting(string Name, string Endpoint) : ProjectSetting(Name);

/// <summary>The connection string of a referenced database, broker or cache (ConnectionStrings__{name}).</summary>
public sealed record ConnectionStringSetting(string Name, IResourceWithConnectionString Target) : ProjectSetting(Name);

/// <summary>
/// Where a referenced project's endpoint is reached, in .NET Aspire's convention: the name is the
/// prefix (services__referral__grpc) and each address gets an index (__0, __1, ...).
/// </summary>
public sealed record ServiceEndpointSetting(string Name, ProjectResource Target, string Endpoint) : ProjectSetting(Name);

/// <summary>This instance's identity among its replicas, written into <see cref="Format"/> at {0}.</summary>
public sealed record InstanceIdSetting(string Name, string Format = "{0}") : ProjectSetting(Name);

public static class ProjectSettings
{
    /// <summary>The HTTP/2-only endpoint every project serves gRPC on.</summary>
    public const string GrpcEndpoint = "grpc";

    /// <summary>The HTTP/1.1 endpoint for gRPC-web and the health pages.</summary>
    public const string HttpEndpoint = "http";

    /// <summary>Names this process among its replicas; the service defaults use it as service.instance.id.</summary>
    public const string InstanceIdVariable = "DIT_INSTANCE_ID";

    /// <summary>
    /// Everything a project is given, in order (in a cluster a later setting may refer to an earlier
    /// one): host environment, its two endpoints, its identity, what it references, then its own
    /// WithEnvironment values, which win.
    /// </summary>
    public static IReadOnlyList<ProjectSetting> For(ProjectResource project)
    {
        List<ProjectSetting> settings =
        [
            new EnvironmentNameSetting("DOTNET_ENVIRONMENT"),
            new EnvironmentNameSetting("ASPNETCORE_ENVIRONMENT"),
            new ListenUrlSetting($"Kestrel__Endpoints__{GrpcEndpoint}__Url", GrpcEndpoint),
            new FixedSetting($"Kestrel__Endpoints__{GrpcEndpoint}__Protocols", "Http2"),
            new ListenUrlSetting($"Kestrel__Endpoints__{HttpEndpoint}__Url", HttpEndpoint),
            new FixedSetting($"Kestrel__Endpoints__{HttpEndpoint}__Protocols", "Http1"),
            new FixedSetting("OTEL_SERVICE_NAME", project.Name),
            new InstanceIdSetting(InstanceIdVariable),
            new InstanceIdSetting("OTEL_RESOURCE_ATTRIBUTES", "service.instance.id={0}"),
        ];
        foreach (var reference in project.References)
        {
            switch (reference)
            {
                case IResourceWithConnectionString target:
                    settings.Add(new ConnectionStringSetting($"ConnectionStrings__{target.Name}", target));
                    break;
                case ProjectResource other:
                    settings.Add(new ServiceEndpointSetting($"services__{other.Name}__{GrpcEndpoint}", other, GrpcEndpoint));
                    settings.Add(new ServiceEndpointSetting($"services__{other.Name}__{HttpEndpoint}", other, HttpEndpoint));
                    break;
            }
        }
        foreach (var (name, value) in project.Environment) settings.Add(new FixedSetting(name, value));
        return settings;
    }
}
