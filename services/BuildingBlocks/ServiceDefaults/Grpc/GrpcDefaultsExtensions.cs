using Grpc.AspNetCore.Server;
using Grpc.Net.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

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
        var limits = builder.Configuration.GetSection(GrpcLimitsOptions.Section).Get<GrpcLimitsOptions>() ?? new GrpcLimitsOptions();
        builder.Services.AddGrpc(options =>
        {
            options.MaxReceiveMessageSize = limits.MaxMessageBytes;
            options.MaxSendMessageSize = limits.MaxMessageBytes;
            options.EnableDetailedErrors = false;
            options.ResponseCompressionAlgorithm = "gzip";
            options.ResponseCompressionLevel = System.IO.Compression.CompressionLevel.Fastest;
            options.CompressionProviders = [new GzipCompressionProvider(System.IO.Compression.CompressionLevel.Fastest)];
            options.Interceptors.Add<ServerCallInterceptor>();
        });
        // One interceptor for the process: grpc-dotnet would otherwise build one per call.
        builder.Services.AddSingleton<ServerCallInterceptor>();
        builder.Services.AddGrpcReflection();
        // grpc.health.v1 answers from the same checks as /health: NOT_SERVING while a dependency is down.
        builder.Services.AddGrpcHealthChecks(options => options.Services.Map("", _ => true));
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
