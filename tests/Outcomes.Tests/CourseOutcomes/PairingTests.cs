using DitCloud.Outcomes.Domain.CourseOutcomes;

namespace DitCloud.Outcomes.Tests.CourseOutcomes;

public sealed class PairingTests
{
    [Fact]
    public void With_one_measure_only_the_first_is_also_the_last()
    {
        var outcome = RecoveryCalculator.Assess(Given.Course(2, ended: true, Given.Session(1, 12, 9)));

        outcome.MeasureCount.ShouldBe(1);
        outcome.Phq9.ShouldBe(new ScorePair(12, 12, 1));
        outcome.Phq9!.IsPaired.ShouldBeFalse();
        outcome.CasenessAtStart.ShouldBe(true);
        outcome.CasenessAtEnd.ShouldBe(true);
        outcome.Classification.ShouldBe(new TreatmentClassification(Recovered: false, ReliableImprovement: false, ReliableDeterioration: false, ReliableRecovery: false));
    }

    [Fact]
    public void With_one_measure_below_caseness_recovery_is_undefined() =>
        RecoveryCalculator.Assess(Given.Course(2, ended: true, Given.Session(1, 5, 3))).Classification!.Recovered.ShouldBeNull();

    [Fact]
    public void Each_measure_pairs_its_own_first_and_last_score()
    {
        var outcome = RecoveryCalculator.Assess(Given.Course(16, ended: true,
            Given.Session(1, 15, 10), Given.Session(8, 12, null), Given.Session(16, null, 5)));

        outcome.Phq9.ShouldBe(new ScorePair(15, 12, 2));
        outcome.Gad7.ShouldBe(new ScorePair(10, 5, 2));
        outcome.CasenessAtEnd.ShouldBe(true);
        outcome.Classification!.Recovered.ShouldBe(false);
        outcome.Classification.ReliableImprovement.ShouldBeTrue();
    }

    [Fact]
    public void A_measure_first_taken_after_session_1_still_counts_at_the_start()
    {
        var outcome = RecoveryCalculator.Assess(Given.Course(16, ended: true,
            Given.Session(1, 8, null), Given.Session(2, 7, 12), Given.Session(16, 6, 5)));

        outcome.Gad7.ShouldBe(new ScorePair(12, 5, 2));
        outcome.CasenessAtStart.ShouldBe(true);
        outcome.Classification!.Recovered.ShouldBe(true);
        outcome.Classification.ReliableRecovery.ShouldBe(true);
    }

    [Fact]
    public void A_measure_taken_only_once_at_caseness_keeps_the_course_at_caseness()
    {
        var outcome = RecoveryCalculator.Assess(Given.Course(16, ended: true,
            Given.Session(1, 15, 10), Given.Session(16, 5, null)));

        outcome.Gad7.ShouldBe(new ScorePair(10, 10, 1));
        outcome.CasenessAtEnd.ShouldBe(true);
        outcome.Classification!.Recovered.ShouldBe(false);
        outcome.Classification.ReliableImprovement.ShouldBeTrue();
    }

    [Fact]
    public void A_course_with_neither_PHQ9_nor_GAD7_has_no_caseness_and_no_change()
    {
        var outcome = RecoveryCalculator.Assess(Given.Course(4, ended: true, Given.Session(1, wsas: 30), Given.Session(4, wsas: 10)));

        outcome.Phq9.ShouldBeNull();
        outcome.Gad7.ShouldBeNull();
        outcome.Wsas.ShouldBe(new ScorePair(30, 10, 2));
        outcome.CasenessAtStart.ShouldBeNull();
        outcome.CasenessAtEnd.ShouldBeNull();
        outcome.Classification.ShouldBe(new TreatmentClassification(null, false, false, null));
    }

    [Fact]
    public void A_finished_course_without_any_measures_is_classified_as_unchanged()
    {
        var outcome = RecoveryCalculator.Assess(Given.Course(3, ended: true));

        outcome.MeasureCount.ShouldBe(0);
        outcome.FinishedTreatment.ShouldBe(true);
        outcome.Classification.ShouldBe(new TreatmentClassification(null, false, false, null));
    }

    [Fact]
    public void Assessment_measures_are_the_first_measures()
    {
        var outcome = RecoveryCalculator.Assess(Given.Course(16, ended: true,
            Given.Session(16, 4, 3), Given.Session(1, 9, 7), Given.Assessment(14, 9)));

        outcome.Phq9.ShouldBe(new ScorePair(14, 4, 3));
        outcome.CasenessAtStart.ShouldBe(true);
        outcome.Classification!.ReliableRecovery.ShouldBe(true);
    }

    [Fact]
    public void Follow_up_measures_are_not_part_of_the_course_outcome()
    {
        var outcome = RecoveryCalculator.Assess(Given.Course(16, ended: true,
            Given.Session(1, 15, 10), Given.Session(16, 5, 4), Given.FollowUp(18, 12)));

        outcome.MeasureCount.ShouldBe(2);
        outcome.Phq9.ShouldBe(new ScorePair(15, 5, 2));
        outcome.Classification!.Recovered.ShouldBe(true);
        outcome.Classification.ReliableDeterioration.ShouldBeFalse();
    }

    [Fact]
    public void Measures_are_paired_by_time_whatever_order_they_arrive_in()
    {
        var outcome = RecoveryCalculator.Assess(Given.Course(16, ended: true,
            Given.Session(16, 5, 4), Given.Session(8, 9, 9), Given.Session(1, 15, 10)));

        outcome.Phq9.ShouldBe(new ScorePair(15, 5, 3));
        outcome.Gad7.ShouldBe(new ScorePair(10, 4, 3));
    }
}
