using System.Diagnostics;
using Grpc.Core;

namespace DitCloud.SystemTests;

/// <summary>
/// A W3C traceparent the test sends with a call, so it knows the trace id of everything the call
/// causes. The test's own span (the parent) is not exported: the gateway's span is the trace's root.
/// </summary>
public sealed record TraceContext(string TraceId, string ParentSpanId)
{
    public static TraceContext New() => new(ActivityTraceId.CreateRandom().ToHexString(), ActivitySpanId.CreateRandom().ToHexString());

    public Metadata Headers => new() { { "traceparent", $"00-{TraceId}-{ParentSpanId}-01" } };
}
