using DitCloud.Hosting.Servers;

namespace DitCloud.Hosting.Model;

/// <summary>Something the application model runs or points to, known by a unique name.</summary>
public abstract class Resource(string name)
{
    public string Name { get; } = name;

    /// <summary>Resources that must be ready before this one starts.</summary>
    public List<Resource> WaitsFor { get; } = [];
}

/// <summary>A resource clients reach with a connection string, handed to projects as ConnectionStrings__{name}.</summary>
public interface IResourceWithConnectionString
{
    string Name { get; }

    string GetConnectionString();
}

/// <summary>A server process (PostgreSQL, RabbitMQ, Redis) with its data under the state directory.</summary>
public abstract class ServerResource(string name) : Resource(name), IResourceWithConnectionString
{
    /// <summary>The running server, once the application has started it.</summary>
    public ManagedServer? Server { get; internal set; }

    public int? FixedPort { get; internal set; }

    internal abstract ManagedServer CreateServer(ServerSettings settings);

    /// <summary>Work after the server answers and before dependants start (e.g. creating databases).</summary>
    internal virtual Task AfterStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public string GetConnectionString() =>
        (Server ?? throw new InvalidOperationException($"Resource '{Name}' has not started yet.")).ConnectionString;
}

public sealed class PostgresServerResource(string name) : ServerResource(name)
{
    public List<PostgresDatabaseResource> Databases { get; } = [];

    internal override ManagedServer CreateServer(ServerSettings settings) => new PostgresServer(settings);

    internal override async Task AfterStartAsync(CancellationToken cancellationToken)
    {
        foreach (var database in Databases)
        {
            await ((PostgresServer)Server!).EnsureDatabaseAsync(database.DatabaseName, cancellationToken);
        }
    }
}

/// <summary>One database on a PostgreSQL server; a service owns one and no other service touches it.</summary>
public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource parent)
    : Resource(name), IResourceWithConnectionString
{
    public string DatabaseName { get; } = databaseName;

    public PostgresServerResource Parent { get; } = parent;

    public string GetConnectionString() =>
        ((PostgresServer)(Parent.Server ?? throw new InvalidOperationException($"Resource '{Parent.Name}' has not started yet.")))
        .ConnectionStringFor(DatabaseName);
}

public sealed class RabbitMqServerResource(string name) : ServerResource(name)
{
    internal override ManagedServer CreateServer(ServerSettings settings) => new RabbitMqServer(settings);
}

public sealed class RedisResource(string name) : ServerResource(name)
{
    internal override ManagedServer CreateServer(ServerSettings settings) => new RedisServer(settings);
}

/// <summary>
/// A .NET project of this repository, run from its build output with the connection strings and
/// service endpoints of what it references, on two loopback ports per instance: HTTP/2-only for
/// gRPC, HTTP/1.1 for gRPC-web and health.
/// </summary>
public sealed class ProjectResource(string name, string projectFile) : Resource(name)
{
    private readonly List<ProjectInstance> _instances = [];

    /// <summary>The .csproj, relative to the repository root.</summary>
    public string ProjectFile { get; } = projectFile;

    public List<Resource> References { get; } = [];

    public Dictionary<string, string> Environment { get; } = [];

    /// <summary>How many instances run side by side; unset takes the AppHost's --replicas (default 1).</summary>
    public int? Replicas { get; internal set; }

    /// <summary>Reached from outside the system (the gateway): published with the only way in.</summary>
    public bool IsExternal { get; internal set; }

    /// <summary>The instances the application runs, each on its own ports, kept across restarts.</summary>
    public IReadOnlyList<ProjectInstance> Instances => _instances;

    /// <summary>The first instance's gRPC port (the only one without replicas).</summary>
    public int GrpcPort => _instances.Count > 0 ? _instances[0].GrpcPort : 0;

    /// <summary>The first instance's gRPC-web and health port.</summary>
    public int HttpPort => _instances.Count > 0 ? _instances[0].HttpPort : 0;

    /// <summary>The pid of the first instance's process, while it runs.</summary>
    public int? ProcessId => _instances.Count > 0 ? _instances[0].ProcessId : null;

    /// <summary>Declares the instances once, each with free loopback ports that it keeps when restarted.</summary>
    internal IReadOnlyList<ProjectInstance> CreateInstances(int count)
    {
        if (_instances.Count == 0)
        {
            for (var index = 0; index < count; index++)
            {
                _instances.Add(new ProjectInstance(this, index, LoopbackPort.Free(), LoopbackPort.Free()));
            }
        }
        return _instances;
    }
}

/// <summary>One running copy of a project: its own ports, process and identity among its replicas.</summary>
public sealed class ProjectInstance(ProjectResource project, int index, int grpcPort, int httpPort)
{
    public ProjectResource Project { get; } = project;

    public int Index { get; } = index;

    /// <summary>Names the instance in logs and telemetry (DIT_INSTANCE_ID, service.instance.id): "referral-0".</summary>
    public string InstanceId => $"{Project.Name}-{Index}";

    public int GrpcPort { get; } = grpcPort;

    public int HttpPort { get; } = httpPort;

    /// <summary>The pid of the running process, while there is one.</summary>
    public int? ProcessId { get; internal set; }
}
