using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace DitCloud.ServiceDefaults.Security;

public static class CallerContextExtensions
{
    /// <summary>
    /// The verified caller of this gRPC call; UNAUTHENTICATED, saying why, when the call carried no
    /// token or one this service refused.
    /// </summary>
    public static Caller GetCaller(this ServerCallContext context)
    {
        var http = context.GetHttpContext();
        return http.FindCaller() ?? throw new RpcException(new Status(StatusCode.Unauthenticated, http.CallerRefusal()));
    }

    /// <summary>The verified caller if it holds <paramref name="scope"/>; PERMISSION_DENIED naming the scope otherwise.</summary>
    public static Caller RequireScope(this ServerCallContext context, string scope)
    {
        var caller = context.GetCaller();
        return caller.HasScope(scope) ? caller : throw MissingScope(scope);
    }

    /// <summary>The verified caller of an HTTP request, or null (no token, or a refused one).</summary>
    public static Caller? FindCaller(this HttpContext context) => context.Features.Get<CallerOutcome>()?.Caller;

    /// <summary>Why the request has no verified caller, as a message the caller can act on.</summary>
    public static string CallerRefusal(this HttpContext context) =>
        context.Features.Get<CallerOutcome>()?.Failure
        ?? "This call needs an access token: send the header 'authorization: Bearer <token>' " +
           "(partners get one from the gateway's token endpoint, clinicians by signing in).";

    internal static RpcException MissingScope(string scope) =>
        new(new Status(StatusCode.PermissionDenied, $"This call needs the scope '{scope}', which the access token does not grant."));
}
