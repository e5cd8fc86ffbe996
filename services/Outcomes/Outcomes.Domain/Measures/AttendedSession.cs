namespace DitCloud.Outcomes.Domain.Measures;

/// <summary>A treatment session the patient attended (attendance codes 5 and 6), as scheduling reported it.</summary>
public sealed record AttendedSession(int SessionNumber, DateOnly Date);
