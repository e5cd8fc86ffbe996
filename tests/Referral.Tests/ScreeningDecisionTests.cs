using DitCloud.Domain;
using DitCloud.Referral.Domain;

namespace DitCloud.Referral.Tests;

public class ScreeningDecisionTests
{
    [Fact]
    public void Suitable_needs_nothing_more() =>
        ScreeningDecision.SuitableForDit().IsSuitable.ShouldBeTrue();

    [Theory]
    [InlineData(SignpostDestination.InterpersonalPsychotherapy, null)]
    [InlineData(SignpostDestination.CognitiveBehaviouralTherapy, null)]
    [InlineData(SignpostDestination.CounsellingForDepression, null)]
    [InlineData(SignpostDestination.SecondaryCareMentalHealth, null)]
    [InlineData(SignpostDestination.GeneralPractitioner, null)]
    [InlineData(SignpostDestination.Other, "Local eating disorder service")]
    public void Not_suitable_records_reasons_and_the_signpost(SignpostDestination destination, string? other)
    {
        var decision = ScreeningDecision.NotSuitableForDit([" Needs a specialist service "], destination, other)
            .ShouldBeOfType<ScreeningDecision.NotSuitable>();

        decision.IsSuitable.ShouldBeFalse();
        decision.Reasons.ShouldBe(["Needs a specialist service"]);
        decision.SignpostedTo.Destination.ShouldBe(destination);
        decision.SignpostedTo.OtherDestination.ShouldBe(other);
    }

    [Fact]
    public void Other_text_is_dropped_for_named_destinations() =>
        Signpost.To(SignpostDestination.GeneralPractitioner, "ignored").OtherDestination.ShouldBeNull();

    [Theory]
    [InlineData(new string[0], SignpostDestination.CognitiveBehaviouralTherapy, null, "decision.reasons")]
    [InlineData(new[] { "ok", " " }, SignpostDestination.CognitiveBehaviouralTherapy, null, "decision.reasons[1]")]
    [InlineData(new[] { "ok" }, (SignpostDestination)0, null, "decision.signpost.destination")]
    [InlineData(new[] { "ok" }, SignpostDestination.Other, null, "decision.signpost.other_destination")]
    [InlineData(new[] { "ok" }, SignpostDestination.Other, "  ", "decision.signpost.other_destination")]
    public void Not_suitable_without_reasons_or_signpost_is_refused(string[] reasons, SignpostDestination destination, string? other, string field)
    {
        var refusal = Should.Throw<DomainException>(() => ScreeningDecision.NotSuitableForDit(reasons, destination, other));

        refusal.Kind.ShouldBe(DomainErrorKind.InvalidArgument);
        refusal.Violations.ShouldHaveSingleItem().Field.ShouldBe(field);
    }

    [Fact]
    public void Reports_reason_and_signpost_problems_together() =>
        Should.Throw<DomainException>(() => ScreeningDecision.NotSuitableForDit([], SignpostDestination.Other))
            .Violations.Select(v => v.Field).ShouldBe(["decision.reasons", "decision.signpost.other_destination"]);

    [Fact]
    public void Reasons_are_clinical_text_and_stay_out_of_ToString()
    {
        var decision = ScreeningDecision.NotSuitableForDit(["Active psychotic symptoms"], SignpostDestination.SecondaryCareMentalHealth);

        decision.ToString().ShouldNotContain("psychotic");
        decision.ToString().ShouldContain(nameof(SignpostDestination.SecondaryCareMentalHealth));
    }
}
