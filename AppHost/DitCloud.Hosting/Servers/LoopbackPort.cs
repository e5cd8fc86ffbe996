using System.Net;
using System.Net.Sockets;

namespace DitCloud.Hosting.Servers;

/// <summary>Finding and checking ports on 127.0.0.1.</summary>
public static class LoopbackPort
{
    // Below Linux's ephemeral range (32768-60999 by default), where the kernel also picks the local
    // port of every outgoing connection: a port found free there can be taken by a client socket
    // before the server binds it. Chosen at random, and never twice by this process.
    private const int LowestPort = 10_000;
    private const int EphemeralStart = 32_768;
    private static readonly HashSet<int> HandedOut = [];

    /// <summary>A port free on 127.0.0.1 now, not handed out before by this process; two AppHosts side by side get different ones.</summary>
    public static int Free()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(LowestPort, EphemeralStart);
            lock (HandedOut)
            {
                if (HandedOut.Contains(port) || !IsFree(port)) continue;
                HandedOut.Add(port);
                return port;
            }
        }
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>True when something accepts TCP connections on the port.</summary>
    public static async Task<bool> AcceptsAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
