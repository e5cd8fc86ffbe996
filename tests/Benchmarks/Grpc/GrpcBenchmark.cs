using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using DitCloud.Hosting.Servers;
using DitCloud.Testing.V1;
using Google.Protobuf;
using Grpc.Net.Client;

namespace DitCloud.Benchmarks.Grpc;

internal static partial class GrpcBenchmark
{
    public const string Message = "a 50-byte message, about the size of a status call";

    public static async Task RunAsync(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0]) : 5;
        var requests = args.Length > 1 ? int.Parse(args[1]) : 100_000;
        var root = FindRoot();
        var body = Path.GetTempFileName();
        var request = new EchoRequest { Payload = new EchoPayload { Message = Message } }.ToByteArray();
        await File.WriteAllBytesAsync(body, [0, 0, 0, 0, (byte)request.Length, .. request]);

        var here = typeof(GrpcBenchmark).Assembly.Location;
        var testApi = Path.Combine(Path.GetDirectoryName(here)!, "DitCloud.TestApi.dll");
        var peers = new List<Peer>();
        // Where (d) sends its traces, metrics and logs: the AppHost's own OTLP receiver, in this process.
        await using var otlp = await DitCloud.Hosting.Telemetry.OtlpReceiver.StartAsync();
        try
        {
            // The echo API with every DitCloud default, on an HTTP/2-only port, plus the given settings.
            Func<int, ProcessStartInfo> EchoApi(params (string Name, string Value)[] settings) => port =>
            {
                var info = new ProcessStartInfo("dotnet", [testApi])
                {
                    Environment =
                    {
                        ["Kestrel__Endpoints__grpc__Url"] = $"http://127.0.0.1:{port}",
                        ["Kestrel__Endpoints__grpc__Protocols"] = "Http2",
                        ["Logging__LogLevel__Default"] = "Warning",
                    },
                };
                foreach (var (name, value) in settings) info.Environment[name] = value;
                return info;
            };
            (string, string)[] exporting = [("OTEL_EXPORTER_OTLP_ENDPOINT", otlp.GrpcEndpoint.ToString()), ("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")];

            peers.Add(await Peer.StartAsync("a: DitCloud defaults", EchoApi()));
            peers.Add(await Peer.StartAsync("b: @grpc/grpc-js", port => new("node", [Path.Combine(root, "tests/interop/echo-server.mjs"), port.ToString()])));
            peers.Add(await Peer.StartAsync("c: bare Kestrel HTTP/2", port => new("dotnet", [here, "--bare-server", port.ToString()])));
            // As deployed: (a) with an OTLP endpoint set, so every call is traced, measured and exported.
            peers.Add(await Peer.StartAsync("d: defaults + OTLP export", EchoApi(exporting)));
            // As a busy deployment would run: every metric, but one trace in ten sampled (the standard
            // OTEL_TRACES_SAMPLER settings, read by the OpenTelemetry SDK itself).
            peers.Add(await Peer.StartAsync("e: d, 10% of traces sampled",
                EchoApi([.. exporting, ("OTEL_TRACES_SAMPLER", "parentbased_traceidratio"), ("OTEL_TRACES_SAMPLER_ARG", "0.1")])));
            // What the defaults cost over the framework itself.
            peers.Add(await Peer.StartAsync("f: stock grpc-dotnet", port => new("dotnet", [here, "--stock-server", port.ToString()])));

            foreach (var peer in peers) await H2LoadAsync(peer, body, 20_000); // warm-up, not counted
            for (var round = 1; round <= rounds; round++)
            {
                foreach (var peer in peers)
                {
                    var result = await H2LoadAsync(peer, body, requests);
                    peer.Results.Add(result);
                    Console.WriteLine($"round {round} {peer.Name,-24} {result.RequestsPerSecond,9:0} req/s  mean {result.MeanLatencyMs:0.00} ms  server CPU {result.CpuMicrosPerRequest:0.0} us/req");
                }
            }

            Console.WriteLine();
            Console.WriteLine($"| server (median of {rounds} rounds, h2load -c 16 -m 8, {requests} unary calls) | req/s | mean latency ms | server CPU us/req |");
            Console.WriteLine("|---|---|---|---|");
            foreach (var peer in peers)
            {
                Console.WriteLine($"| {peer.Name} | {peer.Median(r => r.RequestsPerSecond):0} | {peer.Median(r => r.MeanLatencyMs):0.00} | {peer.Median(r => r.CpuMicrosPerRequest):0.0} |");
            }
            var a = peers[0].Median(r => r.RequestsPerSecond);
            var d = peers[3].Median(r => r.RequestsPerSecond);
            Console.WriteLine($"ratios: a/b = {a / peers[1].Median(r => r.RequestsPerSecond):0.00}, a/c = {a / peers[2].Median(r => r.RequestsPerSecond):0.00}; " +
                $"with OTLP export d/b = {d / peers[1].Median(r => r.RequestsPerSecond):0.00}, d/c = {d / peers[2].Median(r => r.RequestsPerSecond):0.00}; " +
                $"spans kept by the receiver from d: {otlp.Store.Spans.Count} (it keeps the latest {otlp.Store.Limits.MaxSpans}); " +
                $"defaults against stock grpc-dotnet a/f = {a / peers[5].Median(r => r.RequestsPerSecond):0.00}");

            await TypedClientAsync(peers[0].Port);
        }
        finally
        {
            foreach (var peer in peers) peer.Dispose();
            File.Delete(body);
        }
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}; load generator, server and client share the cores");
    }

    private static async Task TypedClientAsync(int port)
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}", new GrpcChannelOptions { HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true } });
        var client = new EchoService.EchoServiceClient(channel);
        var request = new EchoRequest { Payload = new EchoPayload { Message = Message } };
        foreach (var callers in new[] { 1, 64 })
        {
            var duration = TimeSpan.FromSeconds(5);
            var clock = Stopwatch.StartNew();
            var calls = 0L;
            await Task.WhenAll(Enumerable.Range(0, callers).Select(async _ =>
            {
                while (clock.Elapsed < duration)
                {
                    await client.EchoAsync(request);
                    Interlocked.Increment(ref calls);
                }
            }));
            Console.WriteLine($"typed client against (a), {callers,2} concurrent callers: {calls / clock.Elapsed.TotalSeconds:0} calls/s");
        }
    }

    private static async Task<Result> H2LoadAsync(Peer peer, string body, int requests)
    {
        var cpuBefore = peer.CpuTicks();
        var info = new ProcessStartInfo("h2load") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-n", requests.ToString(), "-c", "16", "-m", "8", "-t", "1", "-H", "content-type: application/grpc", "-H", "te: trailers", "-d", body, $"http://127.0.0.1:{peer.Port}/dit.testing.v1.EchoService/Echo" })
        {
            info.ArgumentList.Add(arg);
        }
        using var h2load = Process.Start(info)!;
        var output = await h2load.StandardOutput.ReadToEndAsync();
        await h2load.WaitForExitAsync();
        var cpu = peer.CpuTicks() - cpuBefore;
        var rps = double.Parse(Rps().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var latency = LatencyMean().Match(output);
        var mean = double.Parse(latency.Groups[1].Value, CultureInfo.InvariantCulture) * (latency.Groups[2].Value == "us" ? 0.001 : latency.Groups[2].Value == "s" ? 1000 : 1);
        var succeeded = Succeeded().Match(output);
        if (!succeeded.Success || succeeded.Groups[1].Value != requests.ToString())
        {
            throw new InvalidOperationException($"{peer.Name}: not every request succeeded:{Environment.NewLine}{output}");
        }
        // /proc ticks are 1/100 s.
        return new Result(rps, mean, cpu * 10_000.0 / requests);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DitCloud.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Run the benchmark from the repository.");
    }

    [GeneratedRegex(@"finished in [\d.]+\w+, ([\d.]+) req/s")]
    private static partial Regex Rps();

    [GeneratedRegex(@"time for request:\s+[\d.]+\w+\s+[\d.]+\w+\s+([\d.]+)(us|ms|s)")]
    private static partial Regex LatencyMean();

    [GeneratedRegex(@"requests: \d+ total, \d+ started, \d+ done, (\d+) succeeded")]
    private static partial Regex Succeeded();

    internal sealed record Result(double RequestsPerSecond, double MeanLatencyMs, double CpuMicrosPerRequest);

    private sealed class Peer(string name, int port, Process process) : IDisposable
    {
        public string Name => name;

        public int Port => port;

        public List<Result> Results { get; } = [];

        public static async Task<Peer> StartAsync(string name, Func<int, ProcessStartInfo> command)
        {
            var port = LoopbackPort.Free();
            var info = command(port);
            info.RedirectStandardOutput = true;
            info.RedirectStandardError = true;
            var process = Process.Start(info)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"{name}: {e.Data}"); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            for (var i = 0; i < 200 && !await LoopbackPort.AcceptsAsync(port, CancellationToken.None); i++) await Task.Delay(100);
            return new Peer(name, port, process);
        }

        public long CpuTicks()
        {
            var stat = File.ReadAllText($"/proc/{process.Id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11]) + long.Parse(fields[12]);
        }

        public double Median(Func<Result, double> value)
        {
            var sorted = Results.Select(value).Order().ToList();
            return sorted[sorted.Count / 2];
        }

        public void Dispose()
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            process.Dispose();
        }
    }
}
