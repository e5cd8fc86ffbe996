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

    private readonly Cap _unary = new(options.Value.MaxDeadline);
    private readonly Cap _streaming = new(options.Value.MaxStreamingDeadline);

    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>() is { } grpc)
        {
            var cap = grpc.Method.Type == MethodType.Unary ? _unary : _streaming;
            var headers = context.Request.Headers;
            var asked = GrpcTimeout.Parse(headers[TimeoutHeader].ToString());
            if (asked is null || asked > cap.Limit)
            {
                headers[TimeoutHeader] = cap.Header;
            }
        }
        return next(context);
    }

    /// <summary>A cap and its header value, formatted once rather than on every call.</summary>
    private sealed class Cap(TimeSpan limit)
    {
        public TimeSpan Limit { get; } = limit;

        // grpc-timeout allows at most 8 digits: seconds keep an hour-scale cap in range.
        public string Header { get; } = ((long)Math.Ceiling(limit.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "S";
    }
}
