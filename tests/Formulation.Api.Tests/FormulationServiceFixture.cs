using DitCloud.Formulation.V1;
using DitCloud.Testing;
using Grpc.Core.Interceptors;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

[assembly: AssemblyFixture(typeof(TestServers))]
// The tests mostly wait on the servers, not the CPU: let every test class run at once.
[assembly: CollectionBehavior(MaxParallelThreads = 8)]

namespace DitCloud.Formulation.Api.Tests;

/// <summary>
/// The formulation service hosted in-process on real Kestrel with its own database, virtual host and
/// Redis prefix, one per test class, plus a test bus on the same virtual host that plays scheduling
/// (publishing its events) and listens to what formulation publishes. Tests in a class share it, so
/// each test makes courses of its own.
/// </summary>
public class FormulationServiceFixture(TestServers servers) : IAsyncLifetime
{
    private readonly List<ServiceHost> replicas = [];

    public ServiceHost Host => replicas[0];

    public string Database { get; private set; } = "";

    public EventBus Events { get; private set; } = null!;

    private string broker = "";
    private (string ConnectionString, string KeyPrefix) redis;

    public virtual async ValueTask InitializeAsync()
    {
        var owner = GetType().Name;
        Database = await servers.CreateDatabaseAsync(owner);
        broker = await servers.CreateVirtualHostAsync(owner);
        redis = await servers.RedisWithPrefixAsync(owner);
        // The listener's queue is bound before the service can publish anything.
        Events = await EventBus.StartAsync(broker);
        await StartReplicaAsync();
    }

    /// <summary>Another replica of the service on the same database, broker and Redis.</summary>
    public async Task<ServiceHost> StartReplicaAsync()
    {
        var host = await ServiceHost.StartAsync(settings => FormulationApp.Build([], settings, services =>
        {
            // Start only once the consumer's queue is bound, so the events a test publishes next are heard.
            services.Configure<MassTransitHostOptions>(options => options.WaitUntilStarted = true);
            ConfigureServices(services);
        }), Settings().Concat(ExtraSettings));
        replicas.Add(host);
        return host;
    }

    /// <summary>Services a test class adds to the host (a log sink, for example).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Settings a test class adds to the service's.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [];

    private Dictionary<string, string?> Settings() => new(TestTokens.AuthSettings)
    {
        ["ConnectionStrings:formulationdb"] = Database,
        ["ConnectionStrings:bus"] = broker,
        ["ConnectionStrings:cache"] = redis.ConnectionString,
        ["Formulation:RedisKeyPrefix"] = redis.KeyPrefix,
        ["Messaging:PollInterval"] = "00:00:00.200",
        ["Messaging:RetryMinDelay"] = "00:00:00.050",
        ["Messaging:RetryMaxDelay"] = "00:00:01",
    };

    public FormulationService.FormulationServiceClient Client(TestCaller caller, ServiceHost? host = null) =>
        new((host ?? Host).Channel.Intercept(metadata =>
        {
            foreach (var entry in caller.Metadata()) metadata.Add(entry);
            return metadata;
        }));

    /// <summary>
    /// A new course as scheduling reports it (created, practitioner assigned, the given sessions
    /// attended), once formulation has taken all of it in.
    /// </summary>
    public async Task<TestCourse> CourseAsync(bool supervised = true, int attendedSessions = 0, int plannedSessions = 16)
    {
        var course = TestCourse.New(supervised, plannedSessions);
        await Events.PublishAsync(course.Created());
        await Events.PublishAsync(course.Assigned());
        for (var session = 1; session <= attendedSessions; session++) await Events.PublishAsync(course.Attended(session));
        await UntilCourseAsync(course, attendedSessions);
        return course;
    }

    /// <summary>Waits until formulation knows the course's plan and care team and has recorded this many attended sessions.</summary>
    public Task UntilCourseAsync(TestCourse course, int attendedSessions) =>
        Eventually.Until(
            () => ScalarAsync<long>(
                "SELECT count(*) FROM courses c WHERE c.course_id = $1 AND c.practitioner_id IS NOT NULL AND c.planned_sessions IS NOT NULL " +
                "AND (SELECT count(*) FROM attended_sessions s WHERE s.course_id = c.course_id) = $2",
                course.CourseId, (long)attendedSessions),
            known => known == 1,
            $"course known with its plan, care team and {attendedSessions} attended sessions");

    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return (T)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    public async Task<int> ExecuteAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Enumerable.Reverse(replicas)) await host.DisposeAsync();
        if (Events is not null) await Events.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
