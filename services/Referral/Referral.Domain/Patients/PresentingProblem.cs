namespace DitCloud.Referral.Domain;

/// <summary>
/// The problems a referrer can code. Values start at 1 so that an unset value (0, a proto enum's
/// UNSPECIFIED) is caught by validation rather than read as a real problem. The numbers go into
/// submission fingerprints and storage, so they must never change; add new problems at the end.
/// </summary>
public enum PresentingProblem
{
    Depression = 1,
    GeneralisedAnxiety = 2,
    SocialAnxiety = 3,
    RelationshipConflictOrBreakdown = 4,
    BereavementAndLoss = 5,
    /// <summary>Divorce, relocation, retirement, parenthood and similar changes.</summary>
    LifeTransition = 6,
    PostnatalDepression = 7,
    AdjustmentToLifeChangingDiagnosis = 8,
    SocialIsolation = 9,
    WorkplaceRelationshipDifficulties = 10,
    EatingDisorder = 11,
    SubstanceMisuse = 12,
    BipolarDisorder = 13,
    Psychosis = 14,
    PersonalityDisorder = 15,
    ComplexTrauma = 16,
}
