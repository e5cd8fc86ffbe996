using DitCloud.Domain;

namespace DitCloud.Scheduling.Domain.Slots;

/// <summary>
/// Free slots of one session length: availability, less leave, less existing appointments, in time
/// order. Slots run back to back from the start of each available period; after an existing
/// appointment the next slot starts when it ends.
/// </summary>
public static class SlotFinder
{
    public static IReadOnlyList<TimeRange> Find(SlotQuery query)
    {
        Validate(query);

        var busy = query.Existing.Where(a => a.OccupiesTime).Select(a => a.Time).OrderBy(t => t.Start).ToList();
        var slots = new List<TimeRange>();
        foreach (var period in query.Availability.OpenPeriods(query.FromDate, query.ToDate, query.TimeZone))
        {
            var cursor = period.Start;
            while (cursor + query.SessionLength <= period.End && slots.Count < query.MaxSlots)
            {
                var candidate = TimeRange.StartingAt(cursor, query.SessionLength);
                var clashes = busy.Where(b => b.Overlaps(candidate)).ToList();
                if (clashes.Count > 0)
                {
                    cursor = clashes.Max(b => b.End);
                    continue;
                }

                if (candidate.Start >= query.NotBefore)
                {
                    slots.Add(candidate);
                }

                cursor = candidate.End;
            }
        }

        return slots;
    }

    private static void Validate(SlotQuery query)
    {
        var violations = new List<FieldViolation>();
        if (query.ToDate < query.FromDate)
        {
            violations.Add(new("to_date", "must be on or after from_date"));
        }
        else if (query.ToDate.DayNumber - query.FromDate.DayNumber >= SlotQuery.MaxRangeDays)
        {
            violations.Add(new("to_date", $"must be within {SlotQuery.MaxRangeDays} days of from_date; search a shorter range"));
        }

        if (query.SessionLength <= TimeSpan.Zero)
        {
            violations.Add(new("session_length", "must be positive"));
        }

        if (query.MaxSlots is < 1 or > SlotQuery.MaxSlotsLimit)
        {
            violations.Add(new("max_slots", $"must be between 1 and {SlotQuery.MaxSlotsLimit}"));
        }

        if (violations.Count > 0)
        {
            throw DomainException.Invalid(violations);
        }
    }
}
