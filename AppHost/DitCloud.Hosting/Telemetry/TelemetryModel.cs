namespace DitCloud.Hosting.Telemetry;

/// <summary>The process that sent some telemetry, known by its OpenTelemetry resource attributes.</summary>
public sealed record TelemetrySource(IReadOnlyDictionary<string, object?> Attributes)
{
    public string ServiceName => Attributes.GetValueOrDefault("service.name") as string ?? "unknown";
}

public enum ReceivedSpanKind { Unspecified, Internal, Server, Client, Producer, Consumer }

public enum ReceivedSpanStatus { Unset, Ok, Error }

/// <summary>One span as an OTLP exporter sent it; ids are lower-case hex, as W3C trace context writes them.</summary>
public sealed record ReceivedSpan(
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    ReceivedSpanKind Kind,
    DateTimeOffset Start,
    TimeSpan Duration,
    ReceivedSpanStatus Status,
    string StatusMessage,
    IReadOnlyDictionary<string, object?> Attributes,
    IReadOnlyList<ReceivedSpanEvent> Events,
    string Scope,
    TelemetrySource Source)
{
    public DateTimeOffset End => Start + Duration;
}

public sealed record ReceivedSpanEvent(string Name, DateTimeOffset Time, IReadOnlyDictionary<string, object?> Attributes);

/// <summary>One log record; <see cref="TraceId"/> is empty when it was written outside any span.</summary>
public sealed record ReceivedLog(
    DateTimeOffset Time,
    int SeverityNumber,
    string SeverityText,
    string Body,
    string TraceId,
    string SpanId,
    string Category,
    IReadOnlyDictionary<string, object?> Attributes,
    TelemetrySource Source);

/// <summary>One data point of a metric: a counter's or gauge's value, or a histogram's count and sum.</summary>
public sealed record ReceivedMetricPoint(
    string Name,
    string Unit,
    string Meter,
    double Value,
    ulong Count,
    IReadOnlyDictionary<string, object?> Attributes,
    TelemetrySource Source);
