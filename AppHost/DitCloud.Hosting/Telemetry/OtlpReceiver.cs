using System.Diagnostics;
using System.IO.Compression;
using DitCloud.Hosting.Servers;
using DitCloud.Hosting.Telemetry.Otlp;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DitCloud.Hosting.Telemetry;

/// <summary>
/// An OTLP endpoint in this process, as an OpenTelemetry collector would offer it: OTLP/HTTP with
/// protobuf bodies (optionally gzip) on an HTTP/1.1 port, OTLP/gRPC on an HTTP/2 port, both on
/// loopback. What arrives goes into <see cref="Store"/>; the HTTP port also serves the trace pages.
/// The AppHost runs one for the projects it starts; tests run one to see what a service exports.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private const string Protobuf = "application/x-protobuf";
    private readonly WebApplication _app;

    private OtlpReceiver(WebApplication app, TelemetryStore store, int httpPort, int grpcPort)
    {
        _app = app;
        Store = store;
        HttpEndpoint = new Uri($"http://127.0.0.1:{httpPort}");
        GrpcEndpoint = new Uri($"http://127.0.0.1:{grpcPort}");
    }

    public TelemetryStore Store { get; }

    /// <summary>The OTLP/HTTP base address (exporters add /v1/traces, /v1/logs, /v1/metrics) and the trace pages.</summary>
    public Uri HttpEndpoint { get; }

    /// <summary>The OTLP/gRPC address.</summary>
    public Uri GrpcEndpoint { get; }

    public static async Task<OtlpReceiver> StartAsync(TelemetryStoreLimits? limits = null, CancellationToken cancellationToken = default)
    {
        var store = new TelemetryStore(limits ?? new TelemetryStoreLimits());
        var httpPort = LoopbackPort.Free();
        var grpcPort = LoopbackPort.Free();

        // An empty builder: no configuration from this process's environment, no logging of its own.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(System.Net.IPAddress.Loopback, httpPort, listen => listen.Protocols = HttpProtocols.Http1);
            kestrel.Listen(System.Net.IPAddress.Loopback, grpcPort, listen => listen.Protocols = HttpProtocols.Http2);
        });
        // The receiver's own requests must not become spans: a service traced in the same process
        // (as in tests) would export them here, and its export would make another one, for ever.
        builder.Services.Replace(ServiceDescriptor.Singleton(new ActivitySource("DitCloud.Hosting.OtlpReceiver")));
        builder.Services.Replace(ServiceDescriptor.Singleton(new DiagnosticListener("DitCloud.Hosting.OtlpReceiver")));
        builder.Services.AddRoutingCore();
        builder.Services.AddGrpc(options => options.MaxReceiveMessageSize = 32 * 1024 * 1024);
        builder.Services.AddSingleton(store);

        var app = builder.Build();
        app.MapGrpcService<TraceExport>();
        app.MapGrpcService<LogsExport>();
        app.MapGrpcService<MetricsExport>();
        app.MapPost("/v1/traces", (HttpContext context) => ReceiveAsync(context, store, "traces", ExportTraceServiceRequest.Parser,
            request => store.Add(OtlpDecoder.Spans(request)), new ExportTraceServiceResponse()));
        app.MapPost("/v1/logs", (HttpContext context) => ReceiveAsync(context, store, "logs", ExportLogsServiceRequest.Parser,
            request => store.Add(OtlpDecoder.Logs(request)), new ExportLogsServiceResponse()));
        app.MapPost("/v1/metrics", (HttpContext context) => ReceiveAsync(context, store, "metrics", ExportMetricsServiceRequest.Parser,
            request => store.Add(OtlpDecoder.Metrics(request)), new ExportMetricsServiceResponse()));
        TracePages.Map(app, store);

        await app.StartAsync(cancellationToken);
        return new OtlpReceiver(app, store, httpPort, grpcPort);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task ReceiveAsync<TRequest>(HttpContext context, TelemetryStore store, string signal,
        MessageParser<TRequest> parser, Action<TRequest> accept, IMessage response) where TRequest : IMessage<TRequest>
    {
        if (context.Request.ContentType?.StartsWith(Protobuf, StringComparison.OrdinalIgnoreCase) != true)
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            await context.Response.WriteAsync($"Send OTLP as {Protobuf} (OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf).");
            return;
        }
        var gzip = string.Equals(context.Request.Headers.ContentEncoding, "gzip", StringComparison.OrdinalIgnoreCase);
        using var body = new MemoryStream();
        await using (var source = gzip ? new GZipStream(context.Request.Body, CompressionMode.Decompress) : context.Request.Body)
        {
            await source.CopyToAsync(body, context.RequestAborted);
        }
        TRequest request;
        try
        {
            request = parser.ParseFrom(body.GetBuffer().AsSpan(0, (int)body.Length));
        }
        catch (InvalidProtocolBufferException e)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync($"The body is not an OTLP {signal} export request: {e.Message}");
            return;
        }
        if (store.KeepsPayloads) store.AddPayload(signal, body.ToArray());
        accept(request);
        context.Response.ContentType = Protobuf;
        await context.Response.Body.WriteAsync(response.ToByteArray(), context.RequestAborted);
    }

    private sealed class TraceExport(TelemetryStore store) : TraceService.TraceServiceBase
    {
        public override Task<ExportTraceServiceResponse> Export(ExportTraceServiceRequest request, Grpc.Core.ServerCallContext context)
        {
            if (store.KeepsPayloads) store.AddPayload("traces", request.ToByteArray());
            store.Add(OtlpDecoder.Spans(request));
            return Task.FromResult(new ExportTraceServiceResponse());
        }
    }

    private sealed class LogsExport(TelemetryStore store) : LogsService.LogsServiceBase
    {
        public override Task<ExportLogsServiceResponse> Export(ExportLogsServiceRequest request, Grpc.Core.ServerCallContext context)
        {
            if (store.KeepsPayloads) store.AddPayload("logs", request.ToByteArray());
            store.Add(OtlpDecoder.Logs(request));
            return Task.FromResult(new ExportLogsServiceResponse());
        }
    }

    private sealed class MetricsExport(TelemetryStore store) : MetricsService.MetricsServiceBase
    {
        public override Task<ExportMetricsServiceResponse> Export(ExportMetricsServiceRequest request, Grpc.Core.ServerCallContext context)
        {
            if (store.KeepsPayloads) store.AddPayload("metrics", request.ToByteArray());
            store.Add(OtlpDecoder.Metrics(request));
            return Task.FromResult(new ExportMetricsServiceResponse());
        }
    }
}
