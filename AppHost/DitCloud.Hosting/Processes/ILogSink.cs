namespace DitCloud.Hosting.Processes;

/// <summary>Where the lines of every resource go: the AppHost's merged console, or a test's buffer.</summary>
public interface ILogSink
{
    void Write(string resource, LogLevelHint level, string line);
}

public enum LogLevelHint
{
    Output,
    Error,
    /// <summary>A line from the orchestrator itself about the resource (started, crashed, restarting).</summary>
    Host,
}
