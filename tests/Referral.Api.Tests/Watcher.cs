using System.Threading.Channels;
using DitCloud.Referral.V1;
using Grpc.Core;

namespace DitCloud.Referral.Api.Tests;

/// <summary>A WatchReferrals stream read in the background, for tests to take changes from.</summary>
internal sealed class Watcher : IAsyncDisposable
{
    private readonly AsyncServerStreamingCall<WatchReferralsResponse> call;
    private readonly CancellationTokenSource stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
    private readonly Channel<WatchReferralsResponse> changes = Channel.CreateUnbounded<WatchReferralsResponse>();
    private readonly Task reading;

    private Watcher(AsyncServerStreamingCall<WatchReferralsResponse> call)
    {
        this.call = call;
        reading = ReadAsync();
    }

    /// <summary>How the stream ended: with an RpcException, or not yet.</summary>
    public Task Completion => reading;

    /// <summary>Opens the stream and waits until the server says it is live.</summary>
    public static async Task<Watcher> StartAsync(ReferralService.ReferralServiceClient client, WatchReferralsRequest? request = null)
    {
        var watcher = new Watcher(client.WatchReferrals(request ?? new WatchReferralsRequest()));
        await watcher.call.ResponseHeadersAsync.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        return watcher;
    }

    /// <summary>The next <paramref name="count"/> changes of one referral, skipping other referrals'.</summary>
    public async Task<List<WatchReferralsResponse>> NextAsync(string referralId, int count, int seconds = 20)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        var found = new List<WatchReferralsResponse>();
        try
        {
            while (found.Count < count)
            {
                var change = await changes.Reader.ReadAsync(timeout.Token);
                if (change.Referral.ReferralId == referralId) found.Add(change);
            }
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            throw new TimeoutException($"{found.Count} of {count} changes of referral {referralId} arrived in {seconds} s");
        }
        return found;
    }

    /// <summary>Every change received so far and not yet taken.</summary>
    public List<WatchReferralsResponse> Drain()
    {
        var all = new List<WatchReferralsResponse>();
        while (changes.Reader.TryRead(out var change)) all.Add(change);
        return all;
    }

    private async Task ReadAsync()
    {
        await Task.Yield();
        await foreach (var change in call.ResponseStream.ReadAllAsync(stop.Token))
        {
            changes.Writer.TryWrite(change);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try { await reading; } catch (Exception e) when (e is OperationCanceledException or RpcException) { }
        call.Dispose();
        stop.Dispose();
    }
}
