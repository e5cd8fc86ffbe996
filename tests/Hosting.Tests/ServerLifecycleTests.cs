using DitCloud.Hosting.Processes;
using DitCloud.Hosting.Servers;
using DitCloud.Testing;
using Npgsql;
using RabbitMQ.Client;
using StackExchange.Redis;

namespace DitCloud.Hosting.Tests;

/// <summary>Each real server starts, answers its own protocol, keeps its data across a restart, and stops leaving no process.</summary>
public sealed class ServerLifecycleTests : IDisposable
{
    private readonly TempState _state = new();
    private readonly BufferedLog _log = new();

    [Fact]
    public async Task Postgres_answers_keeps_data_across_restart_and_stops_cleanly()
    {
        await using var server = new PostgresServer(new ServerSettings("pg", _state.For("pg"), _log) { Durable = false });
        await server.StartAsync(TestContext.Current.CancellationToken);

        await server.EnsureDatabaseAsync("journal", TestContext.Current.CancellationToken);
        await Sql(server, "CREATE TABLE note (id int); INSERT INTO note VALUES (42);");
        (await Sql(server, "SELECT 1")).ShouldBe(1);

        var port = server.Port;
        await server.RestartAsync(TestContext.Current.CancellationToken);
        server.Port.ShouldBe(port);
        (await Sql(server, "SELECT id FROM note")).ShouldBe(42);

        await server.StopAsync();
        AssertNoneAlive(server);
    }

    [Fact]
    public async Task RabbitMq_answers_amqp_keeps_durable_messages_across_restart_and_stops_with_epmd_and_beam()
    {
        await using var server = new RabbitMqServer(new ServerSettings("bus", _state.For("bus"), _log) { Durable = false });
        await server.StartAsync(TestContext.Current.CancellationToken);
        server.CurrentProcesses.Count.ShouldBeGreaterThanOrEqualTo(3, "epmd, the start script and beam");

        var factory = new ConnectionFactory { Uri = new Uri(server.ConnectionString) };
        await using (var connection = await factory.CreateConnectionAsync(TestContext.Current.CancellationToken))
        await using (var channel = await connection.CreateChannelAsync(cancellationToken: TestContext.Current.CancellationToken))
        {
            await channel.QueueDeclareAsync("kept", durable: true, exclusive: false, autoDelete: false, cancellationToken: TestContext.Current.CancellationToken);
            await channel.BasicPublishAsync("", "kept", mandatory: false, new BasicProperties { Persistent = true }, "hello"u8.ToArray(), TestContext.Current.CancellationToken);
        }

        await server.RestartAsync(TestContext.Current.CancellationToken);

        await using (var connection = await factory.CreateConnectionAsync(TestContext.Current.CancellationToken))
        await using (var channel = await connection.CreateChannelAsync(cancellationToken: TestContext.Current.CancellationToken))
        {
            var message = await channel.BasicGetAsync("kept", autoAck: true, TestContext.Current.CancellationToken);
            message.ShouldNotBeNull();
            message.Body.ToArray().ShouldBe("hello"u8.ToArray());
        }

        await server.StopAsync();
        AssertNoneAlive(server);
    }

    [Fact]
    public async Task RabbitMq_gives_a_virtual_host_to_our_user()
    {
        await using var server = new RabbitMqServer(new ServerSettings("bus", _state.For("bus"), _log) { Durable = false });
        await server.StartAsync(TestContext.Current.CancellationToken);
        await server.AddVirtualHostAsync("class-a", TestContext.Current.CancellationToken);

        var factory = new ConnectionFactory { Uri = new Uri(server.ConnectionStringFor("class-a")) };
        await using var connection = await factory.CreateConnectionAsync(TestContext.Current.CancellationToken);
        connection.IsOpen.ShouldBeTrue();
    }

    [Fact]
    public async Task Redis_answers_ping_with_its_password_and_stops_cleanly()
    {
        await using var server = new RedisServer(new ServerSettings("cache", _state.For("cache"), _log) { Durable = false });
        await server.StartAsync(TestContext.Current.CancellationToken);

        await using (var redis = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString))
        {
            (await redis.GetDatabase().PingAsync()).ShouldBeGreaterThan(TimeSpan.Zero);
        }

        await server.StopAsync();
        AssertNoneAlive(server);
    }

    [Fact]
    public async Task Redis_refuses_clients_without_the_password()
    {
        await using var server = new RedisServer(new ServerSettings("cache", _state.For("cache"), _log) { Durable = false });
        await server.StartAsync(TestContext.Current.CancellationToken);

        await using var redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{server.Port},abortConnect=false,connectTimeout=2000");
        await Should.ThrowAsync<RedisException>(() => redis.GetDatabase().PingAsync());
    }

    [Fact]
    public async Task A_server_killed_with_SIGKILL_is_noticed_and_reported()
    {
        await using var server = new RedisServer(new ServerSettings("cache", _state.For("cache"), _log) { Durable = false });
        await server.StartAsync(TestContext.Current.CancellationToken);
        var crashed = new TaskCompletionSource<int>();
        server.Crashed += (_, code) => crashed.TrySetResult(code);

        Posix.Signal(server.MainPid, Posix.SigKill);

        (await crashed.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).ShouldBe(137);
        _log.Lines.ShouldContain(line => line.StartsWith("[cache]") && line.Contains("exited unexpectedly"));
        server.IsRunning.ShouldBeFalse();
    }

    [Fact]
    public async Task A_port_in_use_is_refused_with_the_resource_and_the_fix()
    {
        using var squatter = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((System.Net.IPEndPoint)squatter.LocalEndpoint).Port;
        await using var server = new RedisServer(new ServerSettings("cache", _state.For("cache"), _log) { Port = port });

        var error = await Should.ThrowAsync<ServerStartException>(() => server.StartAsync(TestContext.Current.CancellationToken));

        error.Message.ShouldContain("'cache'");
        error.Message.ShouldContain($"port {port}");
        error.Message.ShouldContain("choose another port");
        server.SeenProcesses.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_server_that_fails_to_start_is_reported_with_its_output_and_leaves_nothing_running()
    {
        var settings = new ServerSettings("pg", _state.For("pg"), _log) { Durable = false };
        Directory.CreateDirectory(Path.Combine(settings.StateDirectory, "data"));
        // A data directory that claims to be initialised but is not: postgres must refuse it.
        await File.WriteAllTextAsync(Path.Combine(settings.StateDirectory, "data", "PG_VERSION"), "15", TestContext.Current.CancellationToken);
        await using var server = new PostgresServer(settings);

        var error = await Should.ThrowAsync<ServerStartException>(() => server.StartAsync(TestContext.Current.CancellationToken));

        error.Message.ShouldContain("'pg'");
        error.Message.ShouldContain("exited with code");
        AssertNoneAlive(server);
    }

    private static void AssertNoneAlive(ManagedServer server)
    {
        server.SeenProcesses.ShouldNotBeEmpty();
        server.SeenProcesses.Where(Posix.IsAlive).ShouldBeEmpty();
    }

    private static async Task<object?> Sql(PostgresServer server, string sql)
    {
        // No pooling: a pooled connection would not survive the restart in between.
        await using var connection = new NpgsqlConnection(server.ConnectionStringFor("journal") + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public void Dispose() => _state.Dispose();
}
