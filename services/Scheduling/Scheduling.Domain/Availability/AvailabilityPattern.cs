using DitCloud.Domain;
using DitCloud.Scheduling.Domain.Practitioners;

namespace DitCloud.Scheduling.Domain.Availability;

/// <summary>
/// A practitioner's weekly pattern as set on one occasion: in force from <see cref="EffectiveFrom"/>
/// until a pattern set later (a higher <see cref="Sequence"/>) takes over from its own date.
/// Patterns are never edited: setting a new one keeps the old for the dates it still governs.
/// </summary>
public sealed record AvailabilityPattern(long Sequence, DateOnly EffectiveFrom, IReadOnlyList<PatternWindow> Windows)
{
    /// <summary>
    /// Checks a new pattern: the windows' own rules (<see cref="WeeklyAvailability.Create"/>) and that
    /// each window offers only modes DIT allows and the practitioner offers. Throws INVALID_ARGUMENT
    /// naming every bad window (<c>windows[i]...</c>).
    /// </summary>
    public static IReadOnlyList<PatternWindow> Validate(IReadOnlyList<PatternWindow> windows, IReadOnlySet<DeliveryMode> practitionerModes)
    {
        var violations = new List<FieldViolation>();
        try
        {
            WeeklyAvailability.Create([.. windows.Select(w => w.Window)], []);
        }
        catch (DomainException refusal) when (refusal.Kind == DomainErrorKind.InvalidArgument)
        {
            violations.AddRange(refusal.Violations);
        }

        for (var i = 0; i < windows.Count; i++)
        {
            foreach (var mode in windows[i].Modes)
            {
                if (DitDeliveryModes.Refusal(mode) is { } refusal)
                {
                    violations.Add(new($"windows[{i}].delivery_modes", refusal));
                }
                else if (!practitionerModes.Contains(mode))
                {
                    violations.Add(new($"windows[{i}].delivery_modes",
                        $"the practitioner does not offer {DitDeliveryModes.Describe(mode)}; offer it first or leave it out"));
                }
            }
        }

        return violations.Count == 0 ? windows : throw DomainException.Invalid(violations);
    }

    /// <summary>The windows open for <paramref name="mode"/>, as a weekly availability.</summary>
    public WeeklyAvailability For(DeliveryMode mode) =>
        WeeklyAvailability.Create([.. Windows.Where(w => w.Offers(mode)).Select(w => w.Window)], []);
}
