using System.Collections.Concurrent;
using System.Diagnostics;
using DitCloud.Hosting.Servers;
using DitCloud.Referral.Api.Tests;
using DitCloud.Referral.Reliability.Tests;
using DitCloud.Referral.V1;
using DitCloud.Testing;
using Grpc.Net.Client;

// Referral submissions per second end to end at fixed concurrency: the partner's gRPC call, the
// commit with its outbox row, the relay's confirmed publish and a downstream consumer receiving
// ReferralReceived. Servers are durable (fsync on), as the AppHost runs them; the service runs as
// its own process. Figures: throughput, and p50/p99 of the call and of the event lag (call answered
// to event consumed).
var submissions = args.Length > 0 ? int.Parse(args[0]) : 3000;
var concurrency = args.Length > 1 ? int.Parse(args[1]) : 32;
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
    Console.WriteLine("warming up (300 submissions)...");
    await RunAsync("WARM", 300);
    Console.WriteLine($"measuring {submissions} submissions at concurrency {concurrency}...");
    var answered = new ConcurrentDictionary<Guid, (double CallMs, DateTimeOffset AnsweredAt)>();
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
    await bus.StopAsync();

    async Task RunAsync(string prefix, int count, ConcurrentDictionary<Guid, (double, DateTimeOffset)>? results = null) =>
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, token) =>
        {
            var started = Stopwatch.GetTimestamp();
            var response = await client.SubmitReferralAsync(Requests.Submission($"{prefix}-{i:D6}"), headers, cancellationToken: token);
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
