using System.Diagnostics.Metrics;
using DitCloud.Referral.Domain;
using DitCloud.ServiceDefaults.Telemetry;

namespace DitCloud.Referral.Api;

/// <summary>
/// Referrals received, accepted and declined (meter "DitCloud.Referral"), each counted once its change
/// has committed. Labels are the change and, for a decline, where the patient was signposted: closed
/// sets, never anything that identifies a patient or a referral.
/// </summary>
public sealed class ReferralMetrics
{
    private static readonly EnumTag<ReferralChange> Change = new("dit.referral.change");
    private static readonly EnumTag<SignpostDestination> SignpostedTo = new("dit.referral.signpost_destination");

    private readonly Counter<long> referrals;

    public ReferralMetrics(IMeterFactory meterFactory) =>
        referrals = meterFactory.Create(DitMetrics.MeterName("Referral"))
            .CreateCounter<long>("dit.referral.referrals", "{referral}", "Referrals by what happened to them: received, accepted, declined");

    /// <summary>A new referral; a partner's retry of one already received is not counted again.</summary>
    public void Received() => referrals.Add(1, Change[ReferralChange.Received]);

    public void Accepted() => referrals.Add(1, Change[ReferralChange.Accepted]);

    public void Declined(SignpostDestination signpostedTo) => referrals.Add(1, Change[ReferralChange.Declined], SignpostedTo[signpostedTo]);
}
