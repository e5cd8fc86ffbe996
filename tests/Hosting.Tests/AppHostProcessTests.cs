using System.Diagnostics;
using System.Text.RegularExpressions;
using DitCloud.Hosting.Processes;
using DitCloud.Hosting.Servers;
using DitCloud.Testing;

namespace DitCloud.Hosting.Tests;

/// <summary>The AppHost program as a user runs it: two side by side, SIGTERM stops each leaving nothing behind.</summary>
public sealed partial class AppHostProcessTests : IDisposable
{
    private readonly TempState _first = new();
    private readonly TempState _second = new();

    [Fact]
    public async Task Two_AppHosts_run_side_by_side_and_SIGTERM_stops_each_leaving_no_process()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var first = AppHostRun.Start(_first.Path);
        await using var second = AppHostRun.Start(_second.Path);

        await Task.WhenAll(first.WaitForAsync("DitCloud is ready", ct), second.WaitForAsync("DitCloud is ready", ct));
        var firstPorts = ReadyPorts(first.Output);
        var secondPorts = ReadyPorts(second.Output);
        firstPorts.Count.ShouldBeGreaterThanOrEqualTo(3, "at least the three servers' ports");
        firstPorts.Intersect(secondPorts).ShouldBeEmpty();

        Posix.Signal(first.Pid, Posix.SigTerm);
        Posix.Signal(second.Pid, Posix.SigTerm);

        (await first.ExitCodeAsync(ct)).ShouldBe(0);
        (await second.ExitCodeAsync(ct)).ShouldBe(0);
        first.Output.ShouldContain(line => line.Contains("stopped"));
        foreach (var port in firstPorts.Concat(secondPorts)) LoopbackPort.IsFree(port).ShouldBeTrue($"port {port} is still held");
        ProcessesUnder(_first.Path).ShouldBeEmpty();
        ProcessesUnder(_second.Path).ShouldBeEmpty();
    }

    private static List<int> ReadyPorts(IEnumerable<string> output) =>
        [.. output.Select(line => ReadyLine().Match(line)).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value))];

    /// <summary>Live processes whose command line mentions the directory (postgres -D, beam -home, ...).</summary>
    private static List<int> ProcessesUnder(string directory)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || Posix.Identify(pid) is null) continue;
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(directory)) found.Add(pid);
            }
            catch (IOException)
            {
                // It ended while we looked.
            }
        }
        return found;
    }

    [GeneratedRegex(@"ready on 127\.0\.0\.1:(\d+)")]
    private static partial Regex ReadyLine();

    public void Dispose()
    {
        _first.Dispose();
        _second.Dispose();
    }

    /// <summary>The AppHost started as its own process, its output collected.</summary>
    private sealed class AppHostRun : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly List<string> _output = [];

        private AppHostRun(Process process) => _process = process;

        public int Pid => _process.Id;

        public IReadOnlyList<string> Output
        {
            get { lock (_output) return [.. _output]; }
        }

        public static AppHostRun Start(string stateDirectory)
        {
#if DEBUG
            const string configuration = "Debug";
#else
            const string configuration = "Release";
#endif
            var root = Orchestration.AppHostOptions.Parse([]).RepositoryRoot;
            var dll = Path.Combine(root, "AppHost", "DitCloud.AppHost", "bin", configuration, "net10.0", "DitCloud.AppHost.dll");
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { dll, "--state-dir", stateDirectory }) info.ArgumentList.Add(arg);
            var process = Process.Start(info)!;
            var run = new AppHostRun(process);
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (run._output) run._output.Add(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (run._output) run._output.Add(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return run;
        }

        public async Task WaitForAsync(string text, CancellationToken cancellationToken)
        {
            // The whole system (servers, four services, the gateway) starting twice on 2 cores: minutes, not seconds.
            for (var i = 0; i < 3000 && !Output.Any(line => line.Contains(text)); i++)
            {
                if (_process.HasExited) break;
                await Task.Delay(100, cancellationToken);
            }
            Output.ShouldContain(line => line.Contains(text), $"the AppHost printed:{Environment.NewLine}{string.Join(Environment.NewLine, Output.TakeLast(30))}");
        }

        public async Task<int> ExitCodeAsync(CancellationToken cancellationToken)
        {
            await _process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
            return _process.ExitCode;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                Posix.Signal(_process.Id, Posix.SigTerm);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            }
            _process.Dispose();
        }
    }
}
