using DitCloud.Scheduling.Domain.Practitioners;

namespace DitCloud.Scheduling.Domain.Availability;

/// <summary>A weekly window and the delivery modes offered in it; no modes means every mode the practitioner offers.</summary>
public sealed record PatternWindow(AvailabilityWindow Window, IReadOnlySet<DeliveryMode> Modes)
{
    public bool Offers(DeliveryMode mode) => Modes.Count == 0 || Modes.Contains(mode);
}
