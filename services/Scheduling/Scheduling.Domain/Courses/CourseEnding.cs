namespace DitCloud.Scheduling.Domain.Courses;

/// <summary>How and when a course finished. The reason may hold clinical text: store it, never log it.</summary>
public sealed record CourseEnding(string Reason, DateTimeOffset At);
