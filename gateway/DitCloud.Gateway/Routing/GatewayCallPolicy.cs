using System.Diagnostics;
using System.Globalization;
using DitCloud.Gateway.Audit;
using DitCloud.Gateway.Limits;
using DitCloud.Gateway.Tokens;
using DitCloud.ServiceDefaults.Grpc;
using DitCloud.ServiceDefaults.Security;
using Grpc.Core;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace DitCloud.Gateway.Routing;

/// <summary>
/// Every proxied call, in YARP's pipeline before it is forwarded: a verified caller (the token's
/// signature, issuer, audience and lifetime checked here and again by the service), a method open
/// through the gateway, the scope it needs, the caller's rate limit, and a deadline within the caps.
/// Refusals are gRPC statuses the gateway answers itself; proxy failures become UNAVAILABLE or
/// DEADLINE_EXCEEDED instead of bare HTTP errors. Every call, refused or not, is audited.
/// </summary>
public sealed class GatewayCallPolicy(MethodTable methods, PartnerRegistry partners, RateLimiter limiter, GatewayAudit audit, IOptions<GatewayOptions> options)
{
    /// <summary>Where the response transform leaves the service's pseudonymous patient reference (header dit-patient-ref) for the audit.</summary>
    internal const string PatientReferenceItem = "dit.patient-reference";

    private readonly GatewayOptions _options = options.Value;

    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var started = Stopwatch.GetTimestamp();
        var path = context.Request.Path.Value ?? "";
        var caller = context.FindCaller();
        var transport = Transport(context.Request);
        if (transport == "http")
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            await audit.RecordAsync(context, caller is null ? null : AuditCaller.From(caller), path, transport, "not gRPC", 415, started, null);
            return;
        }

        var refusal = await CheckAsync(context, caller, path);
        if (refusal is { } refused)
        {
            await GrpcResponses.WriteStatusAsync(context, refused.Code, refused.Message, refused.RetryAfter);
            await audit.RecordAsync(context, caller is null ? null : AuditCaller.From(caller), path, transport, refused.Code.ToString(), (int)refused.Code, started, null);
            return;
        }

        await next();
        var outcome = await OutcomeAsync(context);
        await audit.RecordAsync(context, AuditCaller.From(caller!), path, transport, outcome.Name, outcome.Code, started,
            context.Items[PatientReferenceItem] as string);
    }

    private async Task<(StatusCode Code, string Message, TimeSpan? RetryAfter)?> CheckAsync(HttpContext context, Caller? caller, string path)
    {
        if (caller is null) return (StatusCode.Unauthenticated, context.CallerRefusal(), null);
        if (methods.Find(path) is not { } method) return (StatusCode.Unimplemented, $"{path} is not a method callers can use through the gateway.", null);
        if (!method.AnyOfScopes.Any(caller.HasScope))
            return (StatusCode.PermissionDenied, $"This call needs the scope '{string.Join("' or '", method.AnyOfScopes)}', which the access token does not grant.", null);

        var (perSecond, burst) = Limits(caller);
        var decision = await limiter.TryAcquireAsync($"{caller.Kind}:{caller.Id}", perSecond, burst);
        if (!decision.Allowed)
            return (StatusCode.ResourceExhausted, $"Rate limit reached for this caller; retry after {decision.RetryAfter.TotalMilliseconds:0} ms.", decision.RetryAfter);

        CapDeadline(context.Request, method.Streaming ? _options.Limits.MaxStreamingDeadline : _options.Limits.MaxDeadline);
        context.Items[typeof(GatewayMethod)] = method;
        return null;
    }

    private (double PerSecond, int Burst) Limits(Caller caller)
    {
        var partner = caller.Kind == CallerKind.Partner ? partners.Find(caller.Id) : null;
        return (partner?.RequestsPerSecond ?? _options.RateLimits.RequestsPerSecond, partner?.Burst ?? _options.RateLimits.Burst);
    }

    /// <summary>The service enforces the deadline (and answers DEADLINE_EXCEEDED); the gateway only lowers it.</summary>
    private static void CapDeadline(HttpRequest request, TimeSpan cap)
    {
        var asked = GrpcTimeout.Parse(request.Headers["grpc-timeout"].ToString());
        if (asked is null || asked > cap) request.Headers["grpc-timeout"] = GrpcTimeout.Format(cap);
    }

    /// <summary>The call's gRPC status as the service answered it, or the one the gateway gives a proxy failure.</summary>
    private static async Task<(string Name, int Code)> OutcomeAsync(HttpContext context)
    {
        if (context.GetForwarderErrorFeature() is { } failure)
        {
            var code = failure.Error switch
            {
                ForwarderError.RequestTimedOut => StatusCode.DeadlineExceeded,
                ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.ResponseBodyCanceled => StatusCode.Cancelled,
                _ => StatusCode.Unavailable,
            };
            var message = failure.Error == ForwarderError.NoAvailableDestinations
                ? "No healthy instance of the service is available; retry with backoff."
                : $"The service could not be reached or stopped answering ({failure.Error}); retry with backoff.";
            if (!context.Response.HasStarted)
            {
                context.Response.Clear();
                await GrpcResponses.WriteStatusAsync(context, code, message);
            }
            else if (context.Response.SupportsTrailers() && !context.RequestAborted.IsCancellationRequested)
            {
                context.Response.AppendTrailer("grpc-status", ((int)code).ToString(CultureInfo.InvariantCulture));
                context.Response.AppendTrailer("grpc-message", message);
            }
            return (code.ToString(), (int)code);
        }
        var status = context.Response.Headers["grpc-status"].ToString();
        if (status.Length == 0) status = context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers["grpc-status"].ToString() ?? "";
        // gRPC-web answers that streamed messages carry their status inside the body.
        return int.TryParse(status, CultureInfo.InvariantCulture, out var grpcStatus)
            ? (((StatusCode)grpcStatus).ToString(), grpcStatus)
            : ("completed", context.Response.StatusCode);
    }

    private static string Transport(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc-web", StringComparison.OrdinalIgnoreCase) == true ? "grpc-web"
        : request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true ? "grpc"
        : "http";
}
