using DitCloud.Hosting.Processes;
using DitCloud.Hosting.Servers;

namespace DitCloud.Testing;

/// <summary>
/// One set of real servers for a whole test run, started lazily: a test assembly that only needs
/// PostgreSQL never starts RabbitMQ. Register it with <c>[assembly: AssemblyFixture(typeof(TestServers))]</c>
/// and isolate each test class with its own database, virtual host or key prefix.
/// Everything lives in one temporary directory that is removed, servers stopped, when the run ends.
/// </summary>
public sealed class TestServers : IAsyncDisposable
{
    private readonly string _root;
    private readonly Lazy<Task<PostgresServer>> _postgres;
    private readonly Lazy<Task<RabbitMqServer>> _rabbitMq;
    private readonly Lazy<Task<RedisServer>> _redis;

    public TestServers()
    {
        _root = Directory.CreateTempSubdirectory("ditcloud-tests-").FullName;
        // PostgreSQL runs as its own user when we are root and must reach its data below here.
        File.SetUnixFileMode(_root, (UnixFileMode)0b111_101_101);
        _postgres = new(() => StartAsync(new PostgresServer(Settings("pg"))));
        _rabbitMq = new(() => StartAsync(new RabbitMqServer(Settings("bus"))));
        _redis = new(() => StartAsync(new RedisServer(Settings("cache"))));
    }

    /// <summary>What the servers printed, for a failing test to show.</summary>
    public BufferedLog Log { get; } = new();

    /// <summary>The temporary directory all the servers' data lives in.</summary>
    public string Root => _root;

    public Task<PostgresServer> PostgresAsync() => _postgres.Value;

    public Task<RabbitMqServer> RabbitMqAsync() => _rabbitMq.Value;

    public Task<RedisServer> RedisAsync() => _redis.Value;

    /// <summary>A new, empty database owned by the caller; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string owner)
    {
        var server = await PostgresAsync();
        var name = UniqueName(owner);
        await server.EnsureDatabaseAsync(name);
        return server.ConnectionStringFor(name);
    }

    /// <summary>A new, empty RabbitMQ virtual host owned by the caller; returns its AMQP URI.</summary>
    public async Task<string> CreateVirtualHostAsync(string owner)
    {
        var server = await RabbitMqAsync();
        var name = UniqueName(owner);
        await server.AddVirtualHostAsync(name);
        return server.ConnectionStringFor(name);
    }

    /// <summary>A Redis connection string and a key prefix no other test class uses.</summary>
    public async Task<(string ConnectionString, string KeyPrefix)> RedisWithPrefixAsync(string owner) =>
        ((await RedisAsync()).ConnectionString, UniqueName(owner) + ":");

    public async ValueTask DisposeAsync()
    {
        if (_postgres.IsValueCreated) await StopAsync(_postgres.Value);
        if (_rabbitMq.IsValueCreated) await StopAsync(_rabbitMq.Value);
        if (_redis.IsValueCreated) await StopAsync(_redis.Value);
        Directory.Delete(_root, recursive: true);
    }

    private static async Task StopAsync<T>(Task<T> started) where T : ManagedServer
    {
        // A server that failed to start has already cleaned up after itself.
        if (await Task.WhenAny(started) is { IsCompletedSuccessfully: true }) await (await started).StopAsync();
    }

    private ServerSettings Settings(string name) => new(name, Path.Combine(_root, name), Log) { Durable = false };

    private static async Task<T> StartAsync<T>(T server) where T : ManagedServer
    {
        await server.StartAsync();
        return server;
    }

    private static string UniqueName(string owner)
    {
        var clean = new string(owner.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(30).ToArray());
        // At most 30 + 1 + 32 characters: within PostgreSQL's 63-character identifiers.
        return $"{clean}_{Guid.NewGuid():N}";
    }
}
