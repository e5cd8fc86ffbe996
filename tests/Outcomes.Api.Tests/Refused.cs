using Google.Rpc;
using Grpc.Core;

namespace DitCloud.Outcomes.Api.Tests;

internal static class Refused
{
    /// <summary>Asserts the call fails with <paramref name="status"/>, and returns the failure.</summary>
    public static async Task<RpcException> With(StatusCode status, Func<Task> call)
    {
        var failure = await Should.ThrowAsync<RpcException>(call);
        failure.StatusCode.ShouldBe(status, failure.Status.Detail);
        return failure;
    }

    /// <summary>Asserts INVALID_ARGUMENT and returns the fields its google.rpc.BadRequest names, in order.</summary>
    public static async Task<IReadOnlyList<string>> Fields(Func<Task> call)
    {
        var failure = await With(StatusCode.InvalidArgument, call);
        var details = failure.GetRpcStatus()?.GetDetail<BadRequest>();
        details.ShouldNotBeNull("INVALID_ARGUMENT carries google.rpc.BadRequest");
        return [.. details.FieldViolations.Select(violation => violation.Field)];
    }
}
