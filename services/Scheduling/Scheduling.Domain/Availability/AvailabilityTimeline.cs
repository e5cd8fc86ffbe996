using DitCloud.Scheduling.Domain.Practitioners;

namespace DitCloud.Scheduling.Domain.Availability;

/// <summary>A run of consecutive local dates (inclusive) governed by one availability.</summary>
public sealed record AvailabilitySpan(DateOnly From, DateOnly To, WeeklyAvailability Availability);

/// <summary>
/// Everything known about when a practitioner works: the patterns set over time and the periods off.
/// On any date the pattern in force is the one set most recently among those already effective, so
/// a new pattern replaces the old from its date onwards, however the two were ordered in time.
/// </summary>
public sealed class AvailabilityTimeline(IReadOnlyList<AvailabilityPattern> patterns, IReadOnlyList<TimeRange> timeOff)
{
    public IReadOnlyList<TimeRange> TimeOff { get; } = timeOff;

    /// <summary>The pattern in force on <paramref name="day"/>, or null before the first one takes effect.</summary>
    public AvailabilityPattern? PatternOn(DateOnly day) =>
        patterns.Where(p => p.EffectiveFrom <= day).MaxBy(p => p.Sequence);

    /// <summary>The availability for <paramref name="mode"/> on <paramref name="day"/>, periods off included.</summary>
    public WeeklyAvailability On(DateOnly day, DeliveryMode mode) => For(PatternOn(day), mode);

    /// <summary>
    /// Splits <paramref name="from"/>..<paramref name="to"/> into spans that each follow one pattern,
    /// so a slot search over the range can run span by span.
    /// </summary>
    public IReadOnlyList<AvailabilitySpan> Spans(DateOnly from, DateOnly to, DeliveryMode mode)
    {
        var spans = new List<AvailabilitySpan>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var pattern = PatternOn(day);
            if (spans.Count > 0 && ReferenceEquals(PatternOn(spans[^1].From), pattern))
            {
                spans[^1] = spans[^1] with { To = day };
            }
            else
            {
                spans.Add(new(day, day, For(pattern, mode)));
            }
        }

        return spans;
    }

    private WeeklyAvailability For(AvailabilityPattern? pattern, DeliveryMode mode) =>
        (pattern?.For(mode) ?? WeeklyAvailability.Create([], [])).WithTimeOff(TimeOff);
}
