namespace DitCloud.Referral.Domain;

/// <summary>Why a referral was withdrawn before treatment ended. Values start at 1; 0 means unset.</summary>
public enum WithdrawalReason
{
    PatientRequest = 1,
    ReferrerRequest = 2,
    PatientNotContactable = 3,
    DuplicateReferral = 4,
    PatientMovedAway = 5,
    Other = 6,
}
