namespace DitCloud.Formulation.Domain.Phases;

/// <summary>
/// A session the patient attended, as scheduling's SessionAttended event reported it. The session
/// number and phase come from scheduling, never from the note's author.
/// </summary>
public sealed record AttendedSession(Guid CourseId, int SessionNumber, TherapyPhase Phase);
