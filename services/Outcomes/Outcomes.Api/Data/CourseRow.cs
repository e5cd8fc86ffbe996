using DitCloud.Contracts.Events.V1;

namespace DitCloud.Outcomes.Api.Data;

/// <summary>
/// What outcomes knows of one course, from scheduling's events, and its outcome read model. Events
/// of one course arrive on different queues and so in any order: the row is created by whichever
/// arrives first and filled in by the others (<see cref="CreatedAt"/> stays null until CourseCreated).
/// The read-model columns are derived from the measures and attendance, recomputed on every change,
/// never entered by anyone; the measures themselves are never changed.
/// </summary>
public sealed class CourseRow
{
    public Guid Id { get; set; }

    public Guid? ReferralId { get; set; }

    /// <summary>
    /// The partner system that sent the referral (its client id, from CourseCreated): it may read
    /// the course's outcome. Null until CourseCreated, and for a course created by a message from
    /// before scheduling said whose it was: then no partner may.
    /// </summary>
    public string? PartnerId { get; set; }

    /// <summary>Pseudonymous patient reference (no personal data), for the audit trail.</summary>
    public Guid? PatientReference { get; set; }

    /// <summary>When scheduling created the course; null while only later events have arrived.</summary>
    public DateTimeOffset? CreatedAt { get; set; }

    public int? PlannedSessions { get; set; }

    /// <summary>When the referral was received: the start of the waiting-time clock.</summary>
    public DateTimeOffset? ReferralReceivedAt { get; set; }

    /// <summary>The practitioner the course's KPIs are credited to: the assigned one, else the last seen at a session.</summary>
    public Guid? PractitionerId { get; set; }

    public Guid? SupervisorId { get; set; }

    /// <summary>When the practitioner was assigned (PractitionerAssigned); a later assignment replaces an earlier one, never the reverse.</summary>
    public DateTimeOffset? PractitionerAssignedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public bool EndedEarly { get; set; }

    public CourseEndReason? EndReason { get; set; }

    /// <summary>Attended sessions as scheduling counted them when the course ended.</summary>
    public int? SessionsAttendedAtEnd { get; set; }

    // The read model (derived; see CourseReadModel).

    public DateOnly? ReferredOn { get; set; }

    public DateOnly? FirstSessionOn { get; set; }

    public DateOnly? SecondSessionOn { get; set; }

    public DateOnly? EndedOn { get; set; }

    /// <summary>Attended sessions with PHQ-9 or GAD-7 missing.</summary>
    public int MeasureGapCount { get; set; }

    /// <summary>The domain's CourseOutcome as JSON, as of <see cref="AssessedAt"/>.</summary>
    public string? Outcome { get; set; }

    public DateTimeOffset? AssessedAt { get; set; }

    /// <summary>Optimistic concurrency: two consumers changing one course at once cannot both win.</summary>
    public int Version { get; set; }
}
