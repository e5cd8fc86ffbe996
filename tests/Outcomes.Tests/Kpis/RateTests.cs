using DitCloud.Outcomes.Domain.Kpis;

namespace DitCloud.Outcomes.Tests.Kpis;

public sealed class RateTests
{
    [Theory]
    [InlineData(0, 0, null)]
    [InlineData(5, 0, null)]
    [InlineData(0, 4, 0.0)]
    [InlineData(1, 2, 50.0)]
    [InlineData(2, 3, 66.7)]
    [InlineData(1, 3, 33.3)]
    [InlineData(1, 8, 12.5)]
    [InlineData(4, 4, 100.0)]
    public void Percent_is_to_one_decimal_place_and_undefined_without_a_denominator(int numerator, int denominator, double? expected) =>
        new Rate(numerator, denominator).Percent.ShouldBe(expected);

    [Theory]
    [InlineData(1, 2, 50, true)]
    [InlineData(499, 1000, 50, false)]
    [InlineData(3, 4, 75, true)]
    [InlineData(2, 3, 75, false)]
    [InlineData(0, 0, 50, null)]
    public void Meets_compares_exactly_and_is_undefined_without_a_denominator(int numerator, int denominator, int standard, bool? expected) =>
        new Rate(numerator, denominator).Meets(standard).ShouldBe(expected);
}
