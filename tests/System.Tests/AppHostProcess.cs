using System.Diagnostics;
using System.Text.RegularExpressions;
using DitCloud.Hosting.Processes;

namespace DitCloud.SystemTests;

/// <summary>The two addresses of one running project instance, as the AppHost's ready table names them ("gateway-1").</summary>
public sealed record InstanceEndpoints(string InstanceId, Uri Grpc, Uri Http);

/// <summary>
/// The AppHost program started as its own process, the way a user runs it (built Debug), with its
/// output kept (and copied to a log file beside the tests, to read when something fails). Its
/// children inherit this process's environment plus what <see cref="Start"/> adds.
/// </summary>
public sealed partial class AppHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly StreamWriter _log;
    private readonly HashSet<ProcessIdentity> _seen = [];

    private AppHostProcess(Process process, StreamWriter log)
    {
        _process = process;
        _log = log;
    }

    public int Pid => _process.Id;

    public IReadOnlyList<string> Output
    {
        get { lock (_output) return [.. _output]; }
    }

    /// <summary>Each project instance's addresses by instance id, read from the ready table.</summary>
    public IReadOnlyDictionary<string, InstanceEndpoints> Instances { get; private set; } = new Dictionary<string, InstanceEndpoints>();

    public static AppHostProcess Start(string repositoryRoot, string logFile, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var dll = Path.Combine(repositoryRoot, "AppHost", "DitCloud.AppHost", "bin", "Debug", "net10.0", "DitCloud.AppHost.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"Build the AppHost first: dotnet build AppHost/DitCloud.AppHost ({dll} is missing).");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var (name, value) in environment) info.Environment[name] = value;

        var process = new Process { StartInfo = info };
        var run = new AppHostProcess(process, new StreamWriter(logFile, append: false) { AutoFlush = true });
        process.OutputDataReceived += (_, e) => run.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => run.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return run;
    }

    /// <summary>Waits for "DitCloud is ready", telling <paramref name="progress"/> of each instance as it comes up.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout, Action<string> progress, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        var reported = 0;
        while (!Output.Any(line => line.Contains("DitCloud is ready")))
        {
            var lines = Output;
            foreach (var line in lines.Skip(reported).Where(l => l.Contains("| ready") || l.Contains("exited") || l.Contains("crashed"))) progress(line.Trim());
            reported = lines.Count;
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException(
                    $"The AppHost was not ready (exited: {_process.HasExited}); its last lines:{Environment.NewLine}{string.Join(Environment.NewLine, lines.TakeLast(40))}");
            }
            await Task.Delay(250, cancellationToken);
        }
        // The table follows its title line; give the rest of it a moment to arrive.
        await Task.Delay(500, cancellationToken);
        Instances = ReadyTable(Output);
        Remember();
    }

    /// <summary>The pid of a project instance's process now: the AppHost's descendant named so in DIT_INSTANCE_ID.</summary>
    public int? InstancePid(string instanceId)
    {
        var wanted = $"DIT_INSTANCE_ID={instanceId}\0";
        foreach (var process in Posix.Descendants(Pid))
        {
            try
            {
                if (File.ReadAllText($"/proc/{process.Pid}/environ").Contains(wanted, StringComparison.Ordinal)) return process.Pid;
            }
            catch (IOException)
            {
                // It ended while we looked.
            }
        }
        return null;
    }

    /// <summary>Notes every process the AppHost runs now, so that <see cref="LeftRunning"/> can check none outlives it.</summary>
    public void Remember()
    {
        lock (_seen) _seen.UnionWith(Posix.Descendants(Pid));
    }

    /// <summary>Processes of the AppHost's tree (as remembered) still alive.</summary>
    public IReadOnlyList<ProcessIdentity> LeftRunning()
    {
        lock (_seen) return [.. _seen.Where(Posix.IsAlive)];
    }

    /// <summary>SIGTERM, as Ctrl-C or a service manager stops it; the exit code once it has stopped everything.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            Remember();
            Posix.Signal(_process.Id, Posix.SigTerm);
        }
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                await StopAsync(TimeSpan.FromSeconds(90));
            }
            catch (TimeoutException)
            {
                // Nothing else stops it: its children go with the kill of the tree it was seen to hold.
                foreach (var process in LeftRunning()) Posix.Signal(process.Pid, Posix.SigKill);
                if (!_process.HasExited) Posix.Signal(_process.Id, Posix.SigKill);
            }
        }
        _process.Dispose();
        await _log.DisposeAsync();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.Add(line);
            _log.WriteLine(line);
        }
    }

    private static Dictionary<string, InstanceEndpoints> ReadyTable(IEnumerable<string> output)
    {
        var instances = new Dictionary<string, InstanceEndpoints>();
        foreach (var line in output.Select(l => Ansi().Replace(l, "")))
        {
            if (TableRow().Match(line) is not { Success: true } row) continue;
            var id = row.Groups["id"].Value;
            instances[id] = new(id, new Uri($"http://127.0.0.1:{row.Groups["grpc"].Value}"), new Uri($"http://127.0.0.1:{row.Groups["http"].Value}"));
        }
        return instances;
    }

    // A row of the ready table for one replica: "│ gateway-1 │ project │ grpc http://127.0.0.1:40121  web http://127.0.0.1:40123 │".
    [GeneratedRegex(@"(?<id>[a-z][a-z0-9-]*-\d+)\W+project\W+grpc http://127\.0\.0\.1:(?<grpc>\d+)\s+web http://127\.0\.0\.1:(?<http>\d+)")]
    private static partial Regex TableRow();

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex Ansi();
}
