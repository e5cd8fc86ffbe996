namespace DitCloud.Referral.Domain;

/// <summary>What the suitability policy recommends to the screening clinician.</summary>
public enum Suitability
{
    Suitable = 1,
    /// <summary>DIT may fit, but a clinician must look at the flagged reasons before accepting.</summary>
    SuitableWithCaution = 2,
    NotSuitable = 3,
}
