using DitCloud.ServiceDefaults.Security;
using DitCloud.Testing;
using DitCloud.Testing.V1;
using Google.Rpc;
using Grpc.Core;

namespace DitCloud.Gateway.Tests;

/// <summary>A partner's rate limit holds across gateway replicas: they share it through Redis.</summary>
public sealed class RateLimitTests(TwoGateways fixture) : IClassFixture<TwoGateways>
{
    private readonly GatewayTestbed _bed = fixture.Bed;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Calls_spread_over_two_replicas_share_one_limit_and_the_refusal_says_when_to_retry()
    {
        // partner-slow: a burst of 3, then one call a minute (its registration).
        var headers = TestTokens.Headers(TestTokens.Partner("partner-slow", "RX6", Scopes.ReferralRead));
        for (var i = 0; i < 3; i++)
        {
            await _bed.Client(i % 2).EchoAsync(Request(), headers, cancellationToken: Ct);
        }

        var error = await Should.ThrowAsync<RpcException>(async () => await _bed.Client(1).EchoAsync(Request(), headers, cancellationToken: Ct));

        error.StatusCode.ShouldBe(StatusCode.ResourceExhausted);
        var pushback = int.Parse(error.Trailers.GetValue("grpc-retry-pushback-ms")!, System.Globalization.CultureInfo.InvariantCulture);
        pushback.ShouldBeInRange(1, 60_000);
        var retryInfo = error.GetRpcStatus()!.GetDetail<RetryInfo>();
        retryInfo.RetryDelay.ToTimeSpan().TotalMilliseconds.ShouldBe(pushback, tolerance: 1);

        // The other replica agrees, and another partner is not held back.
        (await Should.ThrowAsync<RpcException>(async () => await _bed.Client(0).EchoAsync(Request(), headers, cancellationToken: Ct)))
            .StatusCode.ShouldBe(StatusCode.ResourceExhausted);
        await _bed.Client(0).EchoAsync(Request(), TestTokens.Headers(TestTokens.Partner("partner-a", "RX1", Scopes.ReferralRead)), cancellationToken: Ct);
    }

    [Fact]
    public async Task After_the_pushback_the_partner_may_call_again()
    {
        // partner-retry: a burst of 2, then two calls a second.
        var headers = TestTokens.Headers(TestTokens.Partner("partner-retry", "RX7", Scopes.ReferralRead));
        RpcException? refused = null;
        for (var i = 0; i < 10 && refused is null; i++)
        {
            try
            {
                await _bed.Client(i % 2).EchoAsync(Request(), headers, cancellationToken: Ct);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted)
            {
                refused = e;
            }
        }
        refused.ShouldNotBeNull("the limit was never reached");

        await Task.Delay(int.Parse(refused.Trailers.GetValue("grpc-retry-pushback-ms")!, System.Globalization.CultureInfo.InvariantCulture) + 20, Ct);

        await _bed.Client(0).EchoAsync(Request(), headers, cancellationToken: Ct);
    }

    private static EchoRequest Request() => new() { Payload = new EchoPayload { Message = "limited" } };
}
