using System.Collections.Concurrent;
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
        RunAsync(context, (request, continuation, owner: this), static (state, context) =>
        {
            state.owner.Validate(state.request);
            return state.continuation(state.request, context);
        });

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation) =>
        RunAsync(context, (request, responseStream, continuation, owner: this), static async (state, context) =>
        {
            state.owner.Validate(state.request);
            await state.continuation(state.request, state.responseStream, context);
            return true;
        });

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation) =>
        RunAsync(context, (requestStream, continuation, owner: this), static (state, context) =>
            state.continuation(new ValidatingReader<TRequest>(state.requestStream, state.owner), context));

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation) =>
        RunAsync(context, (requestStream, responseStream, continuation, owner: this), static async (state, context) =>
        {
            await state.continuation(new ValidatingReader<TRequest>(state.requestStream, state.owner), state.responseStream, context);
            return true;
        });

    private void Validate<TRequest>(TRequest request)
    {
        if (services.GetService<IRequestValidator<TRequest>>() is not { } validator) return;
        var violations = validator.Validate(request).ToList();
        if (violations.Count > 0) throw RpcErrors.InvalidArgument(violations);
    }

    // The call's state travels as an argument to a static lambda: no closure is allocated per call. A
    // handler that finishes synchronously (most unary calls that fail validation or read a cache) is
    // recorded and returned without an async state machine.
    private Task<T> RunAsync<TState, T>(ServerCallContext context, TState state, Func<TState, ServerCallContext, Task<T>> call)
    {
        var started = Stopwatch.GetTimestamp();
        Task<T> running;
        try
        {
            _authorizer?.Authorize(context);
            running = call(state, context);
        }
        catch (Exception e)
        {
            return Task.FromException<T>(Failed(context, started, e));
        }
        if (!running.IsCompletedSuccessfully) return AwaitAsync(context, started, running);
        Record(context, started, StatusCode.OK);
        return running;
    }

    private async Task<T> AwaitAsync<T>(ServerCallContext context, long started, Task<T> running)
    {
        T result;
        try
        {
            result = await running;
        }
        catch (Exception e)
        {
            throw Failed(context, started, e);
        }
        Record(context, started, StatusCode.OK);
        return result;
    }

    /// <summary>What the caller gets for a failure (see the class summary), recorded with its status.</summary>
    private RpcException Failed(ServerCallContext context, long started, Exception failure)
    {
        var answer = failure switch
        {
            RpcException rpc => rpc,
            DomainException domain => RpcErrors.From(domain),
            OperationCanceledException when context.CancellationToken.IsCancellationRequested =>
                context.Deadline <= DateTime.UtcNow
                    ? new RpcException(new Status(StatusCode.DeadlineExceeded, "The deadline was exceeded."))
                    : new RpcException(new Status(StatusCode.Cancelled, "The call was cancelled.")),
            _ => Unexpected(context, failure),
        };
        Record(context, started, answer.StatusCode);
        return answer;
    }

    private RpcException Unexpected(ServerCallContext context, Exception failure)
    {
        // The caller sees only an id to quote; the log has the exception, never sent over the wire.
        var errorId = Guid.NewGuid().ToString("N")[..12];
        LogUnexpected(logger, failure, context.Method, errorId);
        return new RpcException(new Status(StatusCode.Internal, $"An unexpected error occurred (error id {errorId}). Quote the id when reporting it."));
    }

    private static void Record(ServerCallContext context, long started, StatusCode status)
    {
        var span = Activity.Current;
        if (!Duration.Enabled && span is null) return;
        var method = MethodTags.Of(context.Method);
        var code = StatusCodes.Boxed(status);
        if (Duration.Enabled)
        {
            Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
                [new("rpc.system", "grpc"), new("rpc.service", method.Service), new("rpc.method", method.Method), new("rpc.grpc.status_code", code)]);
        }
        // The server span ASP.NET Core started for this request (named "POST /service/method"),
        // tagged by the OpenTelemetry RPC conventions.
        span?.SetTag("rpc.system", "grpc").SetTag("rpc.service", method.Service).SetTag("rpc.method", method.Method).SetTag("rpc.grpc.status_code", code);
    }

    /// <summary>A method's service and name, split once per method rather than on every call.</summary>
    private sealed record MethodTags(string Service, string Method)
    {
        private static readonly ConcurrentDictionary<string, MethodTags> Known = new(StringComparer.Ordinal);

        public static MethodTags Of(string fullMethod) => Known.TryGetValue(fullMethod, out var known)
            ? known
            // Bounded: only methods the service maps reach an interceptor.
            : Known.GetOrAdd(fullMethod, static name =>
            {
                var slash = name.LastIndexOf('/');
                return slash <= 0 ? new(name, "") : new(name[1..slash], name[(slash + 1)..]);
            });
    }

    /// <summary>Status codes as tag values, boxed once.</summary>
    private static class StatusCodes
    {
        private static readonly object[] Values = [.. Enumerable.Range(0, 17).Select(code => (object)code)];

        public static object Boxed(StatusCode status) => (int)status is >= 0 and < 17 and var code ? Values[code] : (int)status;
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
