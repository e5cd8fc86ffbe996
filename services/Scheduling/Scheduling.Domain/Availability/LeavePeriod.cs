namespace DitCloud.Scheduling.Domain.Availability;

/// <summary>Whole local days, first to last inclusive, on which the practitioner sees no one.</summary>
public sealed record LeavePeriod(DateOnly FirstDay, DateOnly LastDay)
{
    public bool Includes(DateOnly day) => FirstDay <= day && day <= LastDay;
}
