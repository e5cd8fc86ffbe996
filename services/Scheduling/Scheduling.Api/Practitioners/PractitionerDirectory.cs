using DitCloud.Domain;
using DitCloud.Scheduling.Api.Data;
using DitCloud.Scheduling.Domain;
using DitCloud.Scheduling.Domain.Availability;
using DitCloud.Scheduling.Domain.Courses;
using DitCloud.Scheduling.Domain.Practitioners;
using Microsoft.EntityFrameworkCore;

namespace DitCloud.Scheduling.Api.Practitioners;

/// <summary>Reads practitioners as the domain needs them: with their caseload, and their availability over a range of dates.</summary>
public sealed class PractitionerDirectory(SchedulingDbContext db)
{
    public async Task<PractitionerRow> GetAsync(Guid id, CancellationToken cancellationToken, string field = "practitioner_id") =>
        await db.Practitioners.SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
        ?? throw DomainException.NotFound($"no practitioner has this {field}");

    /// <summary>Open courses allocated to each practitioner (their caseload).</summary>
    public async Task<Dictionary<Guid, int>> CaseloadsAsync(IReadOnlyCollection<Guid> practitionerIds, CancellationToken cancellationToken) =>
        await db.Courses
            .Where(c => c.State == CourseState.InTreatment && c.PractitionerId != null && practitionerIds.Contains(c.PractitionerId.Value))
            .GroupBy(c => c.PractitionerId!.Value)
            .Select(g => new { Id = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Id, g => g.Count, cancellationToken);

    public async Task<Practitioner> ToDomainAsync(PractitionerRow row, CancellationToken cancellationToken) =>
        row.ToDomain((await CaseloadsAsync([row.Id], cancellationToken)).GetValueOrDefault(row.Id));

    /// <summary>The patterns and periods off that bear on the local dates <paramref name="from"/> to <paramref name="to"/>.</summary>
    public async Task<AvailabilityTimeline> TimelineAsync(Guid practitionerId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var patterns = await db.AvailabilityPatterns
            .Where(p => p.PractitionerId == practitionerId && p.EffectiveFrom <= to)
            .OrderBy(p => p.Sequence)
            .ToListAsync(cancellationToken);
        // Local dates cover at most a day either side of their UTC instants.
        var rangeStart = new DateTimeOffset(from.AddDays(-1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var rangeEnd = new DateTimeOffset(to.AddDays(2).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var timeOff = await db.TimeOff
            .Where(t => t.PractitionerId == practitionerId && t.StartsAt < rangeEnd && t.EndsAt > rangeStart)
            .ToListAsync(cancellationToken);
        return new AvailabilityTimeline([.. patterns.Select(p => p.ToDomain())], [.. timeOff.Select(t => t.Range)]);
    }

    /// <summary>The availability that governs a booking at <paramref name="time"/> in <paramref name="mode"/>.</summary>
    public async Task<WeeklyAvailability> AvailabilityAtAsync(Guid practitionerId, TimeRange time, DeliveryMode mode, CancellationToken cancellationToken)
    {
        var day = ClinicTimeZone.London.LocalDate(time.Start);
        var timeline = await TimelineAsync(practitionerId, day, ClinicTimeZone.London.LocalDate(time.End), cancellationToken);
        return timeline.On(day, mode);
    }
}
