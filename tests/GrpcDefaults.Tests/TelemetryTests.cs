using System.Collections.Concurrent;
using System.Diagnostics;
using DitCloud.Testing.V1;
using Grpc.Net.Client;

namespace DitCloud.GrpcDefaults.Tests;

/// <summary>The server span continues the caller's trace and carries the OpenTelemetry RPC attributes.</summary>
public sealed class TelemetryTests : IAsyncLifetime, IDisposable
{
    private readonly ConcurrentQueue<Activity> _serverSpans = new();
    private readonly ActivityListener _listener;
    private EchoServer _server = null!;
    private DitCloud.Testing.Otlp.OtlpCollector _collector = null!;

    public TelemetryTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Microsoft.AspNetCore" or "DitCloud.Tests",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { if (activity.Kind == ActivityKind.Server) _serverSpans.Enqueue(activity); },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public async ValueTask InitializeAsync()
    {
        // Telemetry is recorded only when an OTLP endpoint is configured, as in every deployment.
        _collector = await DitCloud.Testing.Otlp.OtlpCollector.StartAsync();
        _server = await EchoServer.StartAsync(_collector.ExporterSettings("echo"));
    }

    [Fact]
    public async Task The_server_span_joins_the_callers_trace_with_rpc_attributes()
    {
        using var source = new ActivitySource("DitCloud.Tests");
        using var channel = GrpcChannel.ForAddress(_server.GrpcAddress);
        var client = new EchoService.EchoServiceClient(channel);
        string traceId;
        using (var caller = source.StartActivity("caller", ActivityKind.Client)!)
        {
            traceId = caller.TraceId.ToString();
            await client.EchoAsync(new EchoRequest { Payload = new EchoPayload { Message = "traced" } }, cancellationToken: TestContext.Current.CancellationToken);
        }

        Activity? span = null;
        for (var i = 0; i < 50 && span is null; i++)
        {
            span = _serverSpans.FirstOrDefault(s => s.TraceId.ToString() == traceId);
            if (span is null) await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        span.ShouldNotBeNull("a server span in the caller's trace");
        span.DisplayName.ShouldEndWith("/dit.testing.v1.EchoService/Echo");
        span.GetTagItem("rpc.system").ShouldBe("grpc");
        span.GetTagItem("rpc.service").ShouldBe("dit.testing.v1.EchoService");
        span.GetTagItem("rpc.method").ShouldBe("Echo");
        span.GetTagItem("rpc.grpc.status_code").ShouldBe(0);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _collector.DisposeAsync();
    }

    public void Dispose() => _listener.Dispose();
}
