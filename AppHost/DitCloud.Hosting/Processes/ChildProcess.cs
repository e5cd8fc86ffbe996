using System.Diagnostics;

namespace DitCloud.Hosting.Processes;

/// <summary>What to run: the program, its arguments and environment, and who it runs as.</summary>
public sealed record ProcessSpec(string FileName, IReadOnlyList<string> Arguments)
{
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    public string? WorkingDirectory { get; init; }

    /// <summary>Run as this system user (through setpriv) when we are root, e.g. PostgreSQL's "postgres".</summary>
    public string? RunAsUser { get; init; }
}

/// <summary>
/// One child process whose output lines go to a log sink, which can be signalled, and whose whole
/// tree can be killed. Stopping never leaves a descendant behind.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _resource;
    private readonly ILogSink _sink;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HashSet<ProcessIdentity> _seenTree = [];

    private ChildProcess(Process process, string resource, ILogSink sink)
    {
        _process = process;
        _resource = resource;
        _sink = sink;
    }

    public int Pid { get; private set; }

    /// <summary>Completes with the exit code when the process ends, for whatever reason.</summary>
    public Task<int> Exited => _exited.Task;

    public bool HasExited => _exited.Task.IsCompleted;

    /// <summary>Every process of this tree seen so far, live or not (for checks that nothing is left behind).</summary>
    public IReadOnlyList<ProcessIdentity> SeenProcesses
    {
        get { lock (_seenTree) return [.. _seenTree]; }
    }

    public static ChildProcess Start(ProcessSpec spec, string resource, ILogSink sink)
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = spec.WorkingDirectory ?? System.Environment.CurrentDirectory,
        };
        // setsid: a session of its own, so a Ctrl-C at the terminal reaches only the AppHost, which
        // then stops its children in order; setsid and setpriv exec, so the pid stays the program's.
        info.FileName = "setsid";
        if (spec.RunAsUser is { } user && Posix.IsRoot)
        {
            foreach (var arg in new[] { "setpriv", $"--reuid={user}", $"--regid={user}", "--init-groups" }) info.ArgumentList.Add(arg);
        }
        info.ArgumentList.Add(spec.FileName);
        foreach (var arg in spec.Arguments) info.ArgumentList.Add(arg);
        foreach (var (key, value) in spec.Environment) info.Environment[key] = value;

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(process, resource, sink);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) sink.Write(resource, LogLevelHint.Output, e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) sink.Write(resource, LogLevelHint.Error, e.Data); };
        process.Exited += (_, _) => child.OnExited();
        if (!process.Start())
            throw new InvalidOperationException($"Resource '{resource}': {spec.FileName} did not start.");
        child.Pid = process.Id;
        child.ProcessTree();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    private void OnExited()
    {
        // WaitForExit() with no timeout also drains the redirected output before we report the exit.
        _process.WaitForExit();
        _exited.TrySetResult(_process.ExitCode);
    }

    /// <summary>
    /// The process and all its live descendants, as seen now. Each one seen is remembered, so that a
    /// descendant orphaned by a crash of its parent is still stopped with the tree.
    /// </summary>
    public IReadOnlyList<ProcessIdentity> ProcessTree()
    {
        if (HasExited || Posix.Identify(Pid) is not { } self) return [];
        ProcessIdentity[] tree = [self, .. Posix.Descendants(Pid)];
        lock (_seenTree) _seenTree.UnionWith(tree);
        return tree;
    }

    public void Signal(int signal)
    {
        if (!HasExited) Posix.Signal(Pid, signal);
    }

    /// <summary>
    /// Asks the process to stop with <paramref name="signal"/>, waits up to <paramref name="grace"/>,
    /// then kills what is left of its tree.
    /// </summary>
    public async Task StopAsync(int signal, TimeSpan grace)
    {
        ProcessTree();
        Signal(signal);
        try
        {
            await Exited.WaitAsync(grace);
        }
        catch (TimeoutException)
        {
            _sink.Write(_resource, LogLevelHint.Host, $"did not stop within {grace.TotalSeconds:0} s; killing it");
        }
        KillTree();
        await Exited;
    }

    /// <summary>SIGKILL to the process and every descendant it ever had while we watched.</summary>
    public void KillTree()
    {
        ProcessTree();
        ProcessIdentity[] all;
        lock (_seenTree) all = [.. _seenTree];
        foreach (var process in all)
        {
            if (Posix.IsAlive(process)) Posix.Signal(process.Pid, Posix.SigKill);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!HasExited) KillTree();
        await Exited.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        _process.Dispose();
    }
}
