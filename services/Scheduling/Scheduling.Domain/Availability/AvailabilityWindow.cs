namespace DitCloud.Scheduling.Domain.Availability;

/// <summary>A weekly recurring window of local wall-clock time (see <see cref="ClinicTimeZone"/>), [Start, End).</summary>
public sealed record AvailabilityWindow(DayOfWeek Day, TimeOnly Start, TimeOnly End)
{
    public bool Overlaps(AvailabilityWindow other) => Day == other.Day && Start < other.End && other.Start < End;
}
