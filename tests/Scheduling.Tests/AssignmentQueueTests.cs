using DitCloud.Scheduling.Domain.Assignment;
using DitCloud.Scheduling.Domain.Courses;
using DitCloud.Scheduling.Domain.Practitioners;

namespace DitCloud.Scheduling.Tests;

public sealed class AssignmentQueueTests
{
    private static Course Waiting(int id, int referredDay) =>
        Course.Open(Given.Id(id), Given.Id(id + 50), Given.Id(id + 80), Given.London(2, referredDay, 9), DeliveryMode.Video, CoursePlan.Default);

    [Fact]
    public void First_referred_is_first_in_the_queue_and_assigned_courses_leave_it()
    {
        var assigned = Waiting(9, 1).AssignPractitioner(Given.PractitionerId, "assigned");
        var later = Waiting(2, 10);
        var earlier = Waiting(3, 5);
        var sameTimeLowerId = Waiting(1, 10);

        var queue = AssignmentQueue.InOrder([assigned, later, earlier, sameTimeLowerId]);

        queue.Select(c => c.Id).ShouldBe([Given.Id(3), Given.Id(1), Given.Id(2)]);
    }
}
