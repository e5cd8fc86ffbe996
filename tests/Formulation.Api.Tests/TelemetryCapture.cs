using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace DitCloud.Formulation.Api.Tests;

/// <summary>Every log entry the service writes, as text: message, structured values and exception.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> entries = new();

    public IReadOnlyList<string> Entries => [.. entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            entries.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            entries.Enqueue($"{logLevel} {category}: {formatter(state, exception)} [{values}] {exception}");
        }
    }
}

/// <summary>Every span any source in the process finishes, as text: name, status, tags, events and baggage.</summary>
public sealed class CapturedSpans : IDisposable
{
    private readonly ConcurrentQueue<string> spans = new();
    private readonly ActivityListener listener;

    public CapturedSpans()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = span => spans.Enqueue(Describe(span)),
        };
        ActivitySource.AddActivityListener(listener);
    }

    public IReadOnlyList<string> Spans => [.. spans];

    private static string Describe(Activity span)
    {
        var tags = string.Join(" ", span.TagObjects.Select(t => $"{t.Key}={t.Value}"));
        var events = string.Join(" ", span.Events.Select(e => $"{e.Name}({string.Join(" ", e.Tags.Select(t => $"{t.Key}={t.Value}"))})"));
        var baggage = string.Join(" ", span.Baggage.Select(b => $"{b.Key}={b.Value}"));
        return $"{span.Source.Name} {span.DisplayName} {span.Status} {span.StatusDescription} [{tags}] [{events}] [{baggage}]";
    }

    public void Dispose() => listener.Dispose();
}
