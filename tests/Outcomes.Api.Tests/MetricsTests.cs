using System.Diagnostics.Metrics;
using DitCloud.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace DitCloud.Outcomes.Api.Tests;

/// <summary>
/// dit.outcomes.risk_flags through real calls: each flag counted by its reason once its measures
/// committed. The service is this class's own, so nothing else counts.
/// </summary>
public sealed class MetricsTests(OutcomesServiceFixture fixture) : IClassFixture<OutcomesServiceFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Risk_flags_are_counted_by_reason_and_a_repeated_request_is_not_counted_again()
    {
        var course = await TestCourse.CreateAsync(fixture);
        await course.AttendAsync(3, 12, 13);
        using var riskFlags = new MetricCollector<long>(
            fixture.Host.Services.GetRequiredService<IMeterFactory>(), "DitCloud.Outcomes", "dit.outcomes.risk_flags");
        var selfHarmThoughts = course.Request(3, phq9: 12, gad7: 6, item9: 2);

        await course.Client.RecordMeasuresAsync(selfHarmThoughts, cancellationToken: Cancel);
        await course.Client.RecordMeasuresAsync(selfHarmThoughts, cancellationToken: Cancel);
        await course.RecordAsync(12, phq9: 8, gad7: 3);
        var rise = await course.RecordAsync(13, phq9: 14, gad7: 3);

        rise.RiskFlags.ShouldHaveSingleItem().Reason.ShouldBe(V1.RiskFlagReason.EndingPhaseRise);
        // Only the reason: no course, measure set, flag or patient.
        riskFlags.GetMeasurementSnapshot().Select(m => (m.Value, string.Join(", ", m.Tags.Select(tag => $"{tag.Key}={tag.Value}")))).ShouldBe(
        [
            (1, "dit.outcomes.risk_reason=phq9_item9_above_zero"),
            (1, "dit.outcomes.risk_reason=ending_phase_rise"),
        ]);
    }
}
