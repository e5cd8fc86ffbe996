namespace DitCloud.Referral.Domain;

/// <summary>What the waiting list needs to know about a referral.</summary>
public sealed record WaitingReferral(Guid ReferralId, ReferralStatus Status, DateTimeOffset ReceivedAt);
