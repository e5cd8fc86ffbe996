using DitCloud.Scheduling.Domain.Courses;

namespace DitCloud.Scheduling.Domain.Assignment;

/// <summary>
/// Patients waiting for a practitioner, first referred first served. When capacity appears the
/// caller offers it down this order; a patient whose delivery mode has no capacity keeps their
/// place while those behind who can be seen are assigned.
/// </summary>
public static class AssignmentQueue
{
    public static IReadOnlyList<Course> InOrder(IEnumerable<Course> courses) =>
        [.. courses
            .Where(c => c.State == CourseState.AwaitingPractitioner)
            .OrderBy(c => c.ReferredAt)
            .ThenBy(c => c.Id)];
}
