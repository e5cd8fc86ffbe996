using Grpc.AspNetCore.Server;
using Grpc.Net.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DitCloud.ServiceDefaults.Grpc;

public static class GrpcDefaultsExtensions
{
    /// <summary>
    /// gRPC the way every DitCloud service serves it: validation, error mapping, size limits, deadline
    /// caps, gzip, reflection, grpc.health.v1 following the readiness checks. Kestrel listens where the
    /// "Kestrel:Endpoints" settings say (the AppHost writes an HTTP/2-only "grpc" endpoint and an
    /// HTTP/1.1 "http" one; a "Certificate" there turns on TLS).
    /// </summary>
    public static IServiceCollection AddGrpcDefaults(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<GrpcLimitsOptions>(GrpcLimitsOptions.Section);
        builder.Services.AddGrpc(options =>
        {
            options.EnableDetailedErrors = false;
            options.ResponseCompressionAlgorithm = "gzip";
            options.ResponseCompressionLevel = System.IO.Compression.CompressionLevel.Fastest;
            options.CompressionProviders = [new GzipCompressionProvider(System.IO.Compression.CompressionLevel.Fastest)];
            options.Interceptors.Add<ServerCallInterceptor>();
        });
        // The size limits come from the same validated settings the rest of the service reads.
        builder.Services.AddOptions<GrpcServiceOptions>().Configure<IOptions<GrpcLimitsOptions>>((options, limits) =>
        {
            options.MaxReceiveMessageSize = limits.Value.MaxMessageBytes;
            options.MaxSendMessageSize = limits.Value.MaxMessageBytes;
        });
        // One interceptor for the process: grpc-dotnet would otherwise build one per call.
        builder.Services.AddSingleton<ServerCallInterceptor>();
        builder.Services.AddGrpcReflection();
        // grpc.health.v1 answers from the same checks as /health: NOT_SERVING while a dependency is down.
        // "" is readiness (every check: dependencies included); "liveness" only the process itself,
        // which Kubernetes' native gRPC liveness probe asks for, so a broker outage never restarts pods.
        builder.Services.AddGrpcHealthChecks(options =>
        {
            options.Services.Map("", _ => true);
            options.Services.Map("liveness", registration => registration.Tags.Contains(ServiceDefaultsExtensions.LiveTag));
        });
        builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.Http2.MaxStreamsPerConnection = 1000);
        return builder.Services;
    }

    /// <summary>Registers the rules for one request message (see <see cref="IRequestValidator{TRequest}"/>).</summary>
    public static IServiceCollection AddRequestValidator<TRequest, TValidator>(this IServiceCollection services)
        where TValidator : class, IRequestValidator<TRequest> =>
        services.AddSingleton<IRequestValidator<TRequest>, TValidator>();

    /// <summary>gRPC-web on every gRPC endpoint (binary and text), the deadline cap, reflection and health.</summary>
    public static WebApplication UseGrpcDefaults(this WebApplication app)
    {
        app.UseMiddleware<DeadlineCapMiddleware>();
        app.UseGrpcWeb(new GrpcWebOptions { DefaultEnabled = true });
        app.MapGrpcReflectionService();
        app.MapGrpcHealthChecksService();
        return app;
    }
}
