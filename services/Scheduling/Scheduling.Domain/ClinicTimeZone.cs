namespace DitCloud.Scheduling.Domain;

/// <summary>
/// The time-zone choice for Scheduling. Appointments are instants, held as UTC
/// <see cref="DateTimeOffset"/>s. Availability is wall-clock time in the service's own zone
/// (Europe/London), because a practitioner who works "Mondays 09:00-17:00" still starts at 09:00
/// after the clocks change; a fixed UTC window would drift by an hour twice a year.
/// This type is the one place that turns a local date and time into an instant and back.
/// </summary>
public sealed class ClinicTimeZone(TimeZoneInfo zone)
{
    /// <summary>The zone of NHS services in England.</summary>
    public static ClinicTimeZone London { get; } = new(TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));

    public TimeZoneInfo Zone { get; } = zone;

    /// <summary>
    /// The instant a local wall-clock reading names. A reading skipped when the clocks go forward is
    /// read with the offset in force before the change (01:30 becomes 02:30 summer time); a reading
    /// that happens twice when the clocks go back takes the standard-time offset.
    /// </summary>
    public DateTimeOffset ToInstant(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        var offset = Zone.IsInvalidTime(local) ? Zone.GetUtcOffset(local.AddDays(-1)) : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>The local calendar date on which an instant falls.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);
}
