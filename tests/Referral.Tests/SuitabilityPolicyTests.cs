using DitCloud.Referral.Domain;

namespace DitCloud.Referral.Tests;

public class SuitabilityPolicyTests
{
    private static ReferralSubmission With(RiskLevel risk = RiskLevel.Low, int? phq9 = 16, int? gad7 = 9, params PresentingProblem[] problems) =>
        TestSubmissions.Valid() with
        {
            PresentingProblems = problems,
            Risk = new RiskInformation(risk, risk >= RiskLevel.Moderate ? "details" : null),
            Phq9Total = phq9,
            Gad7Total = gad7,
        };

    [Theory]
    [InlineData(PresentingProblem.Depression)]
    [InlineData(PresentingProblem.GeneralisedAnxiety)]
    [InlineData(PresentingProblem.SocialAnxiety)]
    [InlineData(PresentingProblem.RelationshipConflictOrBreakdown)]
    [InlineData(PresentingProblem.BereavementAndLoss)]
    [InlineData(PresentingProblem.LifeTransition)]
    [InlineData(PresentingProblem.PostnatalDepression)]
    [InlineData(PresentingProblem.AdjustmentToLifeChangingDiagnosis)]
    [InlineData(PresentingProblem.SocialIsolation)]
    [InlineData(PresentingProblem.WorkplaceRelationshipDifficulties)]
    public void Problems_dit_treats_are_suitable_by_default(PresentingProblem problem)
    {
        var recommendation = SuitabilityPolicy.Default.Recommend(With(problems: problem));

        recommendation.Outcome.ShouldBe(Suitability.Suitable);
        recommendation.Reasons.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(PresentingProblem.PersonalityDisorder)]
    [InlineData(PresentingProblem.ComplexTrauma)]
    [InlineData(PresentingProblem.SubstanceMisuse)]
    [InlineData(PresentingProblem.EatingDisorder)]
    public void Cautions_by_default_need_a_clinicians_judgement(PresentingProblem problem)
    {
        var recommendation = SuitabilityPolicy.Default.Recommend(With(problems: [PresentingProblem.Depression, problem]));

        recommendation.Outcome.ShouldBe(Suitability.SuitableWithCaution);
        var reason = recommendation.Reasons.ShouldHaveSingleItem();
        reason.Kind.ShouldBe(ScreeningReasonKind.CautionProblem);
        reason.Problem.ShouldBe(problem);
    }

    [Theory]
    [InlineData(PresentingProblem.Psychosis)]
    [InlineData(PresentingProblem.BipolarDisorder)]
    public void Exclusions_by_default_make_dit_not_suitable(PresentingProblem problem)
    {
        var recommendation = SuitabilityPolicy.Default.Recommend(With(problems: [PresentingProblem.Depression, problem]));

        recommendation.Outcome.ShouldBe(Suitability.NotSuitable);
        var reason = recommendation.Reasons.ShouldHaveSingleItem();
        reason.Kind.ShouldBe(ScreeningReasonKind.ExcludedProblem);
        reason.Problem.ShouldBe(problem);
    }

    [Fact]
    public void Every_presenting_problem_has_a_default_place()
    {
        var policy = SuitabilityPolicy.Default;

        Enum.GetValues<PresentingProblem>()
            .ShouldAllBe(p => policy.Suitable.Contains(p) || policy.Cautions.Contains(p) || policy.Exclusions.Contains(p));
    }

    [Theory]
    [InlineData(RiskLevel.NoneIdentified, Suitability.Suitable, null)]
    [InlineData(RiskLevel.Low, Suitability.Suitable, null)]
    [InlineData(RiskLevel.Moderate, Suitability.SuitableWithCaution, ScreeningReasonKind.RiskNeedsCaution)]
    [InlineData(RiskLevel.High, Suitability.NotSuitable, ScreeningReasonKind.RiskExcludes)]
    public void Risk_cautions_or_excludes_by_default(RiskLevel risk, Suitability outcome, ScreeningReasonKind? reason)
    {
        var recommendation = SuitabilityPolicy.Default.Recommend(With(risk, problems: PresentingProblem.Depression));

        recommendation.Outcome.ShouldBe(outcome);
        recommendation.Reasons.Select(r => (ScreeningReasonKind?)r.Kind).ShouldBe(reason is null ? [] : [reason]);
    }

    [Theory]
    [InlineData(9, 7, true)]
    [InlineData(10, 7, false)]
    [InlineData(9, 8, false)]
    [InlineData(null, 3, false)]
    [InlineData(3, null, false)]
    public void Both_measures_below_caseness_is_a_caution(int? phq9, int? gad7, bool caution)
    {
        var recommendation = SuitabilityPolicy.Default.Recommend(With(phq9: phq9, gad7: gad7, problems: PresentingProblem.Depression));

        recommendation.Outcome.ShouldBe(caution ? Suitability.SuitableWithCaution : Suitability.Suitable);
        recommendation.Reasons.Any(r => r.Kind == ScreeningReasonKind.BelowCaseness).ShouldBe(caution);
    }

    [Theory]
    [InlineData(PresentingProblem.EatingDisorder)]
    [InlineData(PresentingProblem.PersonalityDisorder, PresentingProblem.SubstanceMisuse)]
    public void Without_a_problem_dit_treats_it_is_not_suitable(params PresentingProblem[] problems)
    {
        var recommendation = SuitabilityPolicy.Default.Recommend(With(problems: problems));

        recommendation.Outcome.ShouldBe(Suitability.NotSuitable);
        recommendation.Reasons.ShouldContain(r => r.Kind == ScreeningReasonKind.NoTreatableProblem);
        recommendation.Reasons.Count(r => r.Kind == ScreeningReasonKind.CautionProblem).ShouldBe(problems.Length);
    }

    [Fact]
    public void Every_reason_is_given_with_the_strongest_outcome()
    {
        var recommendation = SuitabilityPolicy.Default.Recommend(
            With(RiskLevel.High, 5, 3, PresentingProblem.Psychosis, PresentingProblem.Depression, PresentingProblem.ComplexTrauma));

        recommendation.Outcome.ShouldBe(Suitability.NotSuitable);
        recommendation.Reasons.Select(r => r.Kind).ShouldBe(
            [ScreeningReasonKind.ExcludedProblem, ScreeningReasonKind.RiskExcludes, ScreeningReasonKind.CautionProblem, ScreeningReasonKind.BelowCaseness]);
    }

    [Fact]
    public void A_service_can_move_problems_between_sets()
    {
        var policy = new SuitabilityPolicy(
            suitable: [PresentingProblem.Depression, PresentingProblem.ComplexTrauma],
            cautions: [PresentingProblem.BipolarDisorder],
            exclusions: [PresentingProblem.Psychosis, PresentingProblem.PersonalityDisorder]);

        policy.Recommend(With(problems: [PresentingProblem.Depression, PresentingProblem.ComplexTrauma])).Outcome.ShouldBe(Suitability.Suitable);
        policy.Recommend(With(problems: [PresentingProblem.Depression, PresentingProblem.BipolarDisorder])).Outcome.ShouldBe(Suitability.SuitableWithCaution);
        policy.Recommend(With(problems: [PresentingProblem.Depression, PresentingProblem.PersonalityDisorder])).Outcome.ShouldBe(Suitability.NotSuitable);
        // Dropped from every set: the service does not treat it with DIT.
        policy.Recommend(With(problems: PresentingProblem.SocialAnxiety)).Outcome.ShouldBe(Suitability.NotSuitable);
    }

    [Theory]
    [InlineData(null, null, RiskLevel.High, Suitability.Suitable)]
    [InlineData(RiskLevel.Low, null, RiskLevel.Low, Suitability.SuitableWithCaution)]
    [InlineData(RiskLevel.Low, null, RiskLevel.High, Suitability.SuitableWithCaution)]
    [InlineData(null, RiskLevel.Moderate, RiskLevel.Moderate, Suitability.NotSuitable)]
    [InlineData(RiskLevel.Moderate, RiskLevel.Moderate, RiskLevel.Moderate, Suitability.NotSuitable)]
    public void A_service_can_set_the_risk_thresholds(RiskLevel? cautionFrom, RiskLevel? excludeFrom, RiskLevel risk, Suitability outcome)
    {
        var policy = new SuitabilityPolicy(
            SuitabilityPolicy.Default.Suitable, SuitabilityPolicy.Default.Cautions, SuitabilityPolicy.Default.Exclusions,
            cautionFrom, excludeFrom);

        policy.Recommend(With(risk, problems: PresentingProblem.Depression)).Outcome.ShouldBe(outcome);
    }

    [Fact]
    public void A_service_can_turn_off_the_caseness_caution()
    {
        var policy = new SuitabilityPolicy(
            SuitabilityPolicy.Default.Suitable, SuitabilityPolicy.Default.Cautions, SuitabilityPolicy.Default.Exclusions,
            cautionWhenBelowCaseness: false);

        policy.Recommend(With(phq9: 2, gad7: 2, problems: PresentingProblem.Depression)).Outcome.ShouldBe(Suitability.Suitable);
    }

    [Fact]
    public void A_problem_in_two_sets_is_a_configuration_error()
    {
        var error = Should.Throw<ArgumentException>(() => new SuitabilityPolicy(
            suitable: [PresentingProblem.Depression, PresentingProblem.ComplexTrauma],
            cautions: [PresentingProblem.ComplexTrauma],
            exclusions: []));

        error.Message.ShouldContain(nameof(PresentingProblem.ComplexTrauma));
    }

    [Fact]
    public void Caution_above_exclusion_is_a_configuration_error() =>
        Should.Throw<ArgumentException>(() => new SuitabilityPolicy(
            [PresentingProblem.Depression], [], [], cautionFromRisk: RiskLevel.High, excludeFromRisk: RiskLevel.Moderate));
}
