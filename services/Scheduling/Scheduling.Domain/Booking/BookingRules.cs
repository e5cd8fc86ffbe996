using DitCloud.Domain;

namespace DitCloud.Scheduling.Domain.Booking;

/// <summary>
/// Where an appointment may go: in the future, inside the practitioner's availability, not on
/// their leave or time off, and overlapping nothing the practitioner or the patient already holds.
/// Overlap is on half-open intervals, so back-to-back appointments are allowed.
/// </summary>
public static class BookingRules
{
    /// <param name="movingAppointmentId">The appointment being rescheduled, which must not clash with itself.</param>
    public static void EnsureBookable(TimeRange time, BookingContext context, Guid? movingAppointmentId = null)
    {
        const string field = "start_time";
        if (time.Start <= context.Now)
        {
            throw DomainException.Invalid(field, "is in the past; choose a future slot");
        }

        if (context.Availability.IsOnLeave(context.TimeZone.LocalDate(time.Start)))
        {
            throw DomainException.Invalid(field, "falls on the practitioner's leave; choose a slot from FindSlots");
        }

        if (context.Availability.IsOff(time))
        {
            throw DomainException.Invalid(field, "falls in the practitioner's time off; choose a slot from FindSlots");
        }

        if (!context.Availability.Covers(time, context.TimeZone))
        {
            throw DomainException.Invalid(field, "is outside the practitioner's availability; choose a slot from FindSlots");
        }

        if (Clashes(time, context.PractitionerAppointments, movingAppointmentId))
        {
            throw DomainException.AlreadyExists("the practitioner already has an appointment overlapping this time; choose another slot");
        }

        if (Clashes(time, context.PatientAppointments, movingAppointmentId))
        {
            throw DomainException.AlreadyExists("the patient already has an appointment overlapping this time; choose another slot");
        }
    }

    public static bool Clashes(TimeRange time, IEnumerable<Appointment> appointments, Guid? ignoring = null) =>
        appointments.Any(a => a.Id != ignoring && a.OccupiesTime && a.Time.Overlaps(time));
}
