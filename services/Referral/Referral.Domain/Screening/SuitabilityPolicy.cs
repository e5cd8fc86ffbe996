namespace DitCloud.Referral.Domain;

/// <summary>
/// A service's screening rules for DIT, advice for the clinician who decides. Each presenting problem
/// is suitable, a caution (a clinician must weigh it) or an exclusion; a problem in none of the sets is
/// not one the service treats with DIT. Risk levels can also caution or exclude.
/// </summary>
/// <remarks>
/// The defaults follow the usual DIT exclusions and cautions (DOMAIN.md). Psychosis and bipolar disorder
/// exclude. Personality disorder, complex trauma and substance misuse are cautions rather than exclusions
/// because the excluding forms are the pervasive, chronic and unmanaged ones, which only a clinician can
/// judge from the referral. Eating disorders are a caution: they usually belong to a specialist pathway.
/// High risk excludes (significant risk needs secondary care or crisis support first); moderate risk
/// is a caution.
/// </remarks>
public sealed class SuitabilityPolicy
{
    public static readonly SuitabilityPolicy Default = new(
        suitable:
        [
            PresentingProblem.Depression,
            PresentingProblem.GeneralisedAnxiety,
            PresentingProblem.SocialAnxiety,
            PresentingProblem.RelationshipConflictOrBreakdown,
            PresentingProblem.BereavementAndLoss,
            PresentingProblem.LifeTransition,
            PresentingProblem.PostnatalDepression,
            PresentingProblem.AdjustmentToLifeChangingDiagnosis,
            PresentingProblem.SocialIsolation,
            PresentingProblem.WorkplaceRelationshipDifficulties,
        ],
        cautions:
        [
            PresentingProblem.PersonalityDisorder,
            PresentingProblem.ComplexTrauma,
            PresentingProblem.SubstanceMisuse,
            PresentingProblem.EatingDisorder,
        ],
        exclusions:
        [
            PresentingProblem.Psychosis,
            PresentingProblem.BipolarDisorder,
        ]);

    public SuitabilityPolicy(
        IEnumerable<PresentingProblem> suitable,
        IEnumerable<PresentingProblem> cautions,
        IEnumerable<PresentingProblem> exclusions,
        RiskLevel? cautionFromRisk = RiskLevel.Moderate,
        RiskLevel? excludeFromRisk = RiskLevel.High,
        bool cautionWhenBelowCaseness = true)
    {
        Suitable = suitable.ToHashSet();
        Cautions = cautions.ToHashSet();
        Exclusions = exclusions.ToHashSet();
        var inTwoSets = Suitable.Intersect(Cautions).Concat(Suitable.Intersect(Exclusions)).Concat(Cautions.Intersect(Exclusions)).ToList();
        if (inTwoSets.Count > 0)
        {
            throw new ArgumentException($"Each presenting problem may be in only one of suitable, cautions and exclusions; {string.Join(", ", inTwoSets.Distinct())} is in more than one.");
        }
        if (cautionFromRisk > excludeFromRisk)
        {
            throw new ArgumentException($"The risk level that cautions ({cautionFromRisk}) must not be above the one that excludes ({excludeFromRisk}).");
        }
        CautionFromRisk = cautionFromRisk;
        ExcludeFromRisk = excludeFromRisk;
        CautionWhenBelowCaseness = cautionWhenBelowCaseness;
    }

    public IReadOnlySet<PresentingProblem> Suitable { get; }

    public IReadOnlySet<PresentingProblem> Cautions { get; }

    public IReadOnlySet<PresentingProblem> Exclusions { get; }

    /// <summary>The lowest risk level that needs caution; null when risk never cautions.</summary>
    public RiskLevel? CautionFromRisk { get; }

    /// <summary>The lowest risk level that excludes; null when risk never excludes.</summary>
    public RiskLevel? ExcludeFromRisk { get; }

    /// <summary>Whether PHQ-9 and GAD-7 both taken and both below caseness calls for a caution.</summary>
    public bool CautionWhenBelowCaseness { get; }

    /// <summary>Advice for a (validated) submission: every reason found, and the strongest outcome among them.</summary>
    public ScreeningRecommendation Recommend(ReferralSubmission submission)
    {
        var problems = submission.PresentingProblems.Distinct().Order().ToList();
        var reasons = new List<ScreeningReason>();

        foreach (var problem in problems.Where(Exclusions.Contains))
        {
            reasons.Add(new(ScreeningReasonKind.ExcludedProblem, problem, $"{problem} is an exclusion for DIT in this service"));
        }
        if (submission.Risk.Level >= ExcludeFromRisk)
        {
            reasons.Add(new(ScreeningReasonKind.RiskExcludes, null, $"{submission.Risk.Level} risk excludes DIT in this service; consider secondary care or crisis support"));
        }
        if (!problems.Any(Suitable.Contains))
        {
            reasons.Add(new(ScreeningReasonKind.NoTreatableProblem, null, "none of the presenting problems is one this service treats with DIT"));
        }
        foreach (var problem in problems.Where(Cautions.Contains))
        {
            reasons.Add(new(ScreeningReasonKind.CautionProblem, problem, $"{problem} needs a clinician's judgement before DIT is offered"));
        }
        if (submission.Risk.Level >= CautionFromRisk && !(submission.Risk.Level >= ExcludeFromRisk))
        {
            reasons.Add(new(ScreeningReasonKind.RiskNeedsCaution, null, $"{submission.Risk.Level} risk needs a clinician's review before DIT is offered"));
        }
        if (CautionWhenBelowCaseness && IsBelowCasenessOnBoth(submission))
        {
            reasons.Add(new(ScreeningReasonKind.BelowCaseness, null, "neither PHQ-9 nor GAD-7 is at caseness at referral; check that a step 3 therapy is needed"));
        }

        return new(OutcomeOf(reasons), reasons);
    }

    private static bool IsBelowCasenessOnBoth(ReferralSubmission submission) =>
        submission is { Phq9Total: { } phq9, Gad7Total: { } gad7 }
        && phq9 < ClinicalThresholds.Phq9Caseness
        && gad7 < ClinicalThresholds.Gad7Caseness;

    private static Suitability OutcomeOf(IReadOnlyList<ScreeningReason> reasons) =>
        reasons.Any(r => r.Kind is ScreeningReasonKind.ExcludedProblem or ScreeningReasonKind.RiskExcludes or ScreeningReasonKind.NoTreatableProblem)
            ? Suitability.NotSuitable
            : reasons.Count > 0 ? Suitability.SuitableWithCaution : Suitability.Suitable;
}
