namespace DitCloud.Hosting.Model;

public static class ResourceBuilderExtensions
{
    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<PostgresServerResource> server, string name, string? databaseName = null)
    {
        var database = new PostgresDatabaseResource(name, databaseName ?? name, server.Resource);
        server.Resource.Databases.Add(database);
        database.WaitsFor.Add(server.Resource);
        return server.ApplicationBuilder.Add(database);
    }

    /// <summary>Pins the server's port; by default a free one is chosen.</summary>
    public static IResourceBuilder<T> WithPort<T>(this IResourceBuilder<T> server, int port) where T : ServerResource
    {
        server.Resource.FixedPort = port;
        return server;
    }

    /// <summary>
    /// Gives the project the connection string of a database, broker or cache (ConnectionStrings__{name}),
    /// or the endpoints of another project (services__{name}__grpc__0 and services__{name}__http__0).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithReference(this IResourceBuilder<ProjectResource> project, IResourceBuilder<Resource> target)
    {
        project.Resource.References.Add(target.Resource);
        return project;
    }

    /// <summary>Starts the project only once the target is ready.</summary>
    public static IResourceBuilder<ProjectResource> WaitFor(this IResourceBuilder<ProjectResource> project, IResourceBuilder<Resource> target)
    {
        project.Resource.WaitsFor.Add(target.Resource);
        return project;
    }

    /// <summary>
    /// Runs <paramref name="replicas"/> instances of the project side by side, each on its own ports;
    /// projects that reference it get every instance's endpoints (services__{name}__grpc__0, __1, ...).
    /// In a cluster it is the least number of pods the autoscaler keeps.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithReplicas(this IResourceBuilder<ProjectResource> project, int replicas)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        project.Resource.Replicas = replicas;
        return project;
    }

    /// <summary>Marks the project as the way in from outside (the gateway); every other project is reachable only inside.</summary>
    public static IResourceBuilder<ProjectResource> WithExternalHttpEndpoints(this IResourceBuilder<ProjectResource> project)
    {
        project.Resource.IsExternal = true;
        return project;
    }

    public static IResourceBuilder<ProjectResource> WithEnvironment(this IResourceBuilder<ProjectResource> project, string name, string value)
    {
        project.Resource.Environment[name] = value;
        return project;
    }
}
