namespace DitCloud.Referral.Domain;

/// <summary>The things that can be done to a referral after it is received.</summary>
public enum ReferralAction
{
    BeginScreening = 1,
    RecordScreeningDecision = 2,
    Accept = 3,
    Decline = 4,
    Withdraw = 5,
    Discharge = 6,
}
