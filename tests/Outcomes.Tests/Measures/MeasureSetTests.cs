using DitCloud.Outcomes.Domain.Measures;
using DitCloud.Outcomes.Domain.Questionnaires;

namespace DitCloud.Outcomes.Tests.Measures;

public sealed class MeasureSetTests
{
    private static readonly MeasurementPoint SessionThree = MeasurementPoint.Session(3, TherapyPhase.Initial);

    [Fact]
    public void Record_scores_each_questionnaire_taken()
    {
        var set = MeasureSet.Record(Given.Id(1), SessionThree, Given.TreatmentStart, Given.Answers(phq9: 12, gad7: 7, wsas: 15), Given.Now);

        set.Phq9!.Total.ShouldBe(12);
        set.Gad7!.Total.ShouldBe(7);
        set.Wsas!.Total.ShouldBe(15);
        set.Point.SessionNumber.ShouldBe(3);
        set.Point.Phase.ShouldBe(TherapyPhase.Initial);
    }

    [Fact]
    public void Every_bad_item_of_every_questionnaire_is_reported_at_once()
    {
        var answers = new MeasureAnswers(
            Phq9: [1, 1, 1, 1, 1, 1, 1, 1, 4],
            Gad7: [1, 1, 1, 1, 1, 1],
            Wsas: [9, 1, 1, 1, 1]);

        Refusal.Fields(() => MeasureSet.Record(Given.Id(1), SessionThree, Given.TreatmentStart, answers, Given.Now))
            .ShouldBe(["phq9.items[8]", "gad7.items[6]", "wsas.items[0]"]);
    }

    [Fact]
    public void A_set_without_any_questionnaire_is_refused() =>
        Refusal.OfField("phq9", () => MeasureSet.Record(Given.Id(1), SessionThree, Given.TreatmentStart, new MeasureAnswers(), Given.Now))
            .ShouldBe("at least one of phq9, gad7 and wsas is required");

    [Fact]
    public void Measures_completed_in_the_future_are_refused() =>
        Refusal.OfField("measure_time", () =>
            MeasureSet.Record(Given.Id(1), SessionThree, Given.Now.AddSeconds(1), Given.Answers(phq9: 5), Given.Now));

    [Fact]
    public void Measures_completed_just_now_are_accepted() =>
        MeasureSet.Record(Given.Id(1), SessionThree, Given.Now, Given.Answers(phq9: 5), Given.Now).MeasuredAt.ShouldBe(Given.Now);

    [Theory]
    [InlineData(null, 8, true)]
    [InlineData(null, 7, false)]
    [InlineData(10, null, true)]
    [InlineData(9, 7, false)]
    [InlineData(9, 8, true)]
    public void A_set_is_at_caseness_on_either_measure(int? phq9, int? gad7, bool expected) =>
        Given.Session(3, phq9, gad7).AtCaseness.ShouldBe(expected);

    [Fact]
    public void A_measure_not_taken_has_no_total()
    {
        var set = Given.Session(3, gad7: 6);

        set.Has(Questionnaire.Phq9).ShouldBeFalse();
        set.Total(Questionnaire.Phq9).ShouldBeNull();
        set.Total(Questionnaire.Gad7).ShouldBe(6);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_session_needs_a_session_number_of_1_or_more(int sessionNumber) =>
        Refusal.OfField("session_number", () => MeasurementPoint.Session(sessionNumber, TherapyPhase.Middle));

    [Fact]
    public void A_session_needs_a_known_phase() =>
        Refusal.OfField("phase", () => MeasurementPoint.Session(5, (TherapyPhase)0));

    [Fact]
    public void Only_follow_up_is_outside_treatment()
    {
        MeasurementPoint.Assessment.IsDuringTreatment.ShouldBeTrue();
        SessionThree.IsDuringTreatment.ShouldBeTrue();
        MeasurementPoint.FollowUp.IsDuringTreatment.ShouldBeFalse();
    }

    [Fact]
    public void Time_order_puts_earlier_completion_first_then_pathway_order()
    {
        var at = Given.TreatmentStart;
        var session = MeasureSet.Record(Given.Id(1), MeasurementPoint.Session(1, TherapyPhase.Initial), at, Given.Answers(phq9: 5), Given.Now);
        var assessment = MeasureSet.Record(Given.Id(2), MeasurementPoint.Assessment, at, Given.Answers(phq9: 5), Given.Now);
        var earlierSession = MeasureSet.Record(Given.Id(3), MeasurementPoint.Session(2, TherapyPhase.Initial), at.AddMinutes(-1), Given.Answers(phq9: 5), Given.Now);

        new[] { session, assessment, earlierSession }.Order(MeasureSet.TimeOrder).Select(set => set.Id)
            .ShouldBe([Given.Id(3), Given.Id(2), Given.Id(1)]);
    }
}
