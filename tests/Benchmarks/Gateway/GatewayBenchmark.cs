using System.Globalization;
using DitCloud.Testing;
using DitCloud.Testing.V1;
using Google.Protobuf;

namespace DitCloud.Benchmarks.Gateway;

/// <summary>
/// The issue's benchmark: unary echo calls at fixed concurrency (h2load -c 16 -m 8), (a) straight
/// to the service, (b) through the gateway with a partner token (verified, scope-checked, rate
/// limited through Redis, audited to PostgreSQL), (c) through nginx grpc_pass. Reports req/s, p50
/// and p99 latency and the proxy's CPU per call, with the goal: the gateway adds at most 1 ms at
/// p50 and keeps at least 60% of direct throughput.
/// </summary>
internal static class GatewayBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
        var requests = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50_000;
        var request = new EchoRequest { Payload = new EchoPayload { Message = "a 50-byte message, about the size of a status call" } }.ToByteArray();
        var body = Path.GetTempFileName();
        await File.WriteAllBytesAsync(body, [0, 0, 0, 0, (byte)request.Length, .. request]);

        await using var servers = new TestServers();
        var processes = new List<BenchProcess>();
        try
        {
            var service = await BenchProcess.StartEchoAsync();
            processes.Add(service);
            var gateway = await BenchProcess.StartGatewayAsync(service.Port, await servers.RedisWithPrefixAsync("bench"), await servers.CreateDatabaseAsync("bench"));
            processes.Add(gateway);
            var nginx = await BenchProcess.StartNginxAsync(service.Port);
            if (nginx is not null) processes.Add(nginx);

            var token = TestTokens.Partner("bench-partner", "RX1", "referral.read");
            var targets = new List<Target>
            {
                new("a: direct", service, service, []),
                new("b: gateway (YARP)", gateway, gateway, [$"authorization: Bearer {token}"]),
            };
            if (nginx is not null) targets.Add(new("c: nginx grpc_pass", nginx, nginx, []));

            // h2load counts HTTP 200s, and a refusal is an HTTP 200 with a gRPC status: one real call per path first.
            foreach (var target in targets) await CheckAnswersAsync(target);
            foreach (var target in targets) await H2Load.RunAsync(target, body, 5_000); // warm-up, not counted
            for (var round = 1; round <= rounds; round++)
            {
                foreach (var target in targets)
                {
                    var result = await H2Load.RunAsync(target, body, requests);
                    target.Results.Add(result);
                    Console.WriteLine($"round {round} {target.Name,-20} {result.RequestsPerSecond,9:0} req/s  p50 {result.P50Ms:0.000} ms  p99 {result.P99Ms:0.000} ms  proxy CPU {result.CpuMicrosPerRequest:0.0} us/call");
                }
            }
            Report(targets, rounds, requests, nginx is null);
        }
        finally
        {
            foreach (var process in processes) process.Dispose();
            File.Delete(body);
        }
    }

    private static async Task CheckAnswersAsync(Target target)
    {
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress($"http://127.0.0.1:{target.Entry.Port}");
        var headers = new Grpc.Core.Metadata();
        foreach (var header in target.Headers) headers.Add(header[..header.IndexOf(':')], header[(header.IndexOf(':') + 2)..]);
        await new EchoService.EchoServiceClient(channel).EchoAsync(new EchoRequest { Payload = new EchoPayload { Message = "check" } }, headers);
    }

    private static void Report(List<Target> targets, int rounds, int requests, bool nginxMissing)
    {
        Console.WriteLine();
        Console.WriteLine($"| path (median of {rounds} rounds, h2load -c 16 -m 8, {requests} unary calls) | req/s | p50 ms | p99 ms | CPU us/call of the measured process |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var target in targets)
        {
            Console.WriteLine($"| {target.Name} | {target.Median(r => r.RequestsPerSecond):0} | {target.Median(r => r.P50Ms):0.000} | {target.Median(r => r.P99Ms):0.000} | {target.Median(r => r.CpuMicrosPerRequest):0.0} |");
        }
        var direct = targets[0];
        var gateway = targets[1];
        var throughput = gateway.Median(r => r.RequestsPerSecond) / direct.Median(r => r.RequestsPerSecond);
        var addedP50 = gateway.Median(r => r.P50Ms) - direct.Median(r => r.P50Ms);
        Console.WriteLine($"gateway/direct throughput {throughput:0.00} (goal >= 0.60: {(throughput >= 0.6 ? "met" : "NOT met")}); " +
                          $"added p50 {addedP50:0.000} ms (goal <= 1 ms: {(addedP50 <= 1 ? "met" : "NOT met")})");
        if (targets.Count > 2) Console.WriteLine($"gateway/nginx throughput {gateway.Median(r => r.RequestsPerSecond) / targets[2].Median(r => r.RequestsPerSecond):0.00}");
        if (nginxMissing) Console.WriteLine("nginx was not found: install Debian's nginx-light for the grpc_pass comparison.");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores; h2load, proxy and service share them, so compare CPU per call as well as req/s");
    }
}

/// <summary>One way to the echo service; <see cref="Measured"/> is the process whose CPU is counted (the proxy, or the service when direct).</summary>
internal sealed record Target(string Name, BenchProcess Entry, BenchProcess Measured, IReadOnlyList<string> Headers)
{
    public List<H2LoadResult> Results { get; } = [];

    public double Median(Func<H2LoadResult, double> value)
    {
        var sorted = Results.Select(value).Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
