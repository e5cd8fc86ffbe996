using Google.Rpc;
using Grpc.Core;

namespace DitCloud.Scheduling.Api.Tests;

internal static class Assertions
{
    /// <summary>The call fails with <paramref name="status"/>; returns the exception for more checks.</summary>
    public static async Task<RpcException> FailsWith<T>(this AsyncUnaryCall<T> call, StatusCode status)
    {
        var failure = await Should.ThrowAsync<RpcException>(call.ResponseAsync);
        failure.StatusCode.ShouldBe(status, failure.Status.Detail);
        return failure;
    }

    /// <summary>INVALID_ARGUMENT with a google.rpc.BadRequest violation on <paramref name="field"/> saying <paramref name="says"/>.</summary>
    public static async Task<string> RefusesField<T>(this AsyncUnaryCall<T> call, string field, string says)
    {
        var failure = await call.FailsWith(StatusCode.InvalidArgument);
        var badRequest = failure.GetRpcStatus()?.GetDetail<BadRequest>();
        badRequest.ShouldNotBeNull("INVALID_ARGUMENT carries google.rpc.BadRequest details");
        var violation = badRequest.FieldViolations.FirstOrDefault(v => v.Field == field);
        violation.ShouldNotBeNull($"expected a violation on {field}; got {string.Join(", ", badRequest.FieldViolations.Select(v => $"{v.Field}: {v.Description}"))}");
        violation.Description.ShouldContain(says, Case.Insensitive);
        failure.Status.Detail.ShouldContain(field);
        return violation.Description;
    }
}

internal static class Messages
{
    /// <summary>A copy of a request with one change, for trying variations of a valid request.</summary>
    public static T With<T>(this T message, Action<T> change) where T : Google.Protobuf.IMessage<T>, Google.Protobuf.IDeepCloneable<T>
    {
        var copy = message.Clone();
        change(copy);
        return copy;
    }
}
