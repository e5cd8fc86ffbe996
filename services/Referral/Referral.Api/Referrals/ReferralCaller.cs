using DitCloud.Persistence;

namespace DitCloud.Referral.Api.Referrals;

/// <summary>
/// The verified caller as the referral rules need it: an id for history and ownership, whether it is
/// a partner system (which sees only the referrals it sent), and how the audit trail names it.
/// </summary>
public sealed record ReferralCaller(string Id, bool IsPartner, AuditActor Actor)
{
    /// <summary>Partners see only their own referrals; service staff see all.</summary>
    public bool MaySee(string partnerId) => !IsPartner || string.Equals(partnerId, Id, StringComparison.Ordinal);
}
