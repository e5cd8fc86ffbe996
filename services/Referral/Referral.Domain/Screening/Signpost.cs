using DitCloud.Domain;

namespace DitCloud.Referral.Domain;

/// <summary>Where a declined patient was directed. "Other" must name the destination.</summary>
public sealed record Signpost
{
    public const int MaximumOtherDestinationLength = 200;

    private Signpost(SignpostDestination destination, string? otherDestination)
    {
        Destination = destination;
        OtherDestination = otherDestination;
    }

    public SignpostDestination Destination { get; }

    /// <summary>The named destination when <see cref="Destination"/> is Other; otherwise null.</summary>
    public string? OtherDestination { get; }

    /// <summary>A signpost, or INVALID_ARGUMENT naming the field under <paramref name="field"/>.</summary>
    public static Signpost To(SignpostDestination destination, string? otherDestination = null, string field = "signpost")
    {
        var violations = Check(destination, otherDestination, field);
        if (violations.Count > 0)
        {
            throw DomainException.Invalid(violations);
        }
        return new(destination, destination == SignpostDestination.Other ? otherDestination!.Trim() : null);
    }

    internal static IReadOnlyList<FieldViolation> Check(SignpostDestination destination, string? otherDestination, string field)
    {
        if (!Enum.IsDefined(destination))
        {
            return [new($"{field}.destination", $"{field}.destination is required; choose IPT, CBT, counselling for depression, secondary care, GP or other")];
        }
        if (destination != SignpostDestination.Other)
        {
            return [];
        }
        var otherField = $"{field}.other_destination";
        if (string.IsNullOrWhiteSpace(otherDestination))
        {
            return [new(otherField, $"{otherField} is required when {field}.destination is other; name the service")];
        }
        return otherDestination.Trim().Length > MaximumOtherDestinationLength
            ? [new(otherField, $"{otherField} must be at most {MaximumOtherDestinationLength} characters")]
            : [];
    }
}
