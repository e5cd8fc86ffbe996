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
            var asked = ParseTimeout(context.Request.Headers[TimeoutHeader].ToString());
            if (asked is null || asked > cap)
            {
                // grpc-timeout allows at most 8 digits: seconds keep an hour-scale cap in range.
                context.Request.Headers[TimeoutHeader] = ((long)Math.Ceiling(cap.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "S";
            }
        }
        return next(context);
    }

    /// <summary>Reads "100m", "5S", "2H" ... (the gRPC over HTTP/2 timeout format); null when absent or malformed.</summary>
    internal static TimeSpan? ParseTimeout(string value)
    {
        if (value.Length < 2 || value.Length > 9 || !long.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return null;
        }
        return value[^1] switch
        {
            'H' => TimeSpan.FromHours(amount),
            'M' => TimeSpan.FromMinutes(amount),
            'S' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMilliseconds(amount),
            'u' => TimeSpan.FromMicroseconds(amount),
            'n' => TimeSpan.FromTicks(amount / 100),
            _ => null,
        };
    }
}
