using DitCloud.Testing;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Npgsql;
using static DitCloud.Referral.V1.ReferralService;

[assembly: AssemblyFixture(typeof(TestServers))]

namespace DitCloud.Referral.Api.Tests;

/// <summary>
/// The referral service hosted in-process on real Kestrel with its own database and virtual host, one
/// per test class. Tests in a class share it, so each test uses partner referral ids of its own.
/// </summary>
public class ReferralServiceFixture(TestServers servers) : IAsyncLifetime
{
    private readonly List<ServiceHost> replicas = [];

    public ServiceHost Host => replicas[0];

    public string Database { get; private set; } = "";

    public string Broker { get; private set; } = "";

    /// <summary>Settings a test class adds to the service's (options under test).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [];

    public virtual async ValueTask InitializeAsync()
    {
        var owner = GetType().Name;
        (Database, Broker) = (await servers.CreateDatabaseAsync(owner), await servers.CreateVirtualHostAsync(owner));
        await StartReplicaAsync();
    }

    /// <summary>Another replica of the service on the same database and broker.</summary>
    public async Task<ServiceHost> StartReplicaAsync(IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        // Later settings override earlier ones.
        var all = new Dictionary<string, string?>(Settings(Database, Broker));
        foreach (var (key, value) in ExtraSettings.Concat(settings ?? [])) all[key] = value;
        var host = await ServiceHost.StartAsync(s => ReferralApp.Build([], s), all);
        replicas.Add(host);
        return host;
    }

    /// <summary>Waits until the replica reports every dependency healthy (schema current, every bus endpoint ready).</summary>
    public async Task WaitUntilHealthyAsync(ServiceHost replica)
    {
        using var http = new HttpClient { BaseAddress = replica.HttpAddress };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var response = await http.GetAsync("/health", TestContext.Current.CancellationToken);
            if (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken) == "Healthy") return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The replica did not become healthy in 60 s.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Stops a replica started by the test (what a deployment does to a pod).</summary>
    public async Task StopReplicaAsync(ServiceHost replica)
    {
        replicas.Remove(replica);
        await replica.DisposeAsync();
    }

    public static IEnumerable<KeyValuePair<string, string?>> Settings(string database, string broker) => new Dictionary<string, string?>(TestTokens.AuthSettings)
    {
        ["ConnectionStrings:referraldb"] = database,
        ["ConnectionStrings:bus"] = broker,
        ["Messaging:PollInterval"] = "00:00:00.200",
        ["Messaging:RetryMinDelay"] = "00:00:00.050",
        ["Messaging:RetryMaxDelay"] = "00:00:01",
        ["Referral:Watch:PollInterval"] = "00:00:00.250",
    };

    public ReferralServiceClient Client(TestCaller caller, ServiceHost? host = null) => Client(caller, (host ?? Host).Channel);

    /// <summary>A client on a channel of the test's own (one that outlives the host it calls, for example).</summary>
    public static ReferralServiceClient Client(TestCaller caller, ChannelBase channel) =>
        new(channel.Intercept(metadata =>
        {
            foreach (var entry in caller.Metadata()) metadata.Add(entry);
            return metadata;
        }));

    public async Task<NpgsqlConnection> OpenDatabaseAsync()
    {
        var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    public virtual async ValueTask DisposeAsync()
    {
        foreach (var host in Enumerable.Reverse(replicas)) await host.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
