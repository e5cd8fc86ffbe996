using System.Diagnostics;
using DitCloud.Referral.V1;
using Google.Rpc;
using Grpc.Core;

namespace DitCloud.SystemTests;

/// <summary>
/// A partner's rate limit is one limit however many gateway replicas it calls: the replicas share
/// it through Redis, so calls alternated between them are admitted only up to the burst plus the
/// sustained rate, and the rest are refused with RESOURCE_EXHAUSTED and the delay to wait.
/// </summary>
public sealed class RateLimitTests(DitCloudSystem system)
{
    private const int Calls = 16;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Calls_alternated_between_gateway_replicas_share_one_limit_and_the_excess_is_told_when_to_retry()
    {
        var partner = await system.PartnerTokenAsync(system.LimitedPartner, gateway: 1);
        var admittedBy = new List<int>();
        var refusals = new List<(int Gateway, RpcException Error)>();
        var clock = Stopwatch.StartNew();
        for (var call = 0; call < Calls; call++)
        {
            try
            {
                await new ReferralService.ReferralServiceClient(system.Gateway(call)).ListReferralsAsync(new ListReferralsRequest(), partner, cancellationToken: Ct);
                admittedBy.Add(call % DitCloudSystem.Replicas);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted)
            {
                refusals.Add((call % DitCloudSystem.Replicas, e));
            }
        }
        var window = clock.Elapsed;

        // Within the window the partner earns its burst plus one call per emission interval (and one for the interval under way).
        var allowed = DitCloudSystem.LimitedBurst + (int)Math.Floor(window.TotalSeconds * DitCloudSystem.LimitedPerSecond) + 1;
        DitCloudSystem.Progress($"rate limit: {admittedBy.Count} admitted, {refusals.Count} refused in {window.TotalSeconds:0.0} s (allowed at most {allowed})");
        admittedBy.Count.ShouldBeGreaterThanOrEqualTo(DitCloudSystem.LimitedBurst, "the burst is admitted");
        admittedBy.Count.ShouldBeLessThanOrEqualTo(allowed, "the two replicas together admit no more than one limit");
        admittedBy.Distinct().Count().ShouldBe(DitCloudSystem.Replicas, "both replicas admitted calls");
        refusals.Select(r => r.Gateway).Distinct().Count().ShouldBe(DitCloudSystem.Replicas, "both replicas refused calls over the shared limit");
        foreach (var (_, error) in refusals)
        {
            var pushback = error.Trailers.GetValue("grpc-retry-pushback-ms");
            pushback.ShouldNotBeNull("the refusal says how long to wait (grpc-retry-pushback-ms)");
            int.Parse(pushback).ShouldBeGreaterThan(0);
            var retryInfo = error.GetRpcStatus()?.GetDetail<RetryInfo>();
            retryInfo.ShouldNotBeNull("the refusal carries google.rpc.RetryInfo");
            retryInfo.RetryDelay.ToTimeSpan().ShouldBeGreaterThan(TimeSpan.Zero);
        }
    }
}
