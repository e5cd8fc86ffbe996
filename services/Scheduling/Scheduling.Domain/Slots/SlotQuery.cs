using DitCloud.Scheduling.Domain.Availability;
using DitCloud.Scheduling.Domain.Booking;

namespace DitCloud.Scheduling.Domain.Slots;

/// <summary>
/// A search for free session slots between two local dates (inclusive).
/// <see cref="Existing"/> holds the practitioner's appointments and, when offering to a known
/// patient, the patient's too; cancelled ones are ignored.
/// </summary>
public sealed record SlotQuery(
    WeeklyAvailability Availability,
    ClinicTimeZone TimeZone,
    DateOnly FromDate,
    DateOnly ToDate,
    TimeSpan SessionLength,
    IReadOnlyCollection<Appointment> Existing,
    DateTimeOffset NotBefore,
    int MaxSlots = SlotQuery.DefaultMaxSlots)
{
    public const int DefaultMaxSlots = 100;
    public const int MaxSlotsLimit = 500;

    /// <summary>The longest range searched at once, so one request cannot walk years of diary.</summary>
    public const int MaxRangeDays = 92;
}
