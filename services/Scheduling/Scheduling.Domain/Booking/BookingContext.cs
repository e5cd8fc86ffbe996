namespace DitCloud.Scheduling.Domain.Booking;

/// <summary>
/// What the booking rules need to know, loaded by the caller: the course practitioner's availability,
/// the practitioner's and the patient's other appointments around the time asked for, and the
/// current instant.
/// </summary>
public sealed record BookingContext(
    Availability.WeeklyAvailability Availability,
    ClinicTimeZone TimeZone,
    IReadOnlyCollection<Appointment> PractitionerAppointments,
    IReadOnlyCollection<Appointment> PatientAppointments,
    DateTimeOffset Now);
