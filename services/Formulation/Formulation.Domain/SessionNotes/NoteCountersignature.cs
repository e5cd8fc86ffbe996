namespace DitCloud.Formulation.Domain.SessionNotes;

/// <summary>The supervisor's countersignature on a trainee's signed note.</summary>
public sealed record NoteCountersignature(string SupervisorId, DateTimeOffset SignedAt);
