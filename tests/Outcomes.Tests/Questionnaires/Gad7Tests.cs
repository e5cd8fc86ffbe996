using DitCloud.Outcomes.Domain.Questionnaires;

namespace DitCloud.Outcomes.Tests.Questionnaires;

public sealed class Gad7Tests
{
    [Theory]
    [InlineData(0, Gad7Severity.Minimal)]
    [InlineData(4, Gad7Severity.Minimal)]
    [InlineData(5, Gad7Severity.Mild)]
    [InlineData(9, Gad7Severity.Mild)]
    [InlineData(10, Gad7Severity.Moderate)]
    [InlineData(14, Gad7Severity.Moderate)]
    [InlineData(15, Gad7Severity.Severe)]
    [InlineData(21, Gad7Severity.Severe)]
    public void Severity_follows_the_bands(int total, Gad7Severity expected) =>
        Gad7.Score(Given.Gad7Items(total)).Severity.ShouldBe(expected);

    [Theory]
    [InlineData(0, false)]
    [InlineData(7, false)]
    [InlineData(8, true)]
    [InlineData(21, true)]
    public void Caseness_starts_at_8(int total, bool expected) =>
        Gad7.Score(Given.Gad7Items(total)).AtCaseness.ShouldBe(expected);

    [Fact]
    public void Total_is_the_sum_of_the_items() =>
        Gad7.Score([3, 2, 1, 0, 1, 2, 3]).Total.ShouldBe(12);

    [Theory]
    [InlineData(0, -1)]
    [InlineData(6, 4)]
    public void An_item_out_of_range_is_named(int index, int score)
    {
        int?[] items = [1, 1, 1, 1, 1, 1, 1];
        items[index] = score;

        Refusal.OfField($"gad7.items[{index}]", () => Gad7.Score(items))
            .ShouldBe($"GAD-7 item {index + 1} must be between 0 and 3");
    }

    [Fact]
    public void A_missing_item_is_named() =>
        Refusal.Fields(() => Gad7.Score([1, 1, 1, 1, 1, null])).ShouldBe(["gad7.items[5]", "gad7.items[6]"]);

    [Fact]
    public void Too_many_items_are_refused_on_the_list() =>
        Refusal.Fields(() => Gad7.Score([1, 1, 1, 1, 1, 1, 1, 1, 1])).ShouldBe(["gad7.items"]);
}
