using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using static DitCloud.Scheduling.Api.Tests.SchedulingService;
using AttendanceCode = DitCloud.Scheduling.V1.AttendanceCode;

namespace DitCloud.Scheduling.Api.Tests;

/// <summary>dit.scheduling.sessions through real calls: each recorded attendance counted by its code, once committed.</summary>
public sealed class MetricsTests(SchedulingBroker broker) : IClassFixture<SchedulingBroker>
{
    [Fact]
    public async Task Attended_and_missed_sessions_are_counted_by_attendance_code_and_the_same_code_again_is_not()
    {
        await using var service = await StartAsync(broker);
        await service.RegisterAsync();
        var course = await service.AcceptReferralAsync();
        var first = await service.BookAsync(course, service.Next(DayOfWeek.Tuesday, 11));
        var second = await service.BookAsync(course, service.Next(DayOfWeek.Tuesday, 11, weeksAhead: 2));
        using var sessions = new MetricCollector<long>(
            service.Host.Services.GetRequiredService<IMeterFactory>(), "DitCloud.Scheduling", "dit.scheduling.sessions");

        await service.AttendAsync(first, AttendanceCode.DidNotAttend);
        await service.AttendAsync(second, AttendanceCode.Attended);
        await service.AttendAsync(second, AttendanceCode.Attended);

        // Only the attendance code: no course, appointment or patient.
        sessions.GetMeasurementSnapshot().Select(m => (m.Value, string.Join(", ", m.Tags.Select(tag => $"{tag.Key}={tag.Value}")))).ShouldBe(
        [
            (1, "dit.scheduling.attendance=did_not_attend"),
            (1, "dit.scheduling.attendance=attended"),
        ]);
    }
}
