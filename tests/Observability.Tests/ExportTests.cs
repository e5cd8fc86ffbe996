using System.Diagnostics;
using DitCloud.Hosting.Telemetry;
using DitCloud.Observability.Tests.Probe;
using DitCloud.Testing;
using DitCloud.Testing.Otlp;

namespace DitCloud.Observability.Tests;

/// <summary>What a service on the defaults exports over OTLP: spans with resource and rpc.* attributes, logs in their trace, metrics.</summary>
public sealed class ExportTests(TestServers servers)
{
    public static readonly ActivitySource Partner = new("DitCloud.Tests.Partner");

    [Theory]
    [InlineData(OtlpProtocol.HttpProtobuf)]
    [InlineData(OtlpProtocol.Grpc)]
    public async Task A_grpc_call_is_exported_as_a_server_span_with_rpc_attributes_the_service_resource_and_its_children(OtlpProtocol protocol)
    {
        await using var collector = await OtlpCollector.StartAsync();
        await using var probe = await StartProbeAsync(collector, protocol);

        var traceId = await ReferAsync(probe);

        var spans = await collector.TraceAsync(traceId, trace => trace.Any(IsReferServerSpan) && trace.Any(s => s.Name == "partner call")
            && trace.Any(s => s.Name == "screen referral") && trace.Any(s => s.Attributes.ContainsKey("db.query.text")));
        var server = spans.Single(IsReferServerSpan);
        server.Name.ShouldBe("POST /dit.observability.tests.v1.PatientProbe/Refer");
        server.Attributes["rpc.system"].ShouldBe("grpc");
        server.Attributes["rpc.service"].ShouldBe("dit.observability.tests.v1.PatientProbe");
        server.Attributes["rpc.method"].ShouldBe("Refer");
        server.Attributes["rpc.grpc.status_code"].ShouldBe(0L);

        var resource = server.Source.Attributes;
        resource["service.name"].ShouldBe("probe");
        resource["service.instance.id"].ShouldBe("probe-7");
        resource["service.version"].ShouldBeOfType<string>().ShouldNotBeEmpty();
        resource["deployment.environment.name"].ShouldBe("production");
        resource["telemetry.sdk.language"].ShouldBe("dotnet");

        // partner call -> gRPC client span -> its HTTP/2 request -> gRPC server span -> database and own spans.
        var request = spans.Single(s => s.SpanId == server.ParentSpanId);
        request.Kind.ShouldBe(ReceivedSpanKind.Client);
        request.Name.ShouldBe("POST");
        var call = spans.Single(s => s.SpanId == request.ParentSpanId);
        call.Kind.ShouldBe(ReceivedSpanKind.Client);
        call.Name.ShouldBe("dit.observability.tests.v1.PatientProbe/Refer");
        call.Attributes["rpc.system"].ShouldBe("grpc");
        call.Attributes["rpc.service"].ShouldBe("dit.observability.tests.v1.PatientProbe");
        call.Attributes["rpc.method"].ShouldBe("Refer");
        call.Attributes["rpc.grpc.status_code"].ShouldBe(0L);
        spans.Single(s => s.SpanId == call.ParentSpanId).Name.ShouldBe("partner call");
        var insert = spans.Single(s => s.Attributes.ContainsKey("db.query.text"));
        insert.Attributes["db.system.name"].ShouldBe("postgresql");
        insert.ParentSpanId.ShouldBe(server.SpanId);
        insert.Attributes["db.query.text"].ShouldBe("INSERT INTO referral (nhs_number, name, reason) VALUES ($1, $2, $3)");
        spans.Single(s => s.Name == "screen referral").ParentSpanId.ShouldBe(server.SpanId);
        // The receiver's own requests (the exports) are never traced, or each export would cause another.
        collector.Store.Spans.ShouldNotContain(s => s.Name.Contains("/v1/") || s.Name.Contains("opentelemetry.proto"));
    }

    [Fact]
    public async Task A_log_written_during_a_call_carries_the_calls_trace_and_span()
    {
        await using var collector = await OtlpCollector.StartAsync();
        await using var probe = await StartProbeAsync(collector, OtlpProtocol.HttpProtobuf);

        var traceId = await ReferAsync(probe);

        var log = await collector.LogAsync(l => l.Body.StartsWith("Referral received", StringComparison.Ordinal));
        log.TraceId.ShouldBe(traceId);
        var server = await collector.SpanAsync(s => s.TraceId == traceId && IsReferServerSpan(s));
        log.SpanId.ShouldBe(server.SpanId);
        log.SeverityText.ShouldBe("Information");
        log.Category.ShouldBe(typeof(PatientProbeService).FullName);
        log.Source.ServiceName.ShouldBe("probe");
    }

    [Fact]
    public async Task The_rpc_duration_histogram_is_exported_by_method_and_status()
    {
        await using var collector = await OtlpCollector.StartAsync();
        await using var probe = await StartProbeAsync(collector, OtlpProtocol.HttpProtobuf);

        await ReferAsync(probe);

        var point = await collector.MetricAsync(p => p.Name == "rpc.server.duration" && Equals(p.Attributes.GetValueOrDefault("rpc.method"), "Refer"));
        point.Unit.ShouldBe("s");
        point.Count.ShouldBeGreaterThanOrEqualTo(1UL);
        point.Attributes["rpc.service"].ShouldBe("dit.observability.tests.v1.PatientProbe");
        point.Attributes["rpc.grpc.status_code"].ShouldBe(0L);
        point.Source.ServiceName.ShouldBe("probe");
    }

    internal static bool IsReferServerSpan(ReceivedSpan span) => span.Kind == ReceivedSpanKind.Server && span.Name.EndsWith("/Refer", StringComparison.Ordinal);

    private async Task<ProbeHost> StartProbeAsync(OtlpCollector collector, OtlpProtocol protocol) =>
        await ProbeHost.StartAsync(await servers.CreateDatabaseAsync("export"),
            collector.ExporterSettings("probe", protocol).Append(new("DIT_INSTANCE_ID", "probe-7")));

    private static async Task<string> ReferAsync(ProbeHost probe)
    {
        using var caller = Partner.StartActivity("partner call", ActivityKind.Client)!;
        await probe.Client.ReferAsync(new ReferRequest { NhsNumber = "4010232137", Name = "Test Patient", Reason = "none" },
            cancellationToken: TestContext.Current.CancellationToken);
        return caller.TraceId.ToString();
    }
}
