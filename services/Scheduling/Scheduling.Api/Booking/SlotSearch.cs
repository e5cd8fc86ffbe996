using DitCloud.Scheduling.Api.Data;
using DitCloud.Scheduling.Api.Practitioners;
using DitCloud.Scheduling.Domain;
using DitCloud.Scheduling.Domain.Booking;
using DitCloud.Scheduling.Domain.Practitioners;
using DitCloud.Scheduling.Domain.Slots;
using Microsoft.EntityFrameworkCore;

namespace DitCloud.Scheduling.Api.Booking;

/// <summary>
/// Free slots of one practitioner: the availability in force on each date (its patterns and time
/// off) less the practitioner's appointments and, when searching for a known patient, theirs.
/// </summary>
public sealed class SlotSearch(SchedulingDbContext db, PractitionerDirectory practitioners)
{
    /// <param name="earliest">No slot starts before this.</param>
    /// <param name="latest">No slot starts after this.</param>
    /// <param name="patientReference">The patient the slots are for, whose own appointments are avoided too.</param>
    public async Task<IReadOnlyList<TimeRange>> FreeAsync(
        Guid practitionerId, DeliveryMode mode, DateTimeOffset earliest, DateTimeOffset latest, TimeSpan length,
        Guid? patientReference, int max, CancellationToken cancellationToken)
    {
        var zone = ClinicTimeZone.London;
        var from = zone.LocalDate(earliest);
        var to = zone.LocalDate(latest);
        var timeline = await practitioners.TimelineAsync(practitionerId, from, to, cancellationToken);
        var existing = await AppointmentsAroundAsync(practitionerId, patientReference, earliest - TimeSpan.FromDays(1), latest + TimeSpan.FromDays(1), cancellationToken);

        var slots = new List<TimeRange>();
        foreach (var span in timeline.Spans(from, to, mode))
        {
            slots.AddRange(SlotFinder.Find(new SlotQuery(
                span.Availability, zone, span.From, span.To, length, existing, earliest, Math.Min(max, SlotQuery.MaxSlotsLimit))));
        }

        return [.. slots.Where(s => s.Start <= latest).Take(max)];
    }

    /// <summary>Appointments that occupy time between two instants, the practitioner's and (if given) the patient's.</summary>
    public async Task<IReadOnlyList<Appointment>> AppointmentsAroundAsync(
        Guid practitionerId, Guid? patientReference, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var inRange = db.Appointments.Where(a => a.Status != AppointmentStatus.Cancelled && a.EndsAt > from && a.StartsAt < to);
        var rows = patientReference is { } patient
            ? await inRange.Where(a => a.PractitionerId == practitionerId || a.PatientReference == patient).ToListAsync(cancellationToken)
            : await inRange.Where(a => a.PractitionerId == practitionerId).ToListAsync(cancellationToken);
        return [.. rows.Select(r => r.ToDomain())];
    }
}
