using DitCloud.Hosting.Processes;

namespace DitCloud.Hosting.Servers;

/// <summary>How to run one server: its name, where its data lives, and on which port.</summary>
/// <param name="Name">The resource name, used in every log line and message.</param>
/// <param name="StateDirectory">A directory owned by this server alone; its data survives restarts.</param>
/// <param name="Log">Where the server's output lines go.</param>
public sealed record ServerSettings(string Name, string StateDirectory, ILogSink Log)
{
    /// <summary>A fixed port; by default a free loopback port is chosen at the first start and kept across restarts.</summary>
    public int? Port { get; init; }

    /// <summary>
    /// False trades durability for speed (no fsync, no append-only file): right for test servers
    /// whose data is thrown away, never for the running system.
    /// </summary>
    public bool Durable { get; init; } = true;

    /// <summary>How long to wait for the server to answer before giving up.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
