namespace DitCloud.Hosting.Processes;

/// <summary>Passes lines on, keeping the last few so a failure message can show what the process said.</summary>
internal sealed class TailLog(ILogSink inner, int capacity = 25) : ILogSink
{
    private readonly Queue<string> _lines = new();

    public void Write(string resource, LogLevelHint level, string line)
    {
        lock (_lines)
        {
            _lines.Enqueue(line);
            while (_lines.Count > capacity) _lines.Dequeue();
        }
        inner.Write(resource, level, line);
    }

    public void Host(string resource, string line) => inner.Write(resource, LogLevelHint.Host, line);

    /// <summary>The last lines, formatted to append to an error message (empty when there are none).</summary>
    public string Tail()
    {
        lock (_lines)
        {
            return _lines.Count == 0 ? "" : $" Its last output:{Environment.NewLine}  {string.Join($"{Environment.NewLine}  ", _lines)}";
        }
    }
}
