using DitCloud.Outcomes.Domain.CourseOutcomes;

namespace DitCloud.Outcomes.Tests.CourseOutcomes;

public sealed class ReliableChangeTests
{
    [Theory]
    [InlineData(16, 10, 10, 10, true)]
    [InlineData(16, 10, 11, 10, false)]
    [InlineData(10, 12, 10, 8, true)]
    [InlineData(10, 12, 10, 9, false)]
    [InlineData(16, 8, 10, 12, false)]
    [InlineData(16, 8, 10, 11, true)]
    [InlineData(10, 12, 16, 8, false)]
    [InlineData(10, 12, 15, 8, true)]
    [InlineData(20, 15, 5, 3, true)]
    [InlineData(10, 10, 10, 10, false)]
    public void Reliable_improvement_is_a_reliable_fall_on_one_with_no_reliable_rise_on_the_other(
        int phq9First, int gad7First, int phq9Last, int gad7Last, bool expected) =>
        RecoveryCalculator.Assess(Given.Finished(phq9First, gad7First, phq9Last, gad7Last)).Classification!.ReliableImprovement.ShouldBe(expected);

    [Theory]
    [InlineData(4, 4, 10, 4, true)]
    [InlineData(4, 4, 9, 4, false)]
    [InlineData(4, 4, 4, 8, true)]
    [InlineData(4, 4, 4, 7, false)]
    [InlineData(16, 4, 10, 8, true)]
    [InlineData(10, 10, 4, 6, false)]
    public void Reliable_deterioration_is_a_reliable_rise_on_either(int phq9First, int gad7First, int phq9Last, int gad7Last, bool expected) =>
        RecoveryCalculator.Assess(Given.Finished(phq9First, gad7First, phq9Last, gad7Last)).Classification!.ReliableDeterioration.ShouldBe(expected);

    [Fact]
    public void A_reliable_fall_on_one_with_a_reliable_rise_on_the_other_is_deterioration_not_improvement()
    {
        var classification = RecoveryCalculator.Assess(Given.Finished(16, 4, 10, 8)).Classification!;

        classification.ReliableImprovement.ShouldBeFalse();
        classification.ReliableDeterioration.ShouldBeTrue();
    }
}
