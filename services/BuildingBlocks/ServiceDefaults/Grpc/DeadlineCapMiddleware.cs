using System.Globalization;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace DitCloud.ServiceDefaults.Grpc;

/// <summary>
/// Caps every gRPC call's deadline by rewriting its grpc-timeout header before grpc-dotnet reads it,
/// so the cap is enforced by the framework itself (DEADLINE_EXCEEDED, handler cancelled). A call with
/// no deadline gets the cap; a shorter deadline is kept.
/// </summary>
internal sealed class DeadlineCapMiddleware(RequestDelegate next, IOptions<GrpcLimitsOptions> options)
{
    private const string TimeoutHeader = "grpc-timeout";

    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>() is { } grpc)
        {
            var cap = grpc.Method.Type == MethodType.Unary ? options.Value.MaxDeadline : options.Value.MaxStreamingDeadline;
            var asked = GrpcTimeout.Parse(context.Request.Headers[TimeoutHeader].ToString());
            if (asked is null || asked > cap)
            {
                // grpc-timeout allows at most 8 digits: seconds keep an hour-scale cap in range.
                context.Request.Headers[TimeoutHeader] = ((long)Math.Ceiling(cap.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "S";
            }
        }
        return next(context);
    }
}
