namespace DitCloud.Referral.Domain;

/// <summary>A screening decision with who made it and when.</summary>
public sealed record RecordedScreeningDecision(ScreeningDecision Decision, string Clinician, DateTimeOffset At);
