using System.Net.Sockets;
using System.Text;
using DitCloud.Hosting.Processes;

namespace DitCloud.Hosting.Servers;

/// <summary>Redis from the Debian package, on loopback with a password; append-only when durable.</summary>
public sealed class RedisServer(ServerSettings settings) : ManagedServer(settings)
{
    private const string Binary = "/usr/bin/redis-server";

    public override string Kind => "Redis";


    /// <summary>In StackExchange.Redis's configuration form.</summary>
    public override string ConnectionString => $"127.0.0.1:{Port},password={Password}";

    protected override void CheckInstalled() => RequireFile(Binary, Name, "redis-server");

    protected override Task PrepareAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.Combine(Settings.StateDirectory, "data"));
        return Task.CompletedTask;
    }

    protected override Task<ChildProcess> LaunchAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Spawn(new ProcessSpec(Binary,
        [
            "--port", Port.ToString(), "--bind", "127.0.0.1", "--requirepass", Password,
            "--dir", Path.Combine(Settings.StateDirectory, "data"), "--save", "",
            "--appendonly", Settings.Durable ? "yes" : "no", "--loglevel", "warning",
        ])));

    protected override async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port, cancellationToken);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"AUTH {Password}\r\nPING\r\n"), cancellationToken);
            var expected = "+OK\r\n+PONG\r\n"u8.ToArray();
            var reply = new byte[expected.Length];
            await stream.ReadExactlyAsync(reply, cancellationToken);
            return reply.AsSpan().SequenceEqual(expected);
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return false;
        }
    }
}
