using DitCloud.Hosting.Model;
using DitCloud.Hosting.Processes;

namespace DitCloud.Hosting.Telemetry;

public static class TraceViewerExtensions
{
    /// <summary>
    /// Starts the AppHost's OTLP receiver and trace pages and points every project declared so far at
    /// them (call it after the projects, before Build). When the AppHost's own environment sets
    /// OTEL_EXPORTER_OTLP_ENDPOINT, the projects inherit that instead and nothing is started (null);
    /// when publishing, nothing is started either and no project is changed.
    /// </summary>
    public static async Task<OtlpReceiver?> StartTraceViewerAsync(this DistributedApplicationBuilder builder, CancellationToken cancellationToken = default)
    {
        if (builder.Options.Publish is not null) return null;
        if (Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT") is { Length: > 0 } external)
        {
            builder.Log.Write("telemetry", LogLevelHint.Host, $"projects export to {external} (OTEL_EXPORTER_OTLP_ENDPOINT is set); no local trace viewer");
            return null;
        }
        var receiver = await OtlpReceiver.StartAsync(cancellationToken: cancellationToken);
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            foreach (var (name, value) in ExportSettings(receiver))
            {
                // A project's own WithEnvironment setting wins.
                project.Environment.TryAdd(name, value);
            }
        }
        builder.Log.Write("telemetry", LogLevelHint.Host, $"recent traces at {receiver.HttpEndpoint} (it receives OTLP/HTTP there and OTLP/gRPC at {receiver.GrpcEndpoint})");
        return receiver;
    }

    /// <summary>Where and how a project exports to the local receiver: soon after the fact, for a developer watching.</summary>
    public static IReadOnlyDictionary<string, string> ExportSettings(OtlpReceiver receiver) => new Dictionary<string, string>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.HttpEndpoint.ToString().TrimEnd('/'),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "1000",
        ["OTEL_BLRP_SCHEDULE_DELAY"] = "1000",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "10000",
    };
}
