using Grpc.Core;
using Grpc.Core.Interceptors;

namespace DitCloud.ServiceDefaults.Grpc;

/// <summary>Gives a client call a deadline when its caller set none, so no call waits forever.</summary>
internal sealed class DefaultDeadlineInterceptor(TimeSpan deadline) : Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, WithDeadline(context));

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, WithDeadline(context));

    private ClientInterceptorContext<TRequest, TResponse> WithDeadline<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context)
        where TRequest : class where TResponse : class =>
        context.Options.Deadline is not null
            ? context
            : new(context.Method, context.Host, context.Options.WithDeadline(DateTime.UtcNow + deadline));
}
