using DitCloud.Hosting.Model;
using DitCloud.Hosting.Orchestration;

namespace DitCloud.Publishing.Tests;

/// <summary>Builders over a temporary state directory, for models that are published or run.</summary>
internal static class TestModel
{
    public const string SampleProject = "tests/SampleService/DitCloud.SampleService.csproj";

    public static string RepositoryRoot { get; } = AppHostOptions.Parse([]).RepositoryRoot;

    public static string Configuration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    public static DistributedApplicationBuilder Builder(string stateDirectory) => DistributedApplicationBuilder.Create(new AppHostOptions
    {
        StateDirectory = stateDirectory,
        RepositoryRoot = RepositoryRoot,
        Durable = false,
        Configuration = Configuration,
    });

    /// <summary>A database per service, the broker and the cache, two services (one calling the other) and a gateway.</summary>
    public static DistributedApplicationBuilder Shaped(string stateDirectory, int referralReplicas = 1)
    {
        var builder = Builder(stateDirectory);
        var pg = builder.AddPostgres("pg");
        var bus = builder.AddRabbitMq("bus");
        var cache = builder.AddRedis("cache");
        var referralDb = pg.AddDatabase("referral-db", "referral");
        var schedulingDb = pg.AddDatabase("scheduling-db", "scheduling");
        var referral = builder.AddProject("referral", SampleProject).WithReference(referralDb).WithReference(bus).WithReference(cache)
            .WithReplicas(referralReplicas);
        var scheduling = builder.AddProject("scheduling", SampleProject).WithReference(schedulingDb).WithReference(referral);
        builder.AddProject("gateway", SampleProject).WithReference(referral).WithReference(scheduling).WithReference(cache).WithExternalHttpEndpoints();
        return builder;
    }
}
