namespace DitCloud.Scheduling.Domain.Slots;

/// <summary>
/// The first-appointment times offered to a newly assigned patient: the earliest free slot on each
/// of the first few days the practitioner is free, so the patient chooses between days rather than
/// between minutes of one morning.
/// </summary>
public static class FirstAppointmentOffers
{
    public const int MaxOffers = 10;

    /// <param name="freeSlots">Free slots in time order, from <see cref="SlotFinder"/>.</param>
    public static IReadOnlyList<TimeRange> Choose(IReadOnlyList<TimeRange> freeSlots, int count, ClinicTimeZone zone)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxOffers);
        return [.. freeSlots
            .OrderBy(s => s.Start)
            .GroupBy(s => zone.LocalDate(s.Start))
            .Select(day => day.First())
            .Take(count)];
    }
}
