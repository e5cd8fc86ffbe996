namespace DitCloud.Scheduling.Domain.Booking;

public enum CancelledBy
{
    Patient = 1,
    Provider = 2,
}

/// <summary>Who cancelled, why and when. The reason may hold personal text: store it, never log it.</summary>
public sealed record Cancellation(CancelledBy By, string Reason, DateTimeOffset At);
