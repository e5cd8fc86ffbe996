using System.Diagnostics;
using DitCloud.Hosting.Processes;
using DitCloud.Hosting.Servers;

// Each round starts PostgreSQL, RabbitMQ and Redis together from empty state directories (cold:
// initdb and RabbitMQ's first boot included), then stops them; median of the rounds.
var rounds = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 5;
var log = new QuietLog();
var start = new List<double>();
var stop = new List<double>();
var perServer = new Dictionary<string, List<double>>();

for (var round = 1; round <= rounds; round++)
{
    var root = Directory.CreateTempSubdirectory("ditcloud-bench-").FullName;
    File.SetUnixFileMode(root, (UnixFileMode)0b111_101_101);
    ManagedServer[] servers =
    [
        new PostgresServer(new ServerSettings("pg", Path.Combine(root, "pg"), log)),
        new RabbitMqServer(new ServerSettings("bus", Path.Combine(root, "bus"), log)),
        new RedisServer(new ServerSettings("cache", Path.Combine(root, "cache"), log)),
    ];
    try
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(servers.Select(async server =>
        {
            var own = Stopwatch.StartNew();
            await server.StartAsync();
            lock (perServer) (perServer.TryGetValue(server.Kind, out var list) ? list : perServer[server.Kind] = []).Add(own.Elapsed.TotalSeconds);
        }));
        start.Add(clock.Elapsed.TotalSeconds);

        clock.Restart();
        await Task.WhenAll(servers.Select(server => server.StopAsync()));
        stop.Add(clock.Elapsed.TotalSeconds);
        var left = servers.SelectMany(s => s.SeenProcesses).Count(Posix.IsAlive);
        Console.WriteLine($"round {round}/{rounds}: all ready in {start[^1]:0.00} s, all stopped in {stop[^1]:0.00} s, processes left: {left}");
    }
    finally
    {
        foreach (var server in servers) await server.DisposeAsync();
        Directory.Delete(root, recursive: true);
    }
}

Console.WriteLine();
Console.WriteLine($"| measure (median of {rounds}) | seconds |");
Console.WriteLine("|---|---|");
Console.WriteLine($"| cold start of the three servers to ready (in parallel) | {Median(start):0.00} |");
foreach (var (kind, times) in perServer.OrderBy(p => p.Key)) Console.WriteLine($"| - {kind} alone, to ready | {Median(times):0.00} |");
Console.WriteLine($"| stop of the three servers | {Median(stop):0.00} |");
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

internal sealed class QuietLog : ILogSink
{
    public void Write(string resource, LogLevelHint level, string line)
    {
        if (level == LogLevelHint.Host) Console.WriteLine($"  {resource}: {line}");
    }
}
