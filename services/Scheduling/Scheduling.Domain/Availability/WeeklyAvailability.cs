using DitCloud.Domain;

namespace DitCloud.Scheduling.Domain.Availability;

/// <summary>
/// A practitioner's working pattern: weekly windows of local time, less days of leave.
/// Build it with <see cref="Create"/>, which refuses windows that end before they start or overlap.
/// </summary>
public sealed record WeeklyAvailability
{
    private WeeklyAvailability(IReadOnlyList<AvailabilityWindow> windows, IReadOnlyList<LeavePeriod> leave)
    {
        Windows = windows;
        Leave = leave;
    }

    /// <summary>The windows, ordered by day of week then start time.</summary>
    public IReadOnlyList<AvailabilityWindow> Windows { get; }

    public IReadOnlyList<LeavePeriod> Leave { get; }

    /// <summary>
    /// Part-day or multi-day periods off (training, an afternoon's leave), as instants in time order.
    /// Open periods exclude them; whole days of leave are <see cref="Leave"/>.
    /// </summary>
    public IReadOnlyList<TimeRange> TimeOff { get; private init; } = [];

    /// <summary>Validates and orders the pattern; throws INVALID_ARGUMENT naming each bad entry (<c>windows[i]</c>, <c>leave[i]</c>).</summary>
    public static WeeklyAvailability Create(IReadOnlyList<AvailabilityWindow> windows, IReadOnlyList<LeavePeriod> leave)
    {
        var violations = new List<FieldViolation>();
        for (var i = 0; i < windows.Count; i++)
        {
            var window = windows[i];
            if (!Enum.IsDefined(window.Day))
            {
                violations.Add(new($"windows[{i}].day", "must be a day of the week"));
            }

            if (window.End <= window.Start)
            {
                violations.Add(new($"windows[{i}].end_time", "must be after start_time"));
                continue;
            }

            var clash = windows.Take(i).Select((other, j) => (other, j))
                .FirstOrDefault(x => x.other.End > x.other.Start && x.other.Overlaps(window));
            if (clash.other is not null)
            {
                violations.Add(new($"windows[{i}]", $"overlaps windows[{clash.j}] on the same day; merge them or move one"));
            }
        }

        for (var i = 0; i < leave.Count; i++)
        {
            if (leave[i].LastDay < leave[i].FirstDay)
            {
                violations.Add(new($"leave[{i}].last_day", "must be on or after first_day"));
            }
        }

        if (violations.Count > 0)
        {
            throw DomainException.Invalid(violations);
        }

        return new([.. windows.OrderBy(w => w.Day).ThenBy(w => w.Start)], [.. leave.OrderBy(l => l.FirstDay)]);
    }

    public bool IsOnLeave(DateOnly day) => Leave.Any(l => l.Includes(day));

    /// <summary>The same pattern with these periods off as well.</summary>
    public WeeklyAvailability WithTimeOff(IEnumerable<TimeRange> timeOff) =>
        this with { TimeOff = [.. TimeOff.Concat(timeOff).OrderBy(t => t.Start)] };

    /// <summary>Whether any part of <paramref name="range"/> falls in a period off.</summary>
    public bool IsOff(TimeRange range) => TimeOff.Any(t => t.Overlaps(range));

    /// <summary>
    /// The instants the practitioner is available between two local dates (inclusive), in order,
    /// skipping days of leave. Windows that touch (09:00-12:00 and 12:00-17:00) join into one period.
    /// </summary>
    public IReadOnlyList<TimeRange> OpenPeriods(DateOnly from, DateOnly to, ClinicTimeZone zone)
    {
        var periods = new List<TimeRange>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            if (IsOnLeave(day))
            {
                continue;
            }

            foreach (var window in Windows.Where(w => w.Day == day.DayOfWeek))
            {
                var period = new TimeRange(zone.ToInstant(day, window.Start), zone.ToInstant(day, window.End));
                if (periods.Count > 0 && periods[^1].End == period.Start)
                {
                    periods[^1] = new TimeRange(periods[^1].Start, period.End);
                }
                else
                {
                    periods.Add(period);
                }
            }
        }

        return TimeOff.Count == 0 ? periods : [.. periods.SelectMany(WithoutTimeOff)];
    }

    /// <summary>What is left of an open period once the periods off are cut out of it.</summary>
    private IEnumerable<TimeRange> WithoutTimeOff(TimeRange period)
    {
        var cursor = period.Start;
        foreach (var off in TimeOff.Where(t => t.Overlaps(period)))
        {
            if (off.Start > cursor)
            {
                yield return new TimeRange(cursor, off.Start);
            }

            cursor = off.End > cursor ? off.End : cursor;
        }

        if (cursor < period.End)
        {
            yield return new TimeRange(cursor, period.End);
        }
    }

    /// <summary>Whether <paramref name="range"/> lies wholly inside one open period.</summary>
    public bool Covers(TimeRange range, ClinicTimeZone zone)
    {
        var first = zone.LocalDate(range.Start);
        var last = zone.LocalDate(range.End);
        return OpenPeriods(first, last, zone).Any(p => p.Contains(range));
    }
}
