using DitCloud.Domain;

namespace DitCloud.Referral.Domain;

/// <summary>
/// Who the service may accept by age. DIT services are adult services: 16 and over by default;
/// a service may raise the minimum (e.g. 18) or set a maximum.
/// </summary>
public sealed record EligibilityPolicy
{
    /// <summary>Nobody living is older than this; a date of birth implying more is a typing error.</summary>
    public const int OldestPlausibleAge = 120;

    public EligibilityPolicy(int minimumAge = 16, int? maximumAge = null)
    {
        if (minimumAge is < 0 or > OldestPlausibleAge)
        {
            throw new ArgumentOutOfRangeException(nameof(minimumAge), minimumAge, $"The minimum age must be between 0 and {OldestPlausibleAge}.");
        }
        if (maximumAge is { } maximum && (maximum < minimumAge || maximum > OldestPlausibleAge))
        {
            throw new ArgumentOutOfRangeException(nameof(maximumAge), maximumAge, $"The maximum age must be between the minimum age and {OldestPlausibleAge}.");
        }
        MinimumAge = minimumAge;
        MaximumAge = maximumAge;
    }

    public int MinimumAge { get; }

    public int? MaximumAge { get; }

    /// <summary>The rule failures for a date of birth on <paramref name="today"/>; none when eligible.</summary>
    public IReadOnlyList<FieldViolation> Check(DateOnly dateOfBirth, DateOnly today, string field = "patient.date_of_birth")
    {
        if (dateOfBirth > today)
        {
            return [new(field, $"{field} is in the future; check the day, month and year")];
        }
        var age = AgeCalculator.AgeOn(dateOfBirth, today);
        if (age > OldestPlausibleAge)
        {
            return [new(field, $"{field} gives an age over {OldestPlausibleAge}; check the year")];
        }
        if (age < MinimumAge)
        {
            return [new(field, $"the patient is under this service's minimum age of {MinimumAge}; refer to a children and young people's service instead")];
        }
        if (age > MaximumAge)
        {
            return [new(field, $"the patient is over this service's maximum age of {MaximumAge}; refer to an older adults' service instead")];
        }
        return [];
    }
}
