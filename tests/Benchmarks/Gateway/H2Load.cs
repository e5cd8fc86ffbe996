using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace DitCloud.Benchmarks.Gateway;

internal sealed record H2LoadResult(double RequestsPerSecond, double P50Ms, double P99Ms, double CpuMicrosPerRequest);

/// <summary>Runs h2load against one target; percentiles come from its per-request log (--log-file), which its summary lacks.</summary>
internal static partial class H2Load
{
    public static async Task<H2LoadResult> RunAsync(Target target, string body, int requests)
    {
        var log = Path.GetTempFileName();
        try
        {
            var cpuBefore = target.Measured.CpuTicks();
            var info = new ProcessStartInfo("h2load") { RedirectStandardOutput = true, RedirectStandardError = true };
            string[] arguments =
            [
                "-n", requests.ToString(CultureInfo.InvariantCulture), "-c", "16", "-m", "8", "-t", "1",
                "-H", "content-type: application/grpc", "-H", "te: trailers", .. target.Headers.SelectMany(h => new[] { "-H", h }),
                "-d", body, "--log-file", log, $"http://127.0.0.1:{target.Entry.Port}/dit.testing.v1.EchoService/Echo",
            ];
            foreach (var argument in arguments) info.ArgumentList.Add(argument);
            using var h2load = Process.Start(info)!;
            var output = await h2load.StandardOutput.ReadToEndAsync();
            await h2load.WaitForExitAsync();
            var cpu = target.Measured.CpuTicks() - cpuBefore;

            var succeeded = Succeeded().Match(output);
            if (!succeeded.Success || succeeded.Groups[1].Value != requests.ToString(CultureInfo.InvariantCulture))
                throw new InvalidOperationException($"{target.Name}: not every request succeeded:{Environment.NewLine}{output}");
            // Each line: start time (us since epoch), HTTP status, latency in microseconds.
            var latencies = File.ReadLines(log).Select(line => double.Parse(line.Split('\t')[2], CultureInfo.InvariantCulture) / 1000).Order().ToArray();
            return new H2LoadResult(
                double.Parse(Rps().Match(output).Groups[1].Value, CultureInfo.InvariantCulture),
                latencies[latencies.Length / 2],
                latencies[(int)(latencies.Length * 0.99)],
                cpu * 10_000.0 / requests); // /proc ticks are 1/100 s
        }
        finally
        {
            File.Delete(log);
        }
    }

    [GeneratedRegex(@"finished in [\d.]+\w+, ([\d.]+) req/s")]
    private static partial Regex Rps();

    [GeneratedRegex(@"requests: \d+ total, \d+ started, \d+ done, (\d+) succeeded")]
    private static partial Regex Succeeded();
}
