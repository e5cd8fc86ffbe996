using System.Diagnostics;
using DitCloud.Hosting.Processes;

namespace DitCloud.Hosting.Servers;

/// <summary>
/// A real server (PostgreSQL, RabbitMQ, Redis) run as a child process: started on a loopback port,
/// awaited until it answers its own protocol, watched for crashes, and stopped leaving no process
/// behind. Subclasses say how to prepare, launch, probe and stop their server.
/// </summary>
public abstract class ManagedServer : IAsyncDisposable
{
    private readonly TailLog _log;
    private readonly List<ChildProcess> _helpers = [];
    private readonly List<ChildProcess> _retired = [];
    private string? _password;
    private ChildProcess? _main;
    private volatile bool _stopping;

    protected ManagedServer(ServerSettings settings)
    {
        Settings = settings;
        _log = new TailLog(settings.Log);
        Directory.CreateDirectory(settings.StateDirectory);
    }

    public ServerSettings Settings { get; }

    public string Name => Settings.Name;

    /// <summary>The loopback port clients connect to; fixed for the server's lifetime, restarts included.</summary>
    public int Port { get; private set; }

    /// <summary>A human name for tables and messages, e.g. "PostgreSQL 15".</summary>
    public abstract string Kind { get; }

    /// <summary>A connection string for clients, in the form their libraries expect.</summary>
    public abstract string ConnectionString { get; }

    /// <summary>Raised with the exit code when the server dies without being asked to stop.</summary>
    public event Action<ManagedServer, int>? Crashed;

    public bool IsRunning => _main is { HasExited: false };

    /// <summary>Every process that belonged to this server while it ran (main, helpers, descendants).</summary>
    public IReadOnlyList<ProcessIdentity> SeenProcesses
    {
        get
        {
            lock (_retired)
            {
                return [.. _retired.Concat(_helpers).Append(_main).OfType<ChildProcess>().SelectMany(c => c.SeenProcesses).Distinct()];
            }
        }
    }

    /// <summary>The server's generated password, kept owner-readable in its state directory across restarts.</summary>
    public string Password => _password ??= Secrets.LoadOrCreate(Path.Combine(Settings.StateDirectory, "password"));

    /// <summary>The process ids of the server now (for tests that kill it like the OOM killer would).</summary>
    public IReadOnlyList<ProcessIdentity> CurrentProcesses =>
        [.. _helpers.Prepend(_main).OfType<ChildProcess>().SelectMany(child => child.ProcessTree())];

    /// <summary>The main process id, for a test that kills it.</summary>
    public int MainPid => _main?.Pid ?? throw new InvalidOperationException($"Resource '{Name}' is not running.");

    /// <summary>Prepares the data directory, launches the server and waits until it answers.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning) return;
        CheckInstalled();
        if (Port == 0)
        {
            Port = Settings.Port ?? LoopbackPort.Free();
        }
        if (!LoopbackPort.IsFree(Port))
        {
            throw new ServerStartException(
                $"Resource '{Name}' ({Kind}): port {Port} on 127.0.0.1 is already in use by another process. " +
                "Stop that process or choose another port for this resource (leave the port unset to get a free one).");
        }

        _stopping = false;
        var clock = Stopwatch.StartNew();
        try
        {
            await PrepareAsync(cancellationToken);
            _main = await LaunchAsync(cancellationToken);
            await WaitUntilReadyAsync(_main, cancellationToken);
        }
        catch
        {
            await KillAllAsync();
            throw;
        }

        _log.Host(Name, $"{Kind} ready on 127.0.0.1:{Port} in {clock.Elapsed.TotalSeconds:0.0} s");
        _ = WatchForCrashAsync(_main);
    }

    /// <summary>Asks the server to shut down cleanly, then kills whatever is left of its processes.</summary>
    public async Task StopAsync()
    {
        _stopping = true;
        if (_main is { } main)
        {
            await main.StopAsync(StopSignal, StopGrace);
        }
        foreach (var helper in _helpers)
        {
            await helper.StopAsync(Posix.SigTerm, TimeSpan.FromSeconds(5));
        }
        RememberAndForgetProcesses();
    }

    /// <summary>Stops if needed and starts again on the same port with the same data.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync();
        await StartAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Says what is missing and how to install it, before anything is started.</summary>
    protected abstract void CheckInstalled();

    /// <summary>Creates the data directory and configuration when they do not exist yet; keeps them when they do.</summary>
    protected abstract Task PrepareAsync(CancellationToken cancellationToken);

    protected abstract Task<ChildProcess> LaunchAsync(CancellationToken cancellationToken);

    /// <summary>True once the server answers its own protocol (not merely accepts TCP).</summary>
    protected abstract Task<bool> AnswersAsync(CancellationToken cancellationToken);

    protected virtual int StopSignal => Posix.SigTerm;

    protected virtual TimeSpan StopGrace => TimeSpan.FromSeconds(20);

    protected ILogSink Log => _log;

    /// <summary>Starts a process that belongs to this server (its output goes to the merged log under the server's name).</summary>
    protected ChildProcess Spawn(ProcessSpec spec) => ChildProcess.Start(spec, Name, _log);

    /// <summary>Starts a helper that must live as long as the server (e.g. RabbitMQ's epmd).</summary>
    protected ChildProcess SpawnHelper(ProcessSpec spec)
    {
        var helper = Spawn(spec);
        _helpers.Add(helper);
        return helper;
    }

    /// <summary>Runs a short command to completion (initdb, rabbitmqctl) and fails with its output when it fails.</summary>
    protected async Task RunToCompletionAsync(ProcessSpec spec, string what, CancellationToken cancellationToken)
    {
        await using var process = Spawn(spec);
        var code = await process.Exited.WaitAsync(cancellationToken);
        if (code != 0)
        {
            throw new ServerStartException($"Resource '{Name}' ({Kind}): {what} failed with exit code {code}.{_log.Tail()}");
        }
    }

    protected static string RequireFile(string path, string resource, string package)
    {
        if (File.Exists(path)) return path;
        throw new ServerStartException(
            $"Resource '{resource}': {path} was not found. Install it with 'apt-get install {package}' " +
            "(the README's commands do this for you).");
    }

    private async Task WaitUntilReadyAsync(ChildProcess main, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Settings.StartTimeout);
        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            if (main.HasExited)
            {
                throw new ServerStartException(
                    $"Resource '{Name}' ({Kind}) exited with code {main.Exited.Result} before it was ready.{_log.Tail()}");
            }
            try
            {
                if (await AnswersAsync(timeout.Token)) return;
                await Task.Delay(delay, timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new ServerStartException(
                    $"Resource '{Name}' ({Kind}) did not answer on 127.0.0.1:{Port} within {Settings.StartTimeout.TotalSeconds:0} s.{_log.Tail()}");
            }
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500));
        }
    }

    private async Task WatchForCrashAsync(ChildProcess main)
    {
        var code = await main.Exited;
        if (_stopping || !ReferenceEquals(main, _main)) return;
        _log.Host(Name, $"{Kind} exited unexpectedly with code {code}");
        // Its helpers and orphaned children must not outlive it, or a restart would collide with them.
        await KillAllAsync();
        Crashed?.Invoke(this, code);
    }

    private async Task KillAllAsync()
    {
        foreach (var child in _helpers.Prepend(_main).OfType<ChildProcess>())
        {
            child.KillTree();
            await child.Exited.WaitAsync(TimeSpan.FromSeconds(10));
        }
        RememberAndForgetProcesses();
    }

    private void RememberAndForgetProcesses()
    {
        lock (_retired)
        {
            // The next launch starts new processes; the old ones stay known for SeenProcesses.
            _retired.AddRange(_helpers);
            if (_main is not null && !_retired.Contains(_main)) _retired.Add(_main);
            _helpers.Clear();
        }
    }
}
