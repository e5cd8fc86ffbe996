namespace DitCloud.Referral.Domain;

/// <summary>Where a referral is in its life. Values start at 1 (0 is a proto enum's UNSPECIFIED) and are stored, so never renumber.</summary>
public enum ReferralStatus
{
    Received = 1,
    Screening = 2,
    Accepted = 3,
    Declined = 4,
    Withdrawn = 5,
    Discharged = 6,
}
