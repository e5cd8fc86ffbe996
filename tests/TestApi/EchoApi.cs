using DitCloud.ServiceDefaults;
using DitCloud.ServiceDefaults.Grpc;
using DitCloud.Testing.V1;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DitCloud.TestApi;

/// <summary>Builds the echo API exactly as a DitCloud service is built; the switchable dependency drives health tests.</summary>
public static class EchoApi
{
    public static WebApplication Build(string[] args, Func<bool> dependencyUp, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseKestrel();
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.AddServiceDefaults();
        builder.AddGrpcDefaults();
        builder.Services.AddHealthChecks().AddCheck("dependency", () => dependencyUp() ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("down"));
        builder.Services.AddRequestValidator<EchoRequest, EchoRequestValidator>();
        builder.Services.AddRequestValidator<EchoServerStreamRequest, EchoRequestValidator>();
        builder.Services.AddRequestValidator<EchoClientStreamRequest, EchoRequestValidator>();

        var app = builder.Build();
        app.UseGrpcDefaults();
        app.MapGrpcService<EchoApiService>();
        app.MapDefaultEndpoints();
        return app;
    }
}
