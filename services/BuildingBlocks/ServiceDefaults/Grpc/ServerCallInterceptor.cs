using System.Diagnostics;
using System.Diagnostics.Metrics;
using DitCloud.Domain;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DitCloud.ServiceDefaults.Grpc;

/// <summary>
/// Around every gRPC call: validates the request with its declared rules, maps domain failures to
/// their status, turns anything unexpected into INTERNAL with an error id (logged, never the exception
/// text), and records rpc.server.duration by service, method and status.
/// </summary>
internal sealed partial class ServerCallInterceptor(IServiceProvider services, ILogger<ServerCallInterceptor> logger) : Interceptor
{
    internal static readonly Meter Meter = new(TelemetryExtensions.SourcePrefix + "Grpc");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "rpc.server.duration", "s", "Duration of gRPC calls handled by this service",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    // Present when the service authenticates its callers (AddCallerAuthentication).
    private readonly Security.CallerAuthorizer? _authorizer = services.GetService<Security.CallerAuthorizer>();

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation) =>
        RunAsync(context, () =>
        {
            Validate(request);
            return continuation(request, context);
        });

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation) =>
        RunAsync(context, async () =>
        {
            Validate(request);
            await continuation(request, responseStream, context);
            return true;
        });

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation) =>
        RunAsync(context, () => continuation(new ValidatingReader<TRequest>(requestStream, this), context));

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation) =>
        RunAsync(context, async () =>
        {
            await continuation(new ValidatingReader<TRequest>(requestStream, this), responseStream, context);
            return true;
        });

    private void Validate<TRequest>(TRequest request)
    {
        if (services.GetService<IRequestValidator<TRequest>>() is not { } validator) return;
        var violations = validator.Validate(request).ToList();
        if (violations.Count > 0) throw RpcErrors.InvalidArgument(violations);
    }

    private async Task<T> RunAsync<T>(ServerCallContext context, Func<Task<T>> call)
    {
        var started = Stopwatch.GetTimestamp();
        var status = StatusCode.OK;
        try
        {
            _authorizer?.Authorize(context);
            return await call();
        }
        catch (RpcException e)
        {
            status = e.StatusCode;
            throw;
        }
        catch (DomainException e)
        {
            var mapped = RpcErrors.From(e);
            status = mapped.StatusCode;
            throw mapped;
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            status = context.Deadline <= DateTime.UtcNow ? StatusCode.DeadlineExceeded : StatusCode.Cancelled;
            throw new RpcException(new Status(status, status == StatusCode.Cancelled ? "The call was cancelled." : "The deadline was exceeded."));
        }
        catch (Exception e)
        {
            // The caller sees only an id to quote; the log has the exception, never sent over the wire.
            status = StatusCode.Internal;
            var errorId = Guid.NewGuid().ToString("N")[..12];
            LogUnexpected(logger, e, context.Method, errorId);
            throw new RpcException(new Status(StatusCode.Internal, $"An unexpected error occurred (error id {errorId}). Quote the id when reporting it."));
        }
        finally
        {
            var (service, method) = SplitMethod(context.Method);
            Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
                new("rpc.system", "grpc"), new("rpc.service", service), new("rpc.method", method), new("rpc.grpc.status_code", (int)status));
            // The server span ASP.NET Core started for this request (named "POST /service/method"),
            // tagged by the OpenTelemetry RPC conventions.
            if (Activity.Current is { } span)
            {
                span.SetTag("rpc.system", "grpc").SetTag("rpc.service", service).SetTag("rpc.method", method).SetTag("rpc.grpc.status_code", (int)status);
            }
        }
    }

    private static (string Service, string Method) SplitMethod(string fullMethod)
    {
        var slash = fullMethod.LastIndexOf('/');
        return slash <= 0 ? (fullMethod, "") : (fullMethod[1..slash], fullMethod[(slash + 1)..]);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure in {Method}; error id {ErrorId}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, string errorId);

    /// <summary>Validates each message of a client stream as it is read.</summary>
    private sealed class ValidatingReader<T>(IAsyncStreamReader<T> inner, ServerCallInterceptor owner) : IAsyncStreamReader<T>
    {
        public T Current => inner.Current;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            if (!await inner.MoveNext(cancellationToken)) return false;
            owner.Validate(inner.Current);
            return true;
        }
    }
}
