namespace DitCloud.Referral.Domain;

/// <summary>A referral's place on the waiting list.</summary>
/// <param name="Position">1 for the referral that has waited longest.</param>
/// <param name="DaysWaited">Whole days (periods of 24 hours) since the referral was received.</param>
public sealed record WaitingListPlace(Guid ReferralId, ReferralStatus Status, int Position, int DaysWaited);
