using System.Net.Http;
using DitCloud.Hosting.Model;
using DitCloud.Hosting.Processes;
using DitCloud.Hosting.Servers;

namespace DitCloud.Hosting.Orchestration;

/// <summary>
/// Runs one project from its build output, hands it its configuration, waits for its readiness
/// endpoint, and restarts it with backoff when it crashes.
/// </summary>
internal sealed class ProjectRunner(ProjectResource project, AppHostOptions options, ILogSink log)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };
    private ChildProcess? _process;
    private volatile bool _stopping;

    public ProjectResource Project => project;

    public string AssemblyPath
    {
        get
        {
            var projectFile = Path.Combine(options.RepositoryRoot, project.ProjectFile);
            var name = Path.GetFileNameWithoutExtension(projectFile);
            return Path.Combine(Path.GetDirectoryName(projectFile)!, "bin", options.Configuration, "net10.0", name + ".dll");
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(AssemblyPath))
        {
            throw new ServerStartException(
                $"Resource '{project.Name}': {AssemblyPath} was not found. Build first with 'dotnet build DitCloud.sln -c {options.Configuration}' " +
                "(the README's run command does this).");
        }
        if (project.GrpcPort == 0)
        {
            project.GrpcPort = LoopbackPort.Free();
            project.HttpPort = LoopbackPort.Free();
        }
        _stopping = false;
        _process = ChildProcess.Start(new ProcessSpec("dotnet", [AssemblyPath]) { Environment = Environment(), WorkingDirectory = Path.GetDirectoryName(AssemblyPath) }, project.Name, log);
        project.ProcessId = _process.Pid;
        await WaitUntilHealthyAsync(_process, cancellationToken);
        log.Write(project.Name, LogLevelHint.Host, $"ready: gRPC on http://127.0.0.1:{project.GrpcPort}, gRPC-web and health on http://127.0.0.1:{project.HttpPort}");
        _ = SuperviseAsync(_process, cancellationToken);
    }

    public async Task StopAsync()
    {
        _stopping = true;
        if (_process is { } process) await process.StopAsync(Posix.SigTerm, TimeSpan.FromSeconds(15));
    }

    private Dictionary<string, string?> Environment()
    {
        var env = new Dictionary<string, string?>
        {
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Kestrel__Endpoints__grpc__Url"] = $"http://127.0.0.1:{project.GrpcPort}",
            ["Kestrel__Endpoints__grpc__Protocols"] = "Http2",
            ["Kestrel__Endpoints__http__Url"] = $"http://127.0.0.1:{project.HttpPort}",
            ["Kestrel__Endpoints__http__Protocols"] = "Http1",
            ["OTEL_SERVICE_NAME"] = project.Name,
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={project.Name}-{Guid.NewGuid():N}",
        };
        foreach (var reference in project.References)
        {
            switch (reference)
            {
                case IResourceWithConnectionString target:
                    env[$"ConnectionStrings__{target.Name}"] = target.GetConnectionString();
                    break;
                case ProjectResource other:
                    env[$"services__{other.Name}__grpc__0"] = $"http://127.0.0.1:{other.GrpcPort}";
                    env[$"services__{other.Name}__http__0"] = $"http://127.0.0.1:{other.HttpPort}";
                    break;
            }
        }
        foreach (var (key, value) in project.Environment) env[key] = value;
        return env;
    }

    private async Task WaitUntilHealthyAsync(ChildProcess process, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new ServerStartException($"Resource '{project.Name}' exited with code {process.Exited.Result} before it was ready; its log above says why.");
            }
            try
            {
                using var response = await Http.GetAsync($"http://127.0.0.1:{project.HttpPort}/health", cancellationToken);
                if (response.IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet.
            }
            await Task.Delay(200, cancellationToken);
        }
        await process.StopAsync(Posix.SigTerm, TimeSpan.FromSeconds(5));
        throw new ServerStartException($"Resource '{project.Name}' did not report healthy on http://127.0.0.1:{project.HttpPort}/health within 90 s.");
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
            log.Write(project.Name, LogLevelHint.Host, $"crashed with exit code {code}; restarting in {delay.TotalSeconds:0} s (attempt {attempt})");
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
                log.Write(project.Name, LogLevelHint.Host, e.Message);
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
