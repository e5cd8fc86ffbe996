using System.Text.Json;
using DitCloud.Scheduling.Domain;
using DitCloud.Scheduling.Domain.Availability;
using DitCloud.Scheduling.Domain.Practitioners;

namespace DitCloud.Scheduling.Api.Data;

/// <summary>
/// A weekly pattern as set on one occasion (append-only: a new pattern is a new row, so the
/// availability that governed past bookings stays readable).
/// </summary>
public sealed class AvailabilityPatternRow
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public long Sequence { get; init; }
    public Guid PractitionerId { get; init; }
    public DateOnly EffectiveFrom { get; init; }
    /// <summary>The windows as JSON: day (ISO 1-7), start and end "HH:mm", modes (empty: all).</summary>
    public required string Windows { get; init; }
    public DateTimeOffset SetAt { get; init; }
    public required string SetBy { get; init; }

    public static string Serialize(IEnumerable<PatternWindow> windows) => JsonSerializer.Serialize(
        windows.Select(w => new StoredWindow(
            w.Window.Day == DayOfWeek.Sunday ? 7 : (int)w.Window.Day,
            w.Window.Start.ToString("HH:mm"),
            w.Window.End.ToString("HH:mm"),
            [.. w.Modes.Order()])),
        Json);

    public AvailabilityPattern ToDomain() => new(Sequence, EffectiveFrom, [.. JsonSerializer.Deserialize<StoredWindow[]>(Windows, Json)!
        .Select(w => new PatternWindow(
            new AvailabilityWindow((DayOfWeek)(w.Day % 7), TimeOnly.ParseExact(w.Start, "HH:mm"), TimeOnly.ParseExact(w.End, "HH:mm")),
            new HashSet<DeliveryMode>(w.Modes)))]);

    private sealed record StoredWindow(int Day, string Start, string End, DeliveryMode[] Modes);
}

/// <summary>A period a practitioner is away (leave, training); kept, never deleted.</summary>
public sealed class TimeOffRow
{
    public Guid Id { get; init; }
    public Guid PractitionerId { get; init; }
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }
    public DateTimeOffset AddedAt { get; init; }
    public required string AddedBy { get; init; }

    public TimeRange Range => new(StartsAt, EndsAt);
}
