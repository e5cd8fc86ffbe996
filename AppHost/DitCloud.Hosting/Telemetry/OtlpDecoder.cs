using DitCloud.Hosting.Telemetry.Otlp;
using Google.Protobuf;

namespace DitCloud.Hosting.Telemetry;

/// <summary>Turns OTLP export requests into the receiver's plain records.</summary>
internal static class OtlpDecoder
{
    public static IEnumerable<ReceivedSpan> Spans(ExportTraceServiceRequest request) =>
        from resourceSpans in request.ResourceSpans
        let source = Source(resourceSpans.Resource)
        from scopeSpans in resourceSpans.ScopeSpans
        from span in scopeSpans.Spans
        select new ReceivedSpan(
            Hex(span.TraceId),
            Hex(span.SpanId),
            span.ParentSpanId.IsEmpty ? null : Hex(span.ParentSpanId),
            span.Name,
            (ReceivedSpanKind)(int)span.Kind,
            Time(span.StartTimeUnixNano),
            TimeSpan.FromTicks((long)(span.EndTimeUnixNano - Math.Min(span.StartTimeUnixNano, span.EndTimeUnixNano)) / 100),
            span.Status?.Code switch
            {
                Status.Types.StatusCode.Ok => ReceivedSpanStatus.Ok,
                Status.Types.StatusCode.Error => ReceivedSpanStatus.Error,
                _ => ReceivedSpanStatus.Unset,
            },
            span.Status?.Message ?? "",
            Attributes(span.Attributes),
            [.. span.Events.Select(e => new ReceivedSpanEvent(e.Name, Time(e.TimeUnixNano), Attributes(e.Attributes)))],
            scopeSpans.Scope?.Name ?? "",
            source);

    public static IEnumerable<ReceivedLog> Logs(ExportLogsServiceRequest request) =>
        from resourceLogs in request.ResourceLogs
        let source = Source(resourceLogs.Resource)
        from scopeLogs in resourceLogs.ScopeLogs
        from log in scopeLogs.LogRecords
        select new ReceivedLog(
            Time(log.TimeUnixNano != 0 ? log.TimeUnixNano : log.ObservedTimeUnixNano),
            log.SeverityNumber,
            log.SeverityText,
            log.Body is null ? "" : Value(log.Body)?.ToString() ?? "",
            Hex(log.TraceId),
            Hex(log.SpanId),
            scopeLogs.Scope?.Name ?? "",
            Attributes(log.Attributes),
            source);

    public static IEnumerable<ReceivedMetricPoint> Metrics(ExportMetricsServiceRequest request) =>
        from resourceMetrics in request.ResourceMetrics
        let source = Source(resourceMetrics.Resource)
        from scopeMetrics in resourceMetrics.ScopeMetrics
        from metric in scopeMetrics.Metrics
        from point in Points(metric)
        select new ReceivedMetricPoint(metric.Name, metric.Unit, scopeMetrics.Scope?.Name ?? "", point.Value, point.Count, point.Attributes, source);

    private static IEnumerable<(double Value, ulong Count, IReadOnlyDictionary<string, object?> Attributes)> Points(Metric metric) => metric.DataCase switch
    {
        Metric.DataOneofCase.Gauge => metric.Gauge.DataPoints.Select(Number),
        Metric.DataOneofCase.Sum => metric.Sum.DataPoints.Select(Number),
        Metric.DataOneofCase.Histogram => metric.Histogram.DataPoints.Select(p => Point(p.Sum, p.Count, p.Attributes)),
        Metric.DataOneofCase.ExponentialHistogram => metric.ExponentialHistogram.DataPoints.Select(p => Point(p.Sum, p.Count, p.Attributes)),
        _ => [],
    };

    private static (double, ulong, IReadOnlyDictionary<string, object?>) Number(NumberDataPoint point) =>
        Point(point.ValueCase == NumberDataPoint.ValueOneofCase.AsInt ? point.AsInt : point.AsDouble, 1, point.Attributes);

    private static (double, ulong, IReadOnlyDictionary<string, object?>) Point(double value, ulong count, IEnumerable<KeyValue> attributes) =>
        (value, count, Attributes(attributes));

    private static TelemetrySource Source(Resource? resource) => new(Attributes(resource?.Attributes ?? []));

    private static Dictionary<string, object?> Attributes(IEnumerable<KeyValue> attributes)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var attribute in attributes) result[attribute.Key] = attribute.Value is null ? null : Value(attribute.Value);
        return result;
    }

    private static object? Value(AnyValue value) => value.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue,
        AnyValue.ValueOneofCase.IntValue => value.IntValue,
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue,
        AnyValue.ValueOneofCase.BytesValue => value.BytesValue.ToByteArray(),
        AnyValue.ValueOneofCase.ArrayValue => value.ArrayValue.Values.Select(Value).ToArray(),
        AnyValue.ValueOneofCase.KvlistValue => Attributes(value.KvlistValue.Values),
        _ => null,
    };

    private static string Hex(ByteString bytes) => bytes.IsEmpty ? "" : Convert.ToHexStringLower(bytes.Span);

    private static DateTimeOffset Time(ulong unixNanoseconds) =>
        DateTimeOffset.UnixEpoch.AddTicks((long)(unixNanoseconds / 100));
}
