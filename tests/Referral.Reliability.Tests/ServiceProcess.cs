using System.Diagnostics;
using DitCloud.Hosting.Servers;

namespace DitCloud.Referral.Reliability.Tests;

/// <summary>
/// A built service run as its own process with the settings the AppHost would give it, on fixed
/// ports so that a restart after a kill answers at the same address.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly string dll;
    private readonly Dictionary<string, string> environment;
    private readonly int httpPort;
    private Process? process;

    public ServiceProcess(string project, string assembly, IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var root = RepositoryRoot();
        var configuration = AppContext.BaseDirectory.Contains("/bin/Release/") ? "Release" : "Debug";
        dll = Path.Combine(root, project, "bin", configuration, "net10.0", assembly + ".dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"Build {project} first: {dll} is missing.");
        var grpcPort = LoopbackPort.Free();
        httpPort = LoopbackPort.Free();
        GrpcAddress = new Uri($"http://127.0.0.1:{grpcPort}");
        environment = new Dictionary<string, string>
        {
            ["Kestrel__Endpoints__grpc__Url"] = GrpcAddress.ToString(),
            ["Kestrel__Endpoints__grpc__Protocols"] = "Http2",
            ["Kestrel__Endpoints__http__Url"] = $"http://127.0.0.1:{httpPort}",
            ["Kestrel__Endpoints__http__Protocols"] = "Http1",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings) environment[key.Replace(":", "__")] = value ?? "";
    }

    public Uri GrpcAddress { get; }

    /// <summary>The running process's id (for CPU accounting and kills), or null before the start.</summary>
    public int? Pid => process is { HasExited: false } ? process.Id : null;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet", [dll]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        process = Process.Start(start) ?? throw new InvalidOperationException("the service did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"the service exited with {process.ExitCode} while starting");
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{httpPort}/health", cancellationToken)).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the service was not healthy within 2 minutes");
            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>SIGKILL: no shutdown, no drain, whatever was in flight is cut off.</summary>
    public void Kill()
    {
        process?.Kill(entireProcessTree: true);
        process?.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process?.Dispose();
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DitCloud.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException("DitCloud.sln not found above the test's directory");
    }
}
