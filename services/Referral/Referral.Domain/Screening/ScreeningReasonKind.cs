namespace DitCloud.Referral.Domain;

/// <summary>Why the policy raised something, in a form a worklist can filter and count.</summary>
public enum ScreeningReasonKind
{
    ExcludedProblem = 1,
    CautionProblem = 2,
    RiskExcludes = 3,
    RiskNeedsCaution = 4,
    /// <summary>None of the presenting problems is one the service treats with DIT.</summary>
    NoTreatableProblem = 5,
    /// <summary>Neither PHQ-9 nor GAD-7 at caseness: a step 3 therapy may not be needed.</summary>
    BelowCaseness = 6,
}
