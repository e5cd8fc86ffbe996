using System.Collections.Concurrent;
using DitCloud.Hosting.Processes;

namespace DitCloud.Testing;

/// <summary>Keeps every line the servers print, each prefixed with its resource's name.</summary>
public sealed class BufferedLog : ILogSink
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public void Write(string resource, LogLevelHint level, string line) => _lines.Enqueue($"[{resource}] {line}");
}
