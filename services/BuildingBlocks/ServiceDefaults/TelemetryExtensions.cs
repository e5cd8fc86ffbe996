using DitCloud.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace DitCloud.ServiceDefaults;

public static class TelemetryExtensions
{
    /// <summary>The prefix of every ActivitySource and Meter our own code creates; all of them are exported.</summary>
    public const string SourcePrefix = "DitCloud.";

    /// <summary>MassTransit's ActivitySource and Meter.</summary>
    public const string MassTransitSource = "MassTransit";

    private static readonly string[] OtlpEndpointSettings =
    [
        "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT",
    ];

    /// <summary>
    /// Redaction of personal data in logs and spans, always; and when an OTLP endpoint is set
    /// (OTEL_EXPORTER_OTLP_ENDPOINT, protocol from OTEL_EXPORTER_OTLP_PROTOCOL: grpc or http/protobuf)
    /// traces, metrics and logs exported there with the service's resource attributes. With no
    /// endpoint nothing is recorded: telemetry nobody receives would only cost time per call.
    /// </summary>
    public static TBuilder AddDefaultTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        AddQuietLoggingDefaults(builder.Configuration);
        builder.AddTelemetryRedaction();
        if (!IsExporting(builder.Configuration)) return builder;

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => ServiceResource.Configure(resource, builder))
            .WithTracing(tracing => tracing
                // First, so the exporter added below only ever sees cleaned spans.
                .AddProcessor<PersonalDataSpanProcessor>()
                .AddProcessor<GrpcClientSpanProcessor>()
                .AddSource(SourcePrefix + "*", MassTransitSource, GrpcClientSpanProcessor.SourceName)
                // Health probes every few seconds would drown the traces that matter.
                .AddAspNetCoreInstrumentation(options => options.Filter = context =>
                    !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments("/alive"))
                // Under each gRPC call's span: the HTTP/2 request that carries it.
                .AddHttpClientInstrumentation()
                // Commands as spans with db.query.text (placeholders, never parameter values).
                .AddNpgsql())
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(SourcePrefix + "*", MassTransitSource))
            .WithLogging(configureBuilder: null, configureOptions: logging =>
            {
                logging.IncludeFormattedMessage = true;
                logging.IncludeScopes = true;
            })
            .UseOtlpExporter();
        return builder;
    }

    private static bool IsExporting(IConfiguration configuration) =>
        !string.Equals(configuration["OTEL_SDK_DISABLED"], "true", StringComparison.OrdinalIgnoreCase)
        && OtlpEndpointSettings.Any(setting => !string.IsNullOrWhiteSpace(configuration[setting]));

    /// <summary>
    /// No log line per request or per SQL command by default: they cost CPU on every call and the
    /// spans carry the same facts. Added below every other source, so a setting (Logging__LogLevel__...) still wins.
    /// </summary>
    private static void AddQuietLoggingDefaults(IConfigurationBuilder configuration) =>
        configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                // This category only logs each request's start and end, but while it is on at any level
                // ASP.NET Core opens a logging scope (and, with no tracing, an Activity) for every request.
                // Logs still carry trace ids: they come from the request's span when tracing is on.
                ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "None",
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Warning",
                ["Logging:LogLevel:Yarp"] = "Warning",
            },
        });
}
