using System.Text.Json;
using DitCloud.Scheduling.Api.Booking;
using DitCloud.Scheduling.Api.Data;
using DitCloud.Scheduling.Domain;
using DitCloud.Scheduling.Domain.Slots;
using Microsoft.Extensions.Options;

namespace DitCloud.Scheduling.Api.Courses;

/// <summary>
/// The first-appointment times offered when a course is given its practitioner: the earliest free
/// slot on each of the practitioner's next free days, after a lead time for contacting the patient.
/// Offers are not holds; two patients assigned in one round are never offered the same time.
/// </summary>
public sealed class FirstOffers(SlotSearch slots, IOptions<SchedulingOptions> options, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<TimeRange>> FindAsync(
        CourseRow course, IReadOnlyCollection<TimeRange> offeredAlready, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var earliest = clock.GetUtcNow() + settings.FirstAppointmentLeadTime;
        var latest = earliest + TimeSpan.FromDays(settings.FirstAppointmentSearchDays);
        var free = await slots.FreeAsync(course.PractitionerId!.Value, course.DeliveryMode, earliest, latest,
            TimeSpan.FromMinutes(course.SessionMinutes), course.PatientReference, SlotQuery.MaxSlotsLimit, cancellationToken);
        return FirstAppointmentOffers.Choose([.. free.Where(s => !offeredAlready.Any(o => o.Overlaps(s)))], settings.FirstAppointmentOffers, ClinicTimeZone.London);
    }

    public static string Serialize(IEnumerable<TimeRange> offers) =>
        JsonSerializer.Serialize(offers.Select(o => new StoredOffer(o.Start, o.End)), Json);

    public static IReadOnlyList<TimeRange> Read(CourseRow course) => course.FirstOffers is null
        ? []
        : [.. JsonSerializer.Deserialize<StoredOffer[]>(course.FirstOffers, Json)!.Select(o => new TimeRange(o.Start, o.End))];

    private sealed record StoredOffer(DateTimeOffset Start, DateTimeOffset End);
}
