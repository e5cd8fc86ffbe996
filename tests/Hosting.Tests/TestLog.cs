using System.Collections.Concurrent;
using DitCloud.Hosting.Processes;

namespace DitCloud.Hosting.Tests;

/// <summary>Collects the lines servers print, so a test can look for what the host reported.</summary>
public sealed class TestLog : ILogSink
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public void Write(string resource, LogLevelHint level, string line) => _lines.Enqueue($"[{resource}] {line}");
}
