namespace DitCloud.Scheduling.Domain.Courses;

public sealed record PlannedSession(int Number, TherapyPhase Phase);
