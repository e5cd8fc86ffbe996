using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace DitCloud.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    /// <summary>The health-check tag for liveness: the process itself works (no dependency is asked).</summary>
    public const string LiveTag = "live";

    /// <summary>
    /// Telemetry (OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set), liveness and readiness checks, and a
    /// shutdown that drains in-flight work. Call first in every service's Program.cs.
    /// </summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddDefaultTelemetry();
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        // Kubernetes and the AppHost send SIGTERM and wait; in-flight calls get this long to finish.
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(25));
        return builder;
    }

    /// <summary>
    /// /alive answers while the process works; /health answers healthy only when every dependency
    /// check passes (readiness: route traffic here).
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health");
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag) });
        return app;
    }
}
