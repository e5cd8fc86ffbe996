namespace DitCloud.Hosting.Telemetry;

/// <summary>
/// The most recent spans, logs and metric points a receiver was sent, bounded so a long run cannot
/// grow without limit (the oldest go first). Safe to read while exporters write.
/// </summary>
public sealed class TelemetryStore(TelemetryStoreLimits limits)
{
    private readonly Lock _lock = new();
    private readonly Queue<ReceivedSpan> _spans = new();
    private readonly Dictionary<string, List<ReceivedSpan>> _traces = new(StringComparer.Ordinal);
    private readonly Queue<ReceivedLog> _logs = new();
    private readonly Queue<ReceivedMetricPoint> _metrics = new();
    private readonly Queue<(string Signal, byte[] Body)> _payloads = new();
    private TaskCompletionSource _changed = NewSignal();

    public TelemetryStore() : this(new TelemetryStoreLimits())
    {
    }

    public TelemetryStoreLimits Limits => limits;

    public IReadOnlyList<ReceivedSpan> Spans { get { lock (_lock) return [.. _spans]; } }

    public IReadOnlyList<ReceivedLog> Logs { get { lock (_lock) return [.. _logs]; } }

    public IReadOnlyList<ReceivedMetricPoint> MetricPoints { get { lock (_lock) return [.. _metrics]; } }

    /// <summary>Every request body received, decompressed (kept only when the limits ask for it).</summary>
    public IReadOnlyList<(string Signal, byte[] Body)> Payloads { get { lock (_lock) return [.. _payloads]; } }

    /// <summary>The spans of one trace, in start order.</summary>
    public IReadOnlyList<ReceivedSpan> Trace(string traceId)
    {
        lock (_lock) return _traces.TryGetValue(traceId, out var spans) ? [.. spans.OrderBy(s => s.Start)] : [];
    }

    /// <summary>The most recent traces, newest first.</summary>
    public IReadOnlyList<TraceSummary> RecentTraces(int count)
    {
        List<List<ReceivedSpan>> traces;
        lock (_lock) traces = [.. _traces.Values.Select(spans => spans.ToList())];
        return [.. traces.Select(TraceSummary.Of).OrderByDescending(t => t.Start).Take(count)];
    }

    internal void Add(IEnumerable<ReceivedSpan> spans)
    {
        lock (_lock)
        {
            foreach (var span in spans)
            {
                _spans.Enqueue(span);
                if (!_traces.TryGetValue(span.TraceId, out var trace)) _traces[span.TraceId] = trace = [];
                trace.Add(span);
            }
            while (_spans.Count > limits.MaxSpans)
            {
                var old = _spans.Dequeue();
                var trace = _traces[old.TraceId];
                trace.Remove(old);
                if (trace.Count == 0) _traces.Remove(old.TraceId);
            }
        }
        Signal();
    }

    internal void Add(IEnumerable<ReceivedLog> logs) => AddBounded(_logs, logs, limits.MaxLogs);

    internal void Add(IEnumerable<ReceivedMetricPoint> points) => AddBounded(_metrics, points, limits.MaxMetricPoints);

    internal bool KeepsPayloads => limits.MaxPayloads > 0;

    internal void AddPayload(string signal, byte[] body) => AddBounded(_payloads, [(signal, body)], limits.MaxPayloads);

    /// <summary>Waits until the condition holds over what has arrived, or the timeout passes (then returns false).</summary>
    public async Task<bool> WaitUntilAsync(Func<TelemetryStore, bool> condition, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        while (true)
        {
            Task changed;
            lock (_lock) changed = _changed.Task;
            if (condition(this)) return true;
            try
            {
                await changed.WaitAsync(timer.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return condition(this);
            }
        }
    }

    private void AddBounded<T>(Queue<T> queue, IEnumerable<T> items, int max)
    {
        lock (_lock)
        {
            foreach (var item in items) queue.Enqueue(item);
            while (queue.Count > max) queue.Dequeue();
        }
        Signal();
    }

    private void Signal()
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            changed = _changed;
            _changed = NewSignal();
        }
        changed.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>How much a store keeps. Raw payloads are off by default: only tests that search every byte need them.</summary>
public sealed record TelemetryStoreLimits
{
    public int MaxSpans { get; init; } = 20_000;

    public int MaxLogs { get; init; } = 10_000;

    public int MaxMetricPoints { get; init; } = 20_000;

    public int MaxPayloads { get; init; }
}

/// <summary>One line of the trace list: where the trace started, how long it took, what it touched.</summary>
public sealed record TraceSummary(string TraceId, string RootName, string RootService, DateTimeOffset Start, TimeSpan Duration,
    int SpanCount, IReadOnlyList<string> Services, bool HasError)
{
    internal static TraceSummary Of(IReadOnlyList<ReceivedSpan> spans)
    {
        var ids = spans.Select(s => s.SpanId).ToHashSet();
        var root = spans.Where(s => s.ParentSpanId is null || !ids.Contains(s.ParentSpanId)).MinBy(s => s.Start) ?? spans[0];
        var start = spans.Min(s => s.Start);
        return new(root.TraceId, root.Name, root.Source.ServiceName, start, spans.Max(s => s.End) - start, spans.Count,
            [.. spans.Select(s => s.Source.ServiceName).Distinct().Order()], spans.Any(s => s.Status == ReceivedSpanStatus.Error));
    }
}
