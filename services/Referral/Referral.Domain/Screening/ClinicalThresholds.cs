namespace DitCloud.Referral.Domain;

/// <summary>NHS Talking Therapies caseness thresholds (national definitions, not per service).</summary>
public static class ClinicalThresholds
{
    /// <summary>PHQ-9 total at or above this is at caseness for depression.</summary>
    public const int Phq9Caseness = 10;

    /// <summary>GAD-7 total at or above this is at caseness for anxiety.</summary>
    public const int Gad7Caseness = 8;
}
