namespace DitCloud.Referral.Domain;

/// <summary>
/// One change to a referral, appended and never altered.
/// </summary>
/// <param name="Sequence">1 for the receipt, then one more per change: the referral's version after it.</param>
/// <param name="Actor">Who made the change: a user or partner-system id, never a name.</param>
/// <param name="From">The status before; null for the receipt.</param>
/// <param name="Detail">A non-personal summary (codes and enum names only, never clinical text).</param>
public sealed record ReferralHistoryEntry(
    int Sequence,
    DateTimeOffset At,
    string Actor,
    ReferralChange Change,
    ReferralStatus? From,
    ReferralStatus To,
    string Detail);
