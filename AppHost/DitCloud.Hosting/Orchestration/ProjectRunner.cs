using System.Net.Http;
using DitCloud.Hosting.Model;
using DitCloud.Hosting.Processes;
using DitCloud.Hosting.Servers;

namespace DitCloud.Hosting.Orchestration;

/// <summary>
/// Runs one instance of a project from its build output, hands it its configuration, waits for its
/// readiness endpoint, and restarts it with backoff when it crashes (each instance on its own).
/// </summary>
internal sealed class ProjectRunner(ProjectInstance instance, AppHostOptions options, ILogSink log)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };
    private ChildProcess? _process;
    private volatile bool _stopping;

    public ProjectResource Project => instance.Project;

    public ProjectInstance Instance => instance;

    /// <summary>The prefix of the instance's log lines: the project's name, with the instance's index when it has replicas.</summary>
    private string LogName => Project.Instances.Count == 1 ? Project.Name : instance.InstanceId;

    public string AssemblyPath
    {
        get
        {
            var projectFile = Path.Combine(options.RepositoryRoot, Project.ProjectFile);
            var name = Path.GetFileNameWithoutExtension(projectFile);
            return Path.Combine(Path.GetDirectoryName(projectFile)!, "bin", options.Configuration, "net10.0", name + ".dll");
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(AssemblyPath))
        {
            throw new ServerStartException(
                $"Resource '{LogName}': {AssemblyPath} was not found. Build first with 'dotnet build DitCloud.sln -c {options.Configuration}' " +
                "(the README's run command does this).");
        }
        _stopping = false;
        _process = ChildProcess.Start(new ProcessSpec("dotnet", [AssemblyPath]) { Environment = Environment(), WorkingDirectory = Path.GetDirectoryName(AssemblyPath) }, LogName, log);
        instance.ProcessId = _process.Pid;
        await WaitUntilHealthyAsync(_process, cancellationToken);
        log.Write(LogName, LogLevelHint.Host, $"ready: gRPC on http://127.0.0.1:{instance.GrpcPort}, gRPC-web and health on http://127.0.0.1:{instance.HttpPort}");
        _ = SuperviseAsync(_process, cancellationToken);
    }

    public async Task StopAsync()
    {
        _stopping = true;
        if (_process is { } process) await process.StopAsync(Posix.SigTerm, TimeSpan.FromSeconds(15));
    }

    /// <summary>The model's settings for this instance, resolved to loopback ports and the running servers' connection strings.</summary>
    private Dictionary<string, string?> Environment()
    {
        var env = new Dictionary<string, string?>();
        foreach (var setting in ProjectSettings.For(Project))
        {
            switch (setting)
            {
                case FixedSetting s: env[s.Name] = s.Value; break;
                case EnvironmentNameSetting s: env[s.Name] = "Development"; break;
                case ListenUrlSetting s: env[s.Name] = $"http://127.0.0.1:{Port(instance, s.Endpoint)}"; break;
                case InstanceIdSetting s: env[s.Name] = string.Format(s.Format, instance.InstanceId); break;
                case ConnectionStringSetting s: env[s.Name] = s.Target.GetConnectionString(); break;
                case ServiceEndpointSetting s:
                    foreach (var target in s.Target.Instances) env[$"{s.Name}__{target.Index}"] = $"http://127.0.0.1:{Port(target, s.Endpoint)}";
                    break;
                default: throw new NotSupportedException($"The local runner does not know the setting kind {setting.GetType().Name}.");
            }
        }
        return env;
    }

    private static int Port(ProjectInstance target, string endpoint) =>
        endpoint == ProjectSettings.GrpcEndpoint ? target.GrpcPort : target.HttpPort;

    private async Task WaitUntilHealthyAsync(ChildProcess process, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new ServerStartException($"Resource '{LogName}' exited with code {process.Exited.Result} before it was ready; its log above says why.");
            }
            try
            {
                using var response = await Http.GetAsync($"http://127.0.0.1:{instance.HttpPort}/health", cancellationToken);
                if (response.IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet.
            }
            await Task.Delay(200, cancellationToken);
        }
        await process.StopAsync(Posix.SigTerm, TimeSpan.FromSeconds(5));
        throw new ServerStartException($"Resource '{LogName}' did not report healthy on http://127.0.0.1:{instance.HttpPort}/health within 90 s.");
    }

    private async Task SuperviseAsync(ChildProcess process, CancellationToken cancellationToken)
    {
        var attempt = 0;
        while (true)
        {
            var started = DateTime.UtcNow;
            var code = await process.Exited;
            if (_stopping || cancellationToken.IsCancellationRequested) return;
            // A run that lasted a minute was healthy: start the backoff again from the bottom.
            attempt = DateTime.UtcNow - started > TimeSpan.FromMinutes(1) ? 1 : attempt + 1;
            var delay = RestartBackoff.Delay(attempt);
            log.Write(LogName, LogLevelHint.Host, $"crashed with exit code {code}; restarting in {delay.TotalSeconds:0} s (attempt {attempt})");
            try
            {
                await Task.Delay(delay, cancellationToken);
                if (_stopping) return;
                await StartAsync(cancellationToken);
                return;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ServerStartException e)
            {
                log.Write(LogName, LogLevelHint.Host, e.Message);
                process = _process!;
            }
        }
    }
}

/// <summary>1, 2, 4, 8, 16, then 30 seconds between restarts.</summary>
internal static class RestartBackoff
{
    public static TimeSpan Delay(int attempt) => TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, Math.Max(0, attempt - 1))));
}
