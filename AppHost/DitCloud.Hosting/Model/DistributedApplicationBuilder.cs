using DitCloud.Hosting.Orchestration;
using DitCloud.Hosting.Processes;

namespace DitCloud.Hosting.Model;

/// <summary>
/// Declares what the local system is made of, in the shape of .NET Aspire's builder, so the real
/// Aspire AppHost can replace this one where its packages are available.
/// </summary>
public sealed class DistributedApplicationBuilder
{
    private readonly List<Resource> _resources = [];

    private DistributedApplicationBuilder(AppHostOptions options) => Options = options;

    public AppHostOptions Options { get; }

    public IReadOnlyList<Resource> Resources => _resources;

    /// <summary>Where every resource's lines go: the merged console by default, a buffer in tests.</summary>
    public ILogSink Log { get; set; } = new ConsoleLogSink();

    public static DistributedApplicationBuilder Create(string[] args) => new(AppHostOptions.Parse(args));

    public static DistributedApplicationBuilder Create(AppHostOptions options) => new(options);

    public IResourceBuilder<PostgresServerResource> AddPostgres(string name) => Add(new PostgresServerResource(name));

    public IResourceBuilder<RabbitMqServerResource> AddRabbitMq(string name) => Add(new RabbitMqServerResource(name));

    public IResourceBuilder<RedisResource> AddRedis(string name) => Add(new RedisResource(name));

    /// <param name="projectFile">The project's .csproj, relative to the repository root.</param>
    public IResourceBuilder<ProjectResource> AddProject(string name, string projectFile) => Add(new ProjectResource(name, projectFile));

    internal IResourceBuilder<T> Add<T>(T resource) where T : Resource
    {
        if (_resources.Any(r => string.Equals(r.Name, resource.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"A resource named '{resource.Name}' is already declared; resource names must be unique.", nameof(resource));
        }
        _resources.Add(resource);
        return new ResourceBuilder<T>(this, resource);
    }

    public DistributedApplication Build() => new([.. _resources], Options, Log);
}

public interface IResourceBuilder<out T> where T : Resource
{
    DistributedApplicationBuilder ApplicationBuilder { get; }

    T Resource { get; }
}

internal sealed record ResourceBuilder<T>(DistributedApplicationBuilder ApplicationBuilder, T Resource) : IResourceBuilder<T>
    where T : Resource;
