using DitCloud.Domain;

namespace DitCloud.Outcomes.Domain.Kpis;

/// <summary>A reporting period of whole local days, both ends included, at most <see cref="MaxDays"/> days long.</summary>
public sealed record ReportingPeriod
{
    public const int MaxDays = 366;

    private ReportingPeriod(DateOnly start, DateOnly end)
    {
        Start = start;
        End = end;
    }

    public DateOnly Start { get; }

    public DateOnly End { get; }

    public static ReportingPeriod Create(DateOnly start, DateOnly end)
    {
        if (end < start)
        {
            throw DomainException.Invalid("end_date", "end_date must not be before start_date");
        }

        return end.DayNumber - start.DayNumber + 1 > MaxDays
            ? throw DomainException.Invalid("end_date", $"the period must be at most {MaxDays} days long, both ends included")
            : new ReportingPeriod(start, end);
    }

    public bool Contains(DateOnly day) => day >= Start && day <= End;
}
