using System.Text;
using DitCloud.Hosting.Telemetry;

namespace DitCloud.Testing.Otlp;

/// <summary>How a service under test exports: the two OTLP transports an ops team may choose.</summary>
public enum OtlpProtocol { HttpProtobuf, Grpc }

/// <summary>
/// An OTLP endpoint for one test (or test class): point a service at it with <see cref="ExporterSettings"/>,
/// then wait for what it exported and query it. It keeps every request body, so a test can prove a
/// value appears nowhere in what was sent (<see cref="WhereFound"/>), not only in the fields it decodes.
/// </summary>
public sealed class OtlpCollector : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private readonly OtlpReceiver _receiver;

    private OtlpCollector(OtlpReceiver receiver) => _receiver = receiver;

    public TelemetryStore Store => _receiver.Store;

    public Uri HttpEndpoint => _receiver.HttpEndpoint;

    public Uri GrpcEndpoint => _receiver.GrpcEndpoint;

    public static async Task<OtlpCollector> StartAsync() =>
        new(await OtlpReceiver.StartAsync(new TelemetryStoreLimits { MaxPayloads = 10_000 }));

    /// <summary>
    /// Settings (configuration keys, or environment variables of a child process) that make a service
    /// built with AddServiceDefaults export here within a fraction of a second.
    /// </summary>
    public Dictionary<string, string?> ExporterSettings(string serviceName, OtlpProtocol protocol = OtlpProtocol.HttpProtobuf) => new()
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = (protocol == OtlpProtocol.Grpc ? GrpcEndpoint : HttpEndpoint).ToString().TrimEnd('/'),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = protocol == OtlpProtocol.Grpc ? "grpc" : "http/protobuf",
        ["OTEL_SERVICE_NAME"] = serviceName,
        ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        ["OTEL_BLRP_SCHEDULE_DELAY"] = "100",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "300",
    };

    /// <summary>The spans of one trace once <paramref name="complete"/> says all expected ones are in.</summary>
    public async Task<IReadOnlyList<ReceivedSpan>> TraceAsync(string traceId, Func<IReadOnlyList<ReceivedSpan>, bool> complete, TimeSpan? timeout = null)
    {
        await WaitAsync(store => complete(store.Trace(traceId)), timeout, () => $"trace {traceId} to be complete; it has: {Describe(Store.Trace(traceId))}");
        return Store.Trace(traceId);
    }

    public async Task<ReceivedSpan> SpanAsync(Func<ReceivedSpan, bool> match, TimeSpan? timeout = null)
    {
        await WaitAsync(store => store.Spans.Any(match), timeout, () => $"a matching span; received: {Describe(Store.Spans)}");
        return Store.Spans.First(match);
    }

    public async Task<ReceivedLog> LogAsync(Func<ReceivedLog, bool> match, TimeSpan? timeout = null)
    {
        await WaitAsync(store => store.Logs.Any(match), timeout,
            () => $"a matching log; received: {string.Join(" | ", Store.Logs.Select(l => $"{l.Category}: {l.Body}"))}");
        return Store.Logs.First(match);
    }

    public async Task<ReceivedMetricPoint> MetricAsync(Func<ReceivedMetricPoint, bool> match, TimeSpan? timeout = null)
    {
        await WaitAsync(store => store.MetricPoints.Any(match), timeout,
            () => $"a matching metric point; received: {string.Join(", ", Store.MetricPoints.Select(p => p.Name).Distinct())}");
        return Store.MetricPoints.First(match);
    }

    /// <summary>
    /// Every place the text occurs in what was exported: in the raw bytes of each request (any field,
    /// decoded here or not), named by signal and request number. Empty when it was never sent.
    /// </summary>
    public IReadOnlyList<string> WhereFound(string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        return [.. Store.Payloads
            .Select((payload, index) => (payload, index))
            .Where(p => p.payload.Body.AsSpan().IndexOf(needle) >= 0)
            .Select(p => $"{p.payload.Signal} request #{p.index}: ...{Context(p.payload.Body, needle)}...")];
    }

    public ValueTask DisposeAsync() => _receiver.DisposeAsync();

    private async Task WaitAsync(Func<TelemetryStore, bool> condition, TimeSpan? timeout, Func<string> waitingFor)
    {
        if (!await Store.WaitUntilAsync(condition, timeout ?? DefaultTimeout))
        {
            throw new TimeoutException($"Waited {(timeout ?? DefaultTimeout).TotalSeconds:0} s for {waitingFor()}");
        }
    }

    private static string Describe(IEnumerable<ReceivedSpan> spans) =>
        string.Join(", ", spans.Select(s => $"{s.Source.ServiceName}:{s.Name} ({s.SpanId} <- {s.ParentSpanId ?? "root"})"));

    private static string Context(byte[] body, byte[] needle)
    {
        var at = body.AsSpan().IndexOf(needle);
        var start = Math.Max(0, at - 60);
        var text = Encoding.UTF8.GetString(body, start, Math.Min(body.Length - start, needle.Length + 120));
        return new string([.. text.Select(c => char.IsControl(c) ? '.' : c)]);
    }
}
