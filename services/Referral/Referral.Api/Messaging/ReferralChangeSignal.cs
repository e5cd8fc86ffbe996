namespace DitCloud.Referral.Api.Messaging;

/// <summary>
/// Wakes every WatchReferrals stream in this process when a referral may have changed: right after
/// this replica saves a change, and when another replica's event arrives (<see cref="ReferralEventsListener"/>).
/// A wake-up carries nothing: streams read the change feed, so a missed or extra one costs only latency.
/// </summary>
public sealed class ReferralChangeSignal
{
    private TaskCompletionSource next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next <see cref="Notify"/>. Take it before reading, so a change made during the read still wakes.</summary>
    public Task NextChange => Volatile.Read(ref next).Task;

    public void Notify() =>
        Interlocked.Exchange(ref next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
