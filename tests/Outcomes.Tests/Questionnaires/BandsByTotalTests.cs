using DitCloud.Outcomes.Domain.Questionnaires;

namespace DitCloud.Outcomes.Tests.Questionnaires;

/// <summary>The bands read from a total alone (a course's first and last scores) agree with a scored questionnaire's, at every total.</summary>
public sealed class BandsByTotalTests
{
    public static TheoryData<int> Phq9Totals => [.. Enumerable.Range(0, 28)];

    public static TheoryData<int> Gad7Totals => [.. Enumerable.Range(0, 22)];

    public static TheoryData<int> WsasTotals => [.. Enumerable.Range(0, 41)];

    [Theory]
    [MemberData(nameof(Phq9Totals))]
    public void PHQ9(int total) => Phq9.SeverityOf(total).ShouldBe(Phq9.Score(Given.Spread(total, 9, 3)).Severity);

    [Theory]
    [MemberData(nameof(Gad7Totals))]
    public void GAD7(int total) => Gad7.SeverityOf(total).ShouldBe(Gad7.Score(Given.Gad7Items(total)).Severity);

    [Theory]
    [MemberData(nameof(WsasTotals))]
    public void WSAS(int total) => Wsas.ImpairmentOf(total).ShouldBe(Wsas.Score(Given.WsasItems(total)).Impairment);
}
