using DitCloud.Domain;
using DitCloud.Outcomes.Domain.Questionnaires;

namespace DitCloud.Outcomes.Tests.Questionnaires;

public sealed class Phq9Tests
{
    [Theory]
    [InlineData(0, Phq9Severity.Minimal)]
    [InlineData(4, Phq9Severity.Minimal)]
    [InlineData(5, Phq9Severity.Mild)]
    [InlineData(9, Phq9Severity.Mild)]
    [InlineData(10, Phq9Severity.Moderate)]
    [InlineData(14, Phq9Severity.Moderate)]
    [InlineData(15, Phq9Severity.ModeratelySevere)]
    [InlineData(19, Phq9Severity.ModeratelySevere)]
    [InlineData(20, Phq9Severity.Severe)]
    [InlineData(27, Phq9Severity.Severe)]
    public void Severity_follows_the_bands(int total, Phq9Severity expected) =>
        Phq9.Score(Given.Phq9Items(total, item9: total == 27 ? 3 : 0)).Severity.ShouldBe(expected);

    [Theory]
    [InlineData(0, false)]
    [InlineData(9, false)]
    [InlineData(10, true)]
    [InlineData(27, true)]
    public void Caseness_starts_at_10(int total, bool expected) =>
        Phq9.Score(Given.Phq9Items(total, item9: total == 27 ? 3 : 0)).AtCaseness.ShouldBe(expected);

    [Fact]
    public void Total_is_the_sum_of_the_items()
    {
        var phq9 = Phq9.Score([0, 1, 2, 3, 0, 1, 2, 3, 1]);

        phq9.Total.ShouldBe(13);
        phq9.Items.Scores.ShouldBe([0, 1, 2, 3, 0, 1, 2, 3, 1]);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    public void Item_9_above_zero_is_seen(int item9, bool expected)
    {
        var phq9 = Phq9.Score(Given.Phq9Items(12, item9));

        phq9.Item9.ShouldBe(item9);
        phq9.Item9AboveZero.ShouldBe(expected);
    }

    [Theory]
    [InlineData(0, -1)]
    [InlineData(0, 4)]
    [InlineData(4, 4)]
    [InlineData(8, -1)]
    [InlineData(8, 4)]
    public void An_item_out_of_range_is_named(int index, int score)
    {
        int?[] items = [1, 1, 1, 1, 1, 1, 1, 1, 1];
        items[index] = score;

        var description = Refusal.OfField($"phq9.items[{index}]", () => Phq9.Score(items));

        description.ShouldBe($"PHQ-9 item {index + 1} must be between 0 and 3");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Items_at_the_ends_of_the_range_are_accepted(int score) =>
        Phq9.Score([.. Enumerable.Repeat<int?>(score, 9)]).Total.ShouldBe(9 * score);

    [Fact]
    public void A_missing_item_is_named()
    {
        int?[] items = [1, 1, 1, null, 1, 1, 1, 1, 1];

        var description = Refusal.OfField("phq9.items[3]", () => Phq9.Score(items));

        description.ShouldStartWith("PHQ-9 item 4 is missing");
    }

    [Fact]
    public void Too_few_items_name_each_missing_one()
    {
        var fields = Refusal.Fields(() => Phq9.Score([1, 1, 1, 1, 1, 1, 1]));

        fields.ShouldBe(["phq9.items[7]", "phq9.items[8]"]);
    }

    [Fact]
    public void No_items_name_all_nine() =>
        Refusal.Fields(() => Phq9.Score([])).Count.ShouldBe(9);

    [Fact]
    public void Too_many_items_are_refused_on_the_list() =>
        Refusal.OfField("phq9.items", () => Phq9.Score([.. Enumerable.Repeat<int?>(1, 10)]))
            .ShouldBe("PHQ-9 has exactly 9 items; 10 scores were given");

    [Fact]
    public void Every_bad_item_gets_its_own_violation()
    {
        var fields = Refusal.Fields(() => Phq9.Score([4, 1, null, 1, 1, -2, 1, 1, 9]));

        fields.ShouldBe(["phq9.items[0]", "phq9.items[2]", "phq9.items[5]", "phq9.items[8]"]);
    }

    [Fact]
    public void The_message_never_echoes_the_score()
    {
        var refusal = Refusal.Of(DomainErrorKind.InvalidArgument, () => Phq9.Score([1, 1, 1, 1, 1, 1, 1, 1, 42]));

        refusal.Message.ShouldNotContain("42");
    }

    [Fact]
    public void Equal_answers_make_equal_questionnaires()
    {
        Phq9.Score(Given.Phq9Items(12, 1)).ShouldBe(Phq9.Score(Given.Phq9Items(12, 1)));
        Phq9.Score(Given.Phq9Items(12, 1)).ShouldNotBe(Phq9.Score(Given.Phq9Items(12, 2)));
    }
}
