namespace DitCloud.Scheduling.Domain;

/// <summary>
/// A half-open interval of instants, [Start, End): a session ending at 10:50 and one starting at
/// 10:50 do not overlap, so back-to-back sessions are allowed. Both ends are kept in UTC.
/// </summary>
public readonly record struct TimeRange
{
    public TimeRange(DateTimeOffset start, DateTimeOffset end)
    {
        if (end <= start)
        {
            throw new ArgumentOutOfRangeException(nameof(end), "A time range must end after it starts.");
        }

        Start = start.ToUniversalTime();
        End = end.ToUniversalTime();
    }

    public DateTimeOffset Start { get; }

    public DateTimeOffset End { get; }

    public TimeSpan Duration => End - Start;

    public static TimeRange StartingAt(DateTimeOffset start, TimeSpan length) => new(start, start + length);

    public bool Overlaps(TimeRange other) => Start < other.End && other.Start < End;

    public bool Contains(TimeRange other) => Start <= other.Start && other.End <= End;
}
