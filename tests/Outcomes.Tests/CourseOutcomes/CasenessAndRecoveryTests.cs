using DitCloud.Outcomes.Domain.CourseOutcomes;

namespace DitCloud.Outcomes.Tests.CourseOutcomes;

public sealed class CasenessAndRecoveryTests
{
    [Theory]
    [InlineData(9, 7, false)]
    [InlineData(10, 7, true)]
    [InlineData(9, 8, true)]
    [InlineData(10, 8, true)]
    [InlineData(0, 0, false)]
    public void Caseness_at_the_start_is_PHQ9_at_10_or_GAD7_at_8(int phq9, int gad7, bool expected) =>
        RecoveryCalculator.Assess(Given.Finished(phq9, gad7, 0, 0)).CasenessAtStart.ShouldBe(expected);

    [Theory]
    [InlineData(9, 7, false)]
    [InlineData(10, 7, true)]
    [InlineData(9, 8, true)]
    public void Caseness_at_the_end_uses_the_same_thresholds(int phq9, int gad7, bool expected) =>
        RecoveryCalculator.Assess(Given.Finished(20, 15, phq9, gad7)).CasenessAtEnd.ShouldBe(expected);

    [Theory]
    [InlineData(10, 0, 9, 0, true)]
    [InlineData(10, 0, 10, 0, false)]
    [InlineData(0, 8, 0, 7, true)]
    [InlineData(0, 8, 0, 8, false)]
    [InlineData(15, 12, 9, 7, true)]
    [InlineData(15, 12, 9, 8, false)]
    [InlineData(15, 12, 10, 7, false)]
    [InlineData(15, 4, 5, 9, false)]
    public void Recovery_is_caseness_at_the_start_and_not_at_the_end(int phq9First, int gad7First, int phq9Last, int gad7Last, bool expected)
    {
        var classification = RecoveryCalculator.Assess(Given.Finished(phq9First, gad7First, phq9Last, gad7Last)).Classification!;

        classification.Recovered.ShouldBe(expected);
    }

    [Theory]
    [InlineData(9, 7, 9, 7)]
    [InlineData(9, 7, 20, 15)]
    [InlineData(0, 0, 0, 0)]
    public void Not_at_caseness_at_the_start_leaves_recovery_undefined(int phq9First, int gad7First, int phq9Last, int gad7Last)
    {
        var classification = RecoveryCalculator.Assess(Given.Finished(phq9First, gad7First, phq9Last, gad7Last)).Classification!;

        classification.Recovered.ShouldBeNull();
        classification.ReliableRecovery.ShouldBeNull();
    }

    [Theory]
    [InlineData(20, 0, 9, 0, true)]
    [InlineData(15, 0, 9, 0, true)]
    [InlineData(14, 0, 9, 0, false)]
    [InlineData(10, 0, 9, 0, false)]
    [InlineData(0, 11, 0, 7, true)]
    [InlineData(0, 10, 0, 7, false)]
    [InlineData(15, 0, 5, 8, false)]
    public void Reliable_recovery_is_recovery_with_reliable_improvement(int phq9First, int gad7First, int phq9Last, int gad7Last, bool expected) =>
        RecoveryCalculator.Assess(Given.Finished(phq9First, gad7First, phq9Last, gad7Last)).Classification!.ReliableRecovery.ShouldBe(expected);
}
