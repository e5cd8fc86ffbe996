using System.Collections.Concurrent;
using DitCloud.Contracts.Events.V1;
using DitCloud.Outcomes.Api;
using DitCloud.ServiceDefaults.Security;
using DitCloud.Testing;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.DependencyInjection;
using MassTransit;
using Npgsql;
using static DitCloud.Outcomes.V1.OutcomesService;

[assembly: AssemblyFixture(typeof(TestServers))]

namespace DitCloud.Outcomes.Api.Tests;

/// <summary>
/// The outcomes service hosted in-process on real Kestrel with its own database, RabbitMQ virtual
/// host and Redis prefix, one per test class, and a MassTransit bus of the test's own on the same
/// virtual host: it publishes what scheduling would (the real scheduling service is not needed) and
/// observes what outcomes publishes. Tests in a class share the service, so each uses courses and
/// practitioners of its own.
/// </summary>
public class OutcomesServiceFixture(TestServers servers) : IAsyncLifetime
{
    private readonly List<ServiceHost> replicas = [];
    private readonly ConcurrentQueue<object> observed = new();
    private IBusControl? testBus;

    public ServiceHost Host => replicas[0];

    public string Database { get; private set; } = "";

    public string Broker { get; private set; } = "";

    public (string ConnectionString, string KeyPrefix) Redis { get; private set; }

    /// <summary>Settings a test class adds to the service's.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [];

    public IBus Bus => testBus ?? throw new InvalidOperationException("The fixture has not started.");

    public async ValueTask InitializeAsync()
    {
        var owner = GetType().Name;
        // The servers start on first use: PostgreSQL and RabbitMQ side by side.
        var database = servers.CreateDatabaseAsync(owner);
        var broker = servers.CreateVirtualHostAsync(owner);
        (Database, Broker, Redis) = (await database, await broker, await servers.RedisWithPrefixAsync(owner));
        await StartReplicaAsync();
        testBus = MassTransit.Bus.Factory.CreateUsingRabbitMq(bus =>
        {
            bus.Host(new Uri(Broker));
            bus.ReceiveEndpoint($"outcomes-tests-{Guid.NewGuid():N}", endpoint =>
            {
                endpoint.AutoDelete = true;
                endpoint.Durable = false;
                endpoint.Handler<RiskFlagRaised>(Observe);
                endpoint.Handler<MeasuresRecorded>(Observe);
                ConfigureTestBus(endpoint);
            });
        });
        await testBus.StartAsync(TestContext.Current.CancellationToken);
        await testBus.WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
    }

    /// <summary>More handlers on the test bus's endpoint (a class standing in for another service).</summary>
    protected virtual void ConfigureTestBus(IRabbitMqReceiveEndpointConfigurator endpoint)
    {
    }

    /// <summary>Another replica of the service on the same database, broker and Redis.</summary>
    public async Task<ServiceHost> StartReplicaAsync(IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var host = await ServiceHost.StartAsync(
            s => OutcomesApp.Build([], s),
            TestTokens.AuthSettings.Concat(Settings()).Concat(ExtraSettings).Concat(settings ?? []));
        // MassTransit starts the bus in the background; events are published only once its queues are bound.
        await host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        replicas.Add(host);
        return host;
    }

    private Dictionary<string, string?> Settings() => new()
    {
        ["ConnectionStrings:outcomesdb"] = Database,
        ["ConnectionStrings:bus"] = Broker,
        ["ConnectionStrings:cache"] = Redis.ConnectionString,
        ["Outcomes:RedisKeyPrefix"] = Redis.KeyPrefix,
        ["Messaging:PollInterval"] = "00:00:00.100",
        ["Messaging:RetryMinDelay"] = "00:00:00.050",
        ["Messaging:RetryMaxDelay"] = "00:00:01",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "None",
    };

    /// <summary>A client calling as a practitioner (their user id is their practitioner id) with the outcomes scopes.</summary>
    public OutcomesServiceClient Practitioner(Guid practitionerId, ServiceHost? host = null, params string[] roles) =>
        Client(TestTokens.Clinician(practitionerId.ToString(), [Roles.Clinician, .. roles], Scopes.OutcomesRead, Scopes.OutcomesWrite), host);

    public OutcomesServiceClient Client(string token, ServiceHost? host = null) =>
        new((host ?? Host).Channel.Intercept(metadata =>
        {
            metadata.Add("authorization", "Bearer " + token);
            return metadata;
        }));

    /// <summary>Publishes an event as scheduling would (message id = event id) and waits until outcomes has consumed it.</summary>
    public async Task PublishAsync<T>(T @event) where T : class, IIntegrationEvent
    {
        await Bus.Publish(@event, context => context.MessageId = @event.EventId, TestContext.Current.CancellationToken);
        await Eventually.Until(() => ConsumedAsync(@event.EventId), consumed => consumed, $"{typeof(T).Name} {@event.EventId} consumed");
    }

    /// <summary>Whether outcomes processed the message: its inbox row commits with the consumer's changes.</summary>
    public async Task<bool> ConsumedAsync(Guid messageId) =>
        await ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM inbox_state WHERE message_id = $1)", messageId);

    /// <summary>Events outcomes published, as the test bus received them.</summary>
    public async Task<T> PublishedAsync<T>(Func<T, bool> match, string what) where T : class =>
        (await Eventually.Until(() => Task.FromResult(observed.OfType<T>().FirstOrDefault(match)), found => found is not null, what))!;

    public IReadOnlyList<T> Published<T>() => [.. observed.OfType<T>()];

    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = await OpenDatabaseAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return (T)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    public async Task<NpgsqlConnection> OpenDatabaseAsync()
    {
        var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    private Task Observe<T>(ConsumeContext<T> context) where T : class
    {
        observed.Enqueue(context.Message);
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (testBus is not null) await testBus.StopAsync();
        foreach (var host in Enumerable.Reverse(replicas)) await host.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
