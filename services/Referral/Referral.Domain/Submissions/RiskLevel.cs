namespace DitCloud.Referral.Domain;

/// <summary>The referrer's view of current risk (to self or others). Values start at 1; 0 means unset.</summary>
public enum RiskLevel
{
    NoneIdentified = 1,
    Low = 2,
    Moderate = 3,
    High = 4,
}
