using System.Diagnostics;
using DitCloud.Gateway.Audit;
using DitCloud.Gateway.Routing;
using DitCloud.Gateway.Tokens;
using DitCloud.ServiceDefaults;
using DitCloud.ServiceDefaults.Security;
using Grpc.Core;

namespace DitCloud.Gateway;

/// <summary>Builds the gateway; Program.cs runs it, the tests host it in-process.</summary>
public static class GatewayApp
{
    public static WebApplication Build(string[] args, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        // YARP logs two Information lines per request: measured as a large share of the gateway's CPU.
        builder.Logging.AddFilter("Yarp", LogLevel.Warning);
        builder.AddServiceDefaults();
        builder.AddCallerAuthentication();
        builder.AddGatewayServices();

        var app = builder.Build();
        app.UseCors(GatewayExtensions.BrowserCorsPolicy);
        app.MapTokenEndpoint();
        app.MapDevelopmentSignIn();
        var policy = app.Services.GetRequiredService<GatewayCallPolicy>();
        app.MapReverseProxy(proxy =>
        {
            proxy.Use(policy.InvokeAsync);
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        app.MapFallback(UnknownPathAsync);
        app.MapDefaultEndpoints();
        return app;
    }

    /// <summary>A path no service owns: UNIMPLEMENTED for gRPC (audited like any refusal), 404 otherwise.</summary>
    private static async Task UnknownPathAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var caller = context.FindCaller();
        if (GrpcResponses.IsGrpc(context.Request))
        {
            await GrpcResponses.WriteStatusAsync(context, StatusCode.Unimplemented, $"{context.Request.Path} is not a method callers can use through the gateway.");
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
        }
        await context.RequestServices.GetRequiredService<GatewayAudit>().RecordAsync(context, caller is null ? null : AuditCaller.From(caller),
            context.Request.Path.Value ?? "", GrpcResponses.IsGrpc(context.Request) ? "grpc" : "http",
            GrpcResponses.IsGrpc(context.Request) ? nameof(StatusCode.Unimplemented) : "not found",
            GrpcResponses.IsGrpc(context.Request) ? (int)StatusCode.Unimplemented : 404, started, patientReference: null);
    }
}
