using DitCloud.Domain;

namespace DitCloud.Scheduling.Domain.Practitioners;

/// <summary>Which delivery modes DIT may use, and the wording used when one is refused.</summary>
public static class DitDeliveryModes
{
    public const string TelephoneRefusal = "DIT is not offered by telephone; choose video or in person";

    /// <summary>Why <paramref name="mode"/> cannot carry DIT sessions, or null when it can.</summary>
    public static string? Refusal(DeliveryMode mode) => mode switch
    {
        DeliveryMode.Video or DeliveryMode.InPerson => null,
        DeliveryMode.Telephone => TelephoneRefusal,
        _ => "unknown delivery mode; choose video or in person",
    };

    /// <summary>Refuses a mode DIT cannot use, naming <paramref name="field"/> in the error.</summary>
    public static void EnsureOffered(DeliveryMode mode, string field)
    {
        if (Refusal(mode) is { } refusal)
        {
            throw DomainException.Invalid(field, refusal);
        }
    }

    public static string Describe(DeliveryMode mode) => mode switch
    {
        DeliveryMode.Video => "video",
        DeliveryMode.InPerson => "in person",
        DeliveryMode.Telephone => "telephone",
        _ => "an unknown mode",
    };
}
