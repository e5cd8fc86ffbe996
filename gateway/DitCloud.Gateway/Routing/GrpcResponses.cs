using System.Globalization;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using RetryInfo = Google.Rpc.RetryInfo;
using Grpc.Core;

namespace DitCloud.Gateway.Routing;

/// <summary>
/// Answers a gRPC or gRPC-web call from the gateway itself: a trailers-only response (HTTP 200, the
/// call's content type, grpc-status and grpc-message as headers, no body), which every gRPC client
/// reads as the call's status.
/// </summary>
internal static class GrpcResponses
{
    /// <summary>Metadata telling a client how long to wait before retrying (gRPC's retry pushback).</summary>
    public const string RetryPushbackHeader = "grpc-retry-pushback-ms";

    public static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;

    public static Task WriteStatusAsync(HttpContext context, StatusCode code, string message, TimeSpan? retryAfter = null)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcContentType(context.Request.ContentType);
        response.Headers["grpc-status"] = ((int)code).ToString(CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = PercentEncode(message);
        if (retryAfter is { } delay)
        {
            response.Headers[RetryPushbackHeader] = ((long)Math.Ceiling(delay.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
            // google.rpc.RetryInfo too, for clients that read rich error details.
            var status = new Google.Rpc.Status
            {
                Code = (int)code,
                Message = message,
                Details = { Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(delay) }) },
            };
            response.Headers["grpc-status-details-bin"] = Convert.ToBase64String(status.ToByteArray()).TrimEnd('=');
        }
        return response.CompleteAsync();
    }

    private static string GrpcContentType(string? requested) =>
        requested?.StartsWith("application/grpc-web-text", StringComparison.OrdinalIgnoreCase) == true ? "application/grpc-web-text+proto"
        : requested?.StartsWith("application/grpc-web", StringComparison.OrdinalIgnoreCase) == true ? "application/grpc-web+proto"
        : "application/grpc";

    /// <summary>grpc-message is percent-encoded UTF-8 (the gRPC over HTTP/2 spec): printable ASCII except % stays.</summary>
    private static string PercentEncode(string message)
    {
        var builder = new StringBuilder(message.Length);
        foreach (var b in Encoding.UTF8.GetBytes(message))
        {
            if (b is >= 0x20 and <= 0x7E && b != (byte)'%') builder.Append((char)b);
            else builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }
}
