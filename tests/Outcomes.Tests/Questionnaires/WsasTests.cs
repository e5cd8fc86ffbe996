using DitCloud.Outcomes.Domain.Questionnaires;

namespace DitCloud.Outcomes.Tests.Questionnaires;

public sealed class WsasTests
{
    [Theory]
    [InlineData(0, WsasImpairment.Subclinical)]
    [InlineData(9, WsasImpairment.Subclinical)]
    [InlineData(10, WsasImpairment.Significant)]
    [InlineData(20, WsasImpairment.Significant)]
    [InlineData(21, WsasImpairment.ModeratelySevereOrWorse)]
    [InlineData(40, WsasImpairment.ModeratelySevereOrWorse)]
    public void Impairment_follows_the_bands(int total, WsasImpairment expected)
    {
        var wsas = Wsas.Score(Given.WsasItems(total));

        wsas.Total.ShouldBe(total);
        wsas.Impairment.ShouldBe(expected);
    }

    [Theory]
    [InlineData(0, -1)]
    [InlineData(2, 9)]
    [InlineData(4, 9)]
    public void An_item_out_of_range_is_named(int index, int score)
    {
        int?[] items = [4, 4, 4, 4, 4];
        items[index] = score;

        Refusal.OfField($"wsas.items[{index}]", () => Wsas.Score(items))
            .ShouldBe($"WSAS item {index + 1} must be between 0 and 8");
    }

    [Fact]
    public void Eight_is_the_highest_item_score() =>
        Wsas.Score([8, 8, 8, 8, 8]).Total.ShouldBe(40);

    [Fact]
    public void A_missing_item_is_named() =>
        Refusal.Fields(() => Wsas.Score([1, null, 1, 1, 1])).ShouldBe(["wsas.items[1]"]);

    [Fact]
    public void When_the_work_item_does_not_apply_it_must_be_0() =>
        Refusal.OfField("wsas.items[0]", () => Wsas.Score([1, 2, 2, 2, 2], workItemNotApplicable: true))
            .ShouldBe("WSAS item 1 must be 0 when the work item is not applicable");

    [Fact]
    public void When_the_work_item_does_not_apply_the_total_is_over_the_other_four()
    {
        var wsas = Wsas.Score([0, 8, 8, 8, 8], workItemNotApplicable: true);

        wsas.WorkItemNotApplicable.ShouldBeTrue();
        wsas.Total.ShouldBe(32);
        wsas.Impairment.ShouldBe(WsasImpairment.ModeratelySevereOrWorse);
    }
}
