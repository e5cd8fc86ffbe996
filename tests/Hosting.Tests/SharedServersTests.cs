using DitCloud.Testing;
using Npgsql;
using RabbitMQ.Client;
using StackExchange.Redis;

[assembly: AssemblyFixture(typeof(TestServers))]

namespace DitCloud.Hosting.Tests;

/// <summary>The run-wide servers hand each test class its own database, virtual host and key prefix.</summary>
public sealed class SharedServersTests(TestServers servers)
{
    [Fact]
    public async Task Each_caller_gets_its_own_empty_database()
    {
        var mine = await servers.CreateDatabaseAsync(nameof(SharedServersTests));
        var theirs = await servers.CreateDatabaseAsync(nameof(SharedServersTests));

        await Execute(mine, "CREATE TABLE marker (id int)");

        mine.ShouldNotBe(theirs);
        (await Execute(theirs, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'marker'")).ShouldBe(0L);
    }

    [Fact]
    public async Task Each_caller_gets_its_own_virtual_host()
    {
        var mine = await servers.CreateVirtualHostAsync(nameof(SharedServersTests));
        var theirs = await servers.CreateVirtualHostAsync(nameof(SharedServersTests));
        var ct = TestContext.Current.CancellationToken;

        await using (var connection = await new ConnectionFactory { Uri = new Uri(mine) }.CreateConnectionAsync(ct))
        await using (var channel = await connection.CreateChannelAsync(cancellationToken: ct))
        {
            await channel.QueueDeclareAsync("only-here", durable: true, exclusive: false, autoDelete: false, cancellationToken: ct);
        }

        await using var other = await new ConnectionFactory { Uri = new Uri(theirs) }.CreateConnectionAsync(ct);
        await using var otherChannel = await other.CreateChannelAsync(cancellationToken: ct);
        await Should.ThrowAsync<RabbitMQ.Client.Exceptions.OperationInterruptedException>(
            () => otherChannel.QueueDeclarePassiveAsync("only-here", ct));
    }

    [Fact]
    public async Task Each_caller_gets_its_own_key_prefix()
    {
        var (connection, mine) = await servers.RedisWithPrefixAsync(nameof(SharedServersTests));
        var (_, theirs) = await servers.RedisWithPrefixAsync(nameof(SharedServersTests));
        await using var redis = await ConnectionMultiplexer.ConnectAsync(connection);

        await redis.GetDatabase().StringSetAsync(mine + "hold", "1");

        mine.ShouldNotBe(theirs);
        (await redis.GetDatabase().KeyExistsAsync(theirs + "hold")).ShouldBeFalse();
    }

    private static async Task<object?> Execute(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
