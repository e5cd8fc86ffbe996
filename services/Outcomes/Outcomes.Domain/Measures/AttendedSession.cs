namespace DitCloud.Outcomes.Domain.Measures;

/// <summary>A treatment session the patient attended (attendance codes 5 and 6), as scheduling reported it.</summary>
/// <param name="Phase">The phase scheduling placed the session in; measures taken at the session carry it.</param>
public sealed record AttendedSession(int SessionNumber, DateOnly Date, TherapyPhase? Phase = null);
