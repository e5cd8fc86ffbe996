using Microsoft.Extensions.Options;

namespace DitCloud.Outcomes.Api;

/// <summary>The service's clock and calendar: instants are UTC, days are the service's local days.</summary>
public sealed class ServiceCalendar(TimeProvider clock, IOptions<OutcomesOptions> options)
{
    private readonly TimeZoneInfo zone = options.Value.Zone();

    public DateTimeOffset Now() => clock.GetUtcNow();

    public DateOnly Today() => LocalDate(Now());

    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
}
