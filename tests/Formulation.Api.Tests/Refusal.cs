using Google.Rpc;
using Grpc.Core;

namespace DitCloud.Formulation.Api.Tests;

internal static class Refusal
{
    /// <summary>Asserts the call fails with the status, and returns the failure.</summary>
    public static async Task<RpcException> Of(Func<Task> call, StatusCode expected)
    {
        var failure = await Should.ThrowAsync<RpcException>(call);
        failure.StatusCode.ShouldBe(expected, failure.Status.Detail);
        return failure;
    }

    /// <summary>The fields named in an INVALID_ARGUMENT's google.rpc.BadRequest details.</summary>
    public static IReadOnlyList<string> Fields(this RpcException failure) =>
        [.. failure.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations.Select(v => v.Field) ?? []];
}
