using System.Reflection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Resources;

namespace DitCloud.ServiceDefaults.Telemetry;

/// <summary>
/// Who is sending: service.name, service.version, service.instance.id and deployment.environment.name
/// on every span, log and metric. Defaults come from the process; the standard OTEL_SERVICE_NAME and
/// OTEL_RESOURCE_ATTRIBUTES settings, read last, override them.
/// </summary>
internal static class ServiceResource
{
    /// <summary>Names this process among its replicas (e.g. the pod name); host and pid when unset.</summary>
    public const string InstanceIdSetting = "DIT_INSTANCE_ID";

    public static ResourceBuilder Configure(ResourceBuilder resource, IHostApplicationBuilder builder) => resource
        .Clear()
        .AddService(
            serviceName: builder.Environment.ApplicationName,
            serviceVersion: Version(),
            autoGenerateServiceInstanceId: false,
            serviceInstanceId: builder.Configuration[InstanceIdSetting] is { Length: > 0 } id ? id : $"{Environment.MachineName}-{Environment.ProcessId}")
        // From ASPNETCORE_ENVIRONMENT or DOTNET_ENVIRONMENT, as the host resolved it.
        .AddAttributes([new("deployment.environment.name", builder.Environment.EnvironmentName.ToLowerInvariant())])
        .AddTelemetrySdk()
        .AddEnvironmentVariableDetector();

    /// <summary>The service's informational version, e.g. "1.0.0+3f2c9e1" (the commit the build came from).</summary>
    private static string Version() =>
        Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
