using DitCloud.Outcomes.Domain.Kpis;

namespace DitCloud.Outcomes.Tests.Kpis;

public sealed class ReportingPeriodTests
{
    [Fact]
    public void A_one_day_period_contains_only_that_day()
    {
        var day = new DateOnly(2026, 4, 1);
        var period = ReportingPeriod.Create(day, day);

        period.Contains(day).ShouldBeTrue();
        period.Contains(day.AddDays(-1)).ShouldBeFalse();
        period.Contains(day.AddDays(1)).ShouldBeFalse();
    }

    [Fact]
    public void The_end_must_not_be_before_the_start() =>
        Refusal.OfField("end_date", () => ReportingPeriod.Create(new DateOnly(2026, 4, 2), new DateOnly(2026, 4, 1)));

    [Theory]
    [InlineData(365, true)]
    [InlineData(366, true)]
    [InlineData(367, false)]
    public void A_period_is_at_most_366_days_both_ends_included(int days, bool accepted)
    {
        var start = new DateOnly(2027, 4, 1);
        var end = start.AddDays(days - 1);

        if (accepted)
        {
            ReportingPeriod.Create(start, end).End.ShouldBe(end);
        }
        else
        {
            Refusal.OfField("end_date", () => ReportingPeriod.Create(start, end));
        }
    }
}
