namespace DitCloud.Referral.Domain;

/// <summary>What a history entry records.</summary>
public enum ReferralChange
{
    Received = 1,
    ScreeningBegun = 2,
    ScreeningDecisionRecorded = 3,
    Accepted = 4,
    Declined = 5,
    Withdrawn = 6,
    Discharged = 7,
}
