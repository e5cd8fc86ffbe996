using System.Collections.Concurrent;
using System.Diagnostics;
using DitCloud.Hosting.Servers;
using DitCloud.Referral.Api.Tests;
using DitCloud.Referral.Reliability.Tests;
using DitCloud.Referral.V1;
using DitCloud.Testing;
using Grpc.Net.Client;

// Usage: [submissions (3000)] [concurrency (32)] [warm-up submissions (2000)].
// Referral submissions per second end to end at fixed concurrency: the partner's gRPC call, the
// commit with its outbox row, the relay's confirmed publish and a downstream consumer receiving
// ReferralReceived. Servers are durable (fsync on), as the AppHost runs them; the service runs as
// its own process. Figures: throughput, and p50/p99 of the call and of the event lag (call answered
// to event consumed).
var submissions = args.Length > 0 ? int.Parse(args[0]) : 3000;
var concurrency = args.Length > 1 ? int.Parse(args[1]) : 32;
// Long enough for tiered compilation to reach optimised code on the hot paths: a few hundred calls
// left most of them quick-jitted on this machine, which is not how a service runs for days.
var warmUp = args.Length > 2 ? int.Parse(args[2]) : 2000;
var root = Directory.CreateTempSubdirectory("ditcloud-bench-referral-").FullName;
File.SetUnixFileMode(root, (UnixFileMode)0b111_101_101);
var log = new BufferedLog();
await using var postgres = new PostgresServer(new ServerSettings("pg", Path.Combine(root, "pg"), log));
await using var rabbit = new RabbitMqServer(new ServerSettings("bus", Path.Combine(root, "bus"), log) { StartTimeout = TimeSpan.FromMinutes(3) });
try
{
    await Task.WhenAll(postgres.StartAsync(), rabbit.StartAsync());
    await postgres.EnsureDatabaseAsync("referraldb");
    var recorder = new EventRecorder();
    var bus = await recorder.StartAsync(rabbit.ConnectionString, "bench-referral-received", CancellationToken.None);
    await using var service = new ServiceProcess("services/Referral/Referral.Api", "DitCloud.Referral.Api",
        TestTokens.AuthSettings.Concat(new Dictionary<string, string?>
        {
            ["ConnectionStrings:referraldb"] = postgres.ConnectionStringFor("referraldb"),
            ["ConnectionStrings:bus"] = rabbit.ConnectionString,
        }));
    await service.StartAsync(CancellationToken.None);
    using var channel = GrpcChannel.ForAddress(service.GrpcAddress);
    var client = new ReferralService.ReferralServiceClient(channel);
    var headers = TestTokens.Headers(TestTokens.Partner("partner-bench", "A81001", "referral.submit"));

    Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"))?.Split(':')[1].Trim()}");
    Console.WriteLine($"warming up ({warmUp} submissions)...");
    await RunAsync("WARM", warmUp);
    Console.WriteLine($"measuring {submissions} submissions at concurrency {concurrency}...");
    var answered = new ConcurrentDictionary<Guid, (double CallMs, DateTimeOffset AnsweredAt)>();
    // CPU by part, over the measured run: where the 2 cores' time per submission goes.
    var parts = new (string Name, Func<IEnumerable<int>> Pids)[]
    {
        ("referral service", () => [service.Pid ?? 0]),
        ("PostgreSQL", () => ProcessCpu.Under(Path.Combine(root, "pg"))),
        ("RabbitMQ", () => ProcessCpu.Under(Path.Combine(root, "bus"))),
        ("this process (client, consumer)", () => [Environment.ProcessId]),
    };
    var cpuBefore = parts.Select(p => ProcessCpu.Seconds(p.Pids())).ToArray();
    var clock = Stopwatch.StartNew();
    await RunAsync("RUN", submissions, answered);
    var callsDone = clock.Elapsed;
    while (!answered.Keys.All(recorder.FirstSeen.ContainsKey))
    {
        if (clock.Elapsed > callsDone + TimeSpan.FromMinutes(2)) throw new TimeoutException("events still missing after 2 minutes");
        await Task.Delay(10);
    }
    var endToEnd = answered.Keys.Max(id => recorder.FirstSeen[id]) - (DateTimeOffset.UtcNow - clock.Elapsed);
    var calls = answered.Values.Select(v => v.CallMs).Order().ToArray();
    var lags = answered.Select(a => (recorder.FirstSeen[a.Key] - a.Value.AnsweredAt).TotalMilliseconds).Order().ToArray();
    Console.WriteLine($"submissions/s (calls answered): {submissions / callsDone.TotalSeconds:0}");
    Console.WriteLine($"submissions/s (end to end, last event consumed): {submissions / endToEnd.TotalSeconds:0}");
    Console.WriteLine($"call ms     p50 {Percentile(calls, 0.50):0.0}  p99 {Percentile(calls, 0.99):0.0}  max {calls[^1]:0.0}");
    Console.WriteLine($"event lag ms p50 {Percentile(lags, 0.50):0.0}  p99 {Percentile(lags, 0.99):0.0}  max {lags[^1]:0.0}");
    Console.WriteLine($"duplicate deliveries: {recorder.DeliveriesByReferral.Values.Sum(n => n - 1)}");
    for (var p = 0; p < parts.Length; p++)
    {
        var used = ProcessCpu.Seconds(parts[p].Pids()) - cpuBefore[p];
        Console.WriteLine($"CPU {parts[p].Name,-32} {used * 1e6 / submissions,8:0} us/submission ({used / endToEnd.TotalSeconds:0.00} cores)");
    }
    await bus.StopAsync();

    async Task RunAsync(string prefix, int count, ConcurrentDictionary<Guid, (double, DateTimeOffset)>? results = null) =>
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, token) =>
        {
            var started = Stopwatch.GetTimestamp();
            var response = await client.SubmitReferralAsync(Requests.Submission($"{prefix}-{i:D6}").With(r => r.Patient.NhsNumber = NhsNumbers.Valid(prefix == "WARM" ? 500_000 + i : i)), headers, cancellationToken: token);
            results?.TryAdd(Guid.Parse(response.Referral.ReferralId), (Stopwatch.GetElapsedTime(started).TotalMilliseconds, DateTimeOffset.UtcNow));
        });
}
finally
{
    await rabbit.StopAsync();
    await postgres.StopAsync();
    Directory.Delete(root, recursive: true);
}

static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

/// <summary>Distinct patients: the i-th NHS number whose Modulus 11 check digit exists.</summary>
internal static class NhsNumbers
{
    public static string Valid(int i)
    {
        for (var body = 400_000_000L + (long)i * 11; ; body++)
        {
            var digits = body.ToString("D9");
            var sum = 0;
            for (var d = 0; d < 9; d++) sum += (digits[d] - '0') * (10 - d);
            var check = 11 - sum % 11;
            if (check == 10) continue;
            return digits + (check == 11 ? 0 : check);
        }
    }
}

/// <summary>User+system CPU of processes from /proc, including their reaped children (PostgreSQL backends).</summary>
internal static class ProcessCpu
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public static double Seconds(IEnumerable<int> pids) => pids.Sum(pid =>
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // Fields 14-17 of stat (utime, stime, cutime, cstime) are 11-14 after the command name.
            return (long.Parse(fields[11]) + long.Parse(fields[12]) + long.Parse(fields[13]) + long.Parse(fields[14])) / TicksPerSecond;
        }
        catch (IOException)
        {
            return 0; // it ended
        }
    });

    /// <summary>Processes whose command line mentions the directory (postgres -D, beam -home ...), and their children (PostgreSQL's backends).</summary>
    public static IEnumerable<int> Under(string directory)
    {
        var all = Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0)
            .ToList();
        var found = all.Where(pid => Read($"/proc/{pid}/cmdline").Contains(directory)).ToHashSet();
        return [.. found, .. all.Where(pid => !found.Contains(pid) && found.Contains(ParentOf(pid)))];
    }

    private static int ParentOf(int pid)
    {
        var stat = Read($"/proc/{pid}/stat");
        return stat.Length == 0 ? 0 : int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
    }

    private static string Read(string path)
    {
        try { return File.ReadAllText(path); } catch (IOException) { return ""; }
    }
}
