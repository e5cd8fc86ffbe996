using DitCloud.Contracts.Events.V1;
using DitCloud.Scheduling.Domain.Courses;
using DeliveryMode = DitCloud.Scheduling.Domain.Practitioners.DeliveryMode;

namespace DitCloud.Scheduling.Api.Data;

/// <summary>
/// A patient's course, one per accepted referral. Its sessions and outcomes live in
/// <see cref="AppointmentRow"/> and the append-only <see cref="AttendanceRow"/>; this row holds the
/// plan, the state and the once-written facts (assignment and its reason, the ending).
/// </summary>
public sealed class CourseRow
{
    public Guid Id { get; init; }
    public Guid ReferralId { get; init; }
    /// <summary>The partner system that sent the referral: only it may read the course (with staff).</summary>
    public required string PartnerId { get; init; }
    public Guid PatientReference { get; init; }
    /// <summary>When the referral was received: the start of the waiting-time clock and the queue order.</summary>
    public DateTimeOffset ReferredAt { get; init; }
    public DateTimeOffset AcceptedAt { get; init; }
    public DeliveryMode DeliveryMode { get; init; }
    public int SessionCount { get; init; }
    public int SessionMinutes { get; init; }
    public int InitialPhaseLastSession { get; init; }
    public int MiddlePhaseLastSession { get; init; }
    public CourseState State { get; set; }
    public Guid? PractitionerId { get; set; }
    /// <summary>The trainee's supervisor at assignment, when the practitioner is a trainee.</summary>
    public Guid? SupervisorId { get; set; }
    /// <summary>Why the practitioner was chosen, or why the patient still waits.</summary>
    public string? AssignmentReason { get; set; }
    public DateTimeOffset? AssignedAt { get; set; }
    /// <summary>First-appointment offers (JSON), made at assignment.</summary>
    public string? FirstOffers { get; set; }
    public CourseEndReason? EndReason { get; set; }
    /// <summary>The ending's explanation; may hold clinical text: stored, never logged.</summary>
    public string? EndingNote { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public bool DischargeReviewNeeded { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public int Version { get; set; }

    public CoursePlan Plan => CoursePlan.Create(new CoursePlanOptions(
        SessionCount,
        SessionMinutes,
        new PhaseBoundaries(
            new SessionRange(1, InitialPhaseLastSession),
            new SessionRange(InitialPhaseLastSession + 1, MiddlePhaseLastSession),
            new SessionRange(MiddlePhaseLastSession + 1, SessionCount))));
}

/// <summary>A referral withdrawn before (or after) its course: a withdrawal that overtakes the acceptance stops the course being created.</summary>
public sealed class WithdrawnReferralRow
{
    public Guid ReferralId { get; init; }
    public WithdrawalReason Reason { get; init; }
    public DateTimeOffset WithdrawnAt { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
}
