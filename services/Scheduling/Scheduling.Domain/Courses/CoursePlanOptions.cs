namespace DitCloud.Scheduling.Domain.Courses;

/// <summary>
/// A service's course settings. <see cref="Phases"/> may be left out only for a 16-session course;
/// any other length must say where its phases fall rather than have the software guess.
/// </summary>
public sealed record CoursePlanOptions(int SessionCount = 16, int SessionMinutes = 50, PhaseBoundaries? Phases = null);
