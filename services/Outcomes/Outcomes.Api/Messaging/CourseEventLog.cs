using DitCloud.Outcomes.Api.Courses;
using DitCloud.Persistence;

namespace DitCloud.Outcomes.Api.Messaging;

/// <summary>Audits what an event changed in a course's record, as this service acting on scheduling's word.</summary>
public sealed class CourseEventLog(IAuditTrail audit)
{
    public static readonly AuditActor Outcomes = AuditActor.Service("outcomes");

    public void Changed(CourseRecord course, string eventName) =>
        audit.Record(Outcomes, AuditAction.Change, CourseAccess.Resource, course.Id.ToString(), course.Row.PatientReference, eventName);
}
