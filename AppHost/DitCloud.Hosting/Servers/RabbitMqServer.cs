using System.Net.Sockets;
using DitCloud.Hosting.Processes;

namespace DitCloud.Hosting.Servers;

/// <summary>
/// RabbitMQ from the Debian package, run directly (not as a system service) with every directory
/// and port of its own, and its own epmd: Erlang's default epmd would outlive us and be shared
/// with any other node on the machine.
/// </summary>
public sealed class RabbitMqServer(ServerSettings settings) : ManagedServer(settings)
{
    private const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private const string ControlScript = "/usr/lib/rabbitmq/bin/rabbitmqctl";
    public const string UserName = "dit";

    private string? _nodeName;
    private int _epmdPort;
    private int _distributionPort;

    public override string Kind => "RabbitMQ";


    /// <summary>The Erlang node name; stable across restarts, because RabbitMQ keys its data by it.</summary>
    public string NodeName => _nodeName ??= LoadOrCreateNodeName();

    public override string ConnectionString => ConnectionStringFor("/");

    /// <summary>An AMQP URI for a virtual host (escaped as the URI scheme requires).</summary>
    public string ConnectionStringFor(string virtualHost) =>
        $"amqp://{UserName}:{Password}@127.0.0.1:{Port}/{Uri.EscapeDataString(virtualHost)}";

    /// <summary>Creates a virtual host our user may use fully; tests give each class its own.</summary>
    public async Task AddVirtualHostAsync(string virtualHost, CancellationToken cancellationToken = default)
    {
        await RunToCompletionAsync(Control("add_vhost", virtualHost), $"rabbitmqctl add_vhost", cancellationToken);
        await RunToCompletionAsync(Control("set_permissions", "-p", virtualHost, UserName, ".*", ".*", ".*"),
            "rabbitmqctl set_permissions", cancellationToken);
    }

    protected override void CheckInstalled()
    {
        RequireFile(ServerScript, Name, "rabbitmq-server");
        if (!File.Exists("/usr/bin/epmd") && !File.Exists("/usr/local/bin/epmd"))
        {
            throw new ServerStartException($"Resource '{Name}': epmd was not found. Install it with 'apt-get install erlang-base'.");
        }
    }

    protected override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        foreach (var dir in new[] { "home", "mnesia", "log" }) Directory.CreateDirectory(Path.Combine(Settings.StateDirectory, dir));
        if (_epmdPort == 0)
        {
            _epmdPort = LoopbackPort.Free();
            _distributionPort = LoopbackPort.Free();
        }
        // Written at every start: the port may have been chosen anew, and the user is created from it
        // only when the node starts with an empty database.
        await File.WriteAllTextAsync(Path.Combine(Settings.StateDirectory, "rabbitmq.conf"), $"""
            listeners.tcp.default = 127.0.0.1:{Port}
            default_user = {UserName}
            default_pass = {Password}
            default_vhost = /
            log.console = true
            log.console.level = warning
            log.file = false
            """, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(Settings.StateDirectory, "enabled_plugins"), "[].", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(Settings.StateDirectory, "rabbitmq-env.conf"), "", cancellationToken);
    }

    protected override async Task<ChildProcess> LaunchAsync(CancellationToken cancellationToken)
    {
        SpawnHelper(new ProcessSpec("epmd", ["-port", _epmdPort.ToString(), "-address", "127.0.0.1"]) { Environment = Environment() });
        for (var i = 0; i < 100 && !await LoopbackPort.AcceptsAsync(_epmdPort, cancellationToken); i++)
        {
            await Task.Delay(20, cancellationToken);
        }
        return Spawn(new ProcessSpec(ServerScript, []) { Environment = Environment() });
    }

    protected override async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        // The AMQP 0-9-1 handshake: send the protocol header, expect a method frame (type 1) on
        // channel 0 carrying connection.start (class 10, method 10).
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port, cancellationToken);
            var stream = client.GetStream();
            await stream.WriteAsync("AMQP\0\0\x09\x01"u8.ToArray(), cancellationToken);
            var header = new byte[11];
            await stream.ReadExactlyAsync(header, cancellationToken);
            return header[0] == 1 && header[1] == 0 && header[2] == 0 && header[7] == 0 && header[8] == 10 && header[9] == 0 && header[10] == 10;
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return false;
        }
    }

    protected override TimeSpan StopGrace => TimeSpan.FromSeconds(30);

    private string LoadOrCreateNodeName()
    {
        var path = Path.Combine(Settings.StateDirectory, "nodename");
        if (!File.Exists(path)) File.WriteAllText(path, $"dit-{Guid.NewGuid():N}"[..16] + "@localhost");
        return File.ReadAllText(path).Trim();
    }

    private ProcessSpec Control(params string[] args) =>
        new(ControlScript, ["-n", NodeName, .. args]) { Environment = Environment() };

    private Dictionary<string, string?> Environment()
    {
        var state = Settings.StateDirectory;
        return new()
        {
            ["HOME"] = Path.Combine(state, "home"),
            ["RABBITMQ_NODENAME"] = NodeName,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = Port.ToString(),
            ["RABBITMQ_DIST_PORT"] = _distributionPort.ToString(),
            ["ERL_EPMD_PORT"] = _epmdPort.ToString(),
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(state, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(state, "log"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(state, "rabbitmq.conf"),
            ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(state, "advanced.config"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(state, "enabled_plugins"),
            ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(state, "rabbitmq-env.conf"),
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
        };
    }
}
