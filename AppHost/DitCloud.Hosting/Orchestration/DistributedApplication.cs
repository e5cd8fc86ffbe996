using System.Diagnostics;
using System.Runtime.InteropServices;
using DitCloud.Hosting.Model;
using DitCloud.Hosting.Processes;
using DitCloud.Hosting.Servers;

namespace DitCloud.Hosting.Orchestration;

/// <summary>
/// Runs the model: each resource starts as soon as what it waits for is ready, crashed ones are
/// restarted with backoff, and Ctrl-C or SIGTERM stops everything, projects first, leaving no process.
/// </summary>
public sealed class DistributedApplication(IReadOnlyList<Resource> resources, AppHostOptions options, ILogSink log) : IAsyncDisposable
{
    private readonly Dictionary<Resource, Task> _ready = [];
    private readonly List<ProjectRunner> _projects = [];
    private readonly List<ServerResource> _servers = [];
    private StateDirectoryLock? _lock;

    public ILogSink Log => log;

    public IReadOnlyList<Resource> Resources => resources;

    /// <summary>Starts everything and returns when all resources are ready.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (options.Fresh && Directory.Exists(options.StateDirectory))
        {
            Directory.Delete(options.StateDirectory, recursive: true);
        }
        Directory.CreateDirectory(options.StateDirectory);
        // PostgreSQL runs as its own user when we are root and must reach its data below here.
        File.SetUnixFileMode(options.StateDirectory, (UnixFileMode)0b111_101_101);
        _lock = StateDirectoryLock.Acquire(options.StateDirectory);

        foreach (var resource in resources) _ = ReadyTask(resource, cancellationToken);
        try
        {
            await Task.WhenAll(_ready.Values);
        }
        catch
        {
            await StopAsync();
            throw;
        }
    }

    /// <summary>Runs until Ctrl-C or SIGTERM, then stops everything.</summary>
    public async Task<int> RunAsync()
    {
        // `publish kubernetes --output DIR` writes the model out instead of running it.
        if (options.Publish is { } publish) return Publishing.Publisher.Run(resources, publish, Log);
        using var shutdown = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        var clock = Stopwatch.StartNew();
        try
        {
            await StartAsync(shutdown.Token);
        }
        catch (ServerStartException e)
        {
            Log.Write("apphost", LogLevelHint.Error, e.Message);
            return 1;
        }
        catch (OperationCanceledException)
        {
            await StopAsync();
            return 130;
        }
        ResourceTable.Print(resources, clock.Elapsed);
        try
        {
            await Task.Delay(Timeout.Infinite, shutdown.Token);
        }
        catch (OperationCanceledException)
        {
            Log.Write("apphost", LogLevelHint.Host, "stopping everything");
        }
        await StopAsync();
        Log.Write("apphost", LogLevelHint.Host, "stopped");
        return 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            shutdown.Cancel();
        }
    }

    /// <summary>Stops projects first (they drain their work), then the servers they used.</summary>
    public async Task StopAsync()
    {
        await Task.WhenAll(_projects.Select(p => p.StopAsync()));
        await Task.WhenAll(_servers.Where(s => s.Server is not null).Select(s => s.Server!.StopAsync()));
        _lock?.Dispose();
        _lock = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private Task ReadyTask(Resource resource, CancellationToken cancellationToken)
    {
        if (_ready.TryGetValue(resource, out var task)) return task;
        var dependencies = resource.WaitsFor.Concat(resource is ProjectResource p ? p.References : []).Distinct()
            .Select(d => ReadyTask(d, cancellationToken)).ToArray();
        task = StartWhenReadyAsync(resource, dependencies, cancellationToken);
        _ready[resource] = task;
        return task;
    }

    private async Task StartWhenReadyAsync(Resource resource, Task[] dependencies, CancellationToken cancellationToken)
    {
        await Task.WhenAll(dependencies);
        switch (resource)
        {
            case ServerResource server:
                _servers.Add(server);
                server.Server = server.CreateServer(new ServerSettings(server.Name, Path.Combine(options.StateDirectory, server.Name), Log)
                {
                    Port = server.FixedPort,
                    Durable = options.Durable,
                });
                server.Server.Crashed += (crashed, code) => _ = RestartServerAsync(server, cancellationToken);
                await server.Server.StartAsync(cancellationToken);
                await server.AfterStartAsync(cancellationToken);
                break;
            case ProjectResource project:
                var runners = project.CreateInstances(project.Replicas ?? options.Replicas)
                    .Select(instance => new ProjectRunner(instance, options, Log)).ToList();
                lock (_projects) _projects.AddRange(runners);
                await Task.WhenAll(runners.Select(runner => runner.StartAsync(cancellationToken)));
                break;
        }
    }

    private async Task RestartServerAsync(ServerResource resource, CancellationToken cancellationToken)
    {
        for (var attempt = 1; !cancellationToken.IsCancellationRequested; attempt++)
        {
            var delay = RestartBackoff.Delay(attempt);
            Log.Write(resource.Name, LogLevelHint.Host, $"restarting in {delay.TotalSeconds:0} s (attempt {attempt}) on the same port with the same data");
            try
            {
                await Task.Delay(delay, cancellationToken);
                await resource.Server!.StartAsync(cancellationToken);
                return;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ServerStartException e)
            {
                Log.Write(resource.Name, LogLevelHint.Error, e.Message);
            }
        }
    }
}
