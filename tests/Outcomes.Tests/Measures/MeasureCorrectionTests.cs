using DitCloud.Domain;
using DitCloud.Outcomes.Domain.Measures;

namespace DitCloud.Outcomes.Tests.Measures;

public sealed class MeasureCorrectionTests
{
    private static readonly MeasureSet Recorded = Given.Session(5, phq9: 14, gad7: 9, wsas: 12);

    private static readonly Guid CorrectionId = Given.Id(5000);

    [Fact]
    public void A_correction_is_a_new_set_at_the_same_point()
    {
        var corrected = MeasureCorrection.Correct(Recorded, CorrectionId, Recorded.MeasuredAt, Given.Answers(phq9: 12, gad7: 9, wsas: 12), "item 3 was entered in the wrong box", Given.Now);

        corrected.Id.ShouldBe(CorrectionId);
        corrected.Point.ShouldBe(Recorded.Point);
        corrected.Phq9!.Total.ShouldBe(12);
        Recorded.Phq9!.Total.ShouldBe(14); // the recorded version is untouched
    }

    [Fact]
    public void A_correction_may_drop_a_questionnaire_entered_by_mistake() =>
        MeasureCorrection.Correct(Recorded, CorrectionId, Recorded.MeasuredAt, Given.Answers(phq9: 14, gad7: 9), "WSAS was not taken", Given.Now)
            .Wsas.ShouldBeNull();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_correction_needs_a_reason(string? reason) =>
        Refusal.OfField("reason", () => MeasureCorrection.Correct(Recorded, CorrectionId, Recorded.MeasuredAt, Given.Answers(phq9: 12), reason, Given.Now))
            .ShouldContain("required");

    [Theory]
    [InlineData(MeasureCorrection.MaxReasonLength, true)]
    [InlineData(MeasureCorrection.MaxReasonLength + 1, false)]
    public void The_reason_is_at_most_1000_characters(int length, bool allowed)
    {
        MeasureSet Correct() => MeasureCorrection.Correct(Recorded, CorrectionId, Recorded.MeasuredAt, Given.Answers(phq9: 12), new string('r', length), Given.Now);

        if (allowed)
        {
            Correct().Phq9!.Total.ShouldBe(12);
        }
        else
        {
            Refusal.OfField("reason", () => Correct());
        }
    }

    [Fact]
    public void Bad_items_and_a_missing_reason_are_reported_together()
    {
        var fields = Refusal.Fields(() => MeasureCorrection.Correct(Recorded, CorrectionId, Recorded.MeasuredAt,
            new MeasureAnswers(Phq9: [1, 1, 1, 1, 1, 1, 1, 1, 4]), null, Given.Now));

        fields.ShouldBe(["phq9.items[8]", "reason"]);
    }

    [Fact]
    public void A_correction_identical_to_the_current_version_is_refused() =>
        Refusal.Of(DomainErrorKind.FailedPrecondition, () =>
                MeasureCorrection.Correct(Recorded, CorrectionId, Recorded.MeasuredAt, Given.Answers(phq9: 14, gad7: 9, wsas: 12), "no change", Given.Now))
            .Message.ShouldContain("nothing to correct");

    [Fact]
    public void Correcting_only_the_time_is_a_correction() =>
        MeasureCorrection.Correct(Recorded, CorrectionId, Recorded.MeasuredAt.AddHours(-1), Given.Answers(phq9: 14, gad7: 9, wsas: 12), "time was wrong", Given.Now)
            .MeasuredAt.ShouldBe(Recorded.MeasuredAt.AddHours(-1));

    [Fact]
    public void A_correction_in_the_future_is_refused() =>
        Refusal.OfField("measure_time", () =>
            MeasureCorrection.Correct(Recorded, CorrectionId, Given.Now.AddMinutes(1), Given.Answers(phq9: 12), "typo", Given.Now));
}
