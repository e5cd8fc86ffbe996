namespace DitCloud.Contracts.Events.V1;

/// <summary>A course of DIT was created for an accepted referral. Published by scheduling.</summary>
/// <param name="EventId">Unique event id.</param>
/// <param name="OccurredAt">When the course was created.</param>
/// <param name="CourseId">The course.</param>
/// <param name="ReferralId">The accepted referral.</param>
/// <param name="PatientReference">Pseudonymous patient reference (no personal data).</param>
/// <param name="PlannedSessions">Planned number of sessions, 8 to 16.</param>
/// <param name="InitialPhaseLastSession">Last session of the initial phase.</param>
/// <param name="MiddlePhaseLastSession">Last session of the middle phase.</param>
/// <param name="ReferralReceivedAt">When the referral was received (for waiting times).</param>
/// <param name="PartnerId">
/// Client id of the partner system that sent the referral: the one partner that may read the
/// course's outcome. Added after the first release; null in messages published before it, and a
/// course from such a message is open to no partner.
/// </param>
public sealed record CourseCreated(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CourseId,
    Guid ReferralId,
    Guid PatientReference,
    int PlannedSessions,
    int InitialPhaseLastSession,
    int MiddlePhaseLastSession,
    DateTimeOffset ReferralReceivedAt,
    string? PartnerId = null) : IIntegrationEvent;

/// <summary>
/// A course was given its practitioner: at once when the referral was accepted, or later from the
/// waiting queue when capacity appeared. Published by scheduling after CourseCreated (same course,
/// same order); formulation uses it to know who treats and who supervises the course.
/// </summary>
/// <param name="EventId">Unique event id.</param>
/// <param name="OccurredAt">When the practitioner was assigned.</param>
/// <param name="CourseId">The course.</param>
/// <param name="ReferralId">The referral the course came from.</param>
/// <param name="PractitionerId">The assigned practitioner.</param>
/// <param name="SupervisorId">The practitioner supervising the case when the assigned one is a trainee; null otherwise.</param>
/// <param name="DeliveryMode">Video or face to face.</param>
public sealed record PractitionerAssigned(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CourseId,
    Guid ReferralId,
    Guid PractitionerId,
    Guid? SupervisorId,
    DeliveryMode DeliveryMode) : IIntegrationEvent;

/// <summary>A session was booked (or moved: a reschedule publishes a new booking). Published by scheduling.</summary>
/// <param name="EventId">Unique event id.</param>
/// <param name="OccurredAt">When it was booked.</param>
/// <param name="AppointmentId">The appointment.</param>
/// <param name="CourseId">The course.</param>
/// <param name="PractitionerId">The practitioner.</param>
/// <param name="SessionNumber">Session number within the course, from 1.</param>
/// <param name="Phase">Phase of that session.</param>
/// <param name="StartsAt">Start of the session.</param>
/// <param name="Duration">Planned length.</param>
/// <param name="DeliveryMode">Video or face to face.</param>
/// <param name="Rescheduled">True when this booking moved an existing appointment.</param>
public sealed record AppointmentBooked(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid AppointmentId,
    Guid CourseId,
    Guid PractitionerId,
    int SessionNumber,
    TherapyPhase Phase,
    DateTimeOffset StartsAt,
    TimeSpan Duration,
    DeliveryMode DeliveryMode,
    bool Rescheduled) : IIntegrationEvent;

/// <summary>A booked session was cancelled. Published by scheduling.</summary>
/// <param name="EventId">Unique event id.</param>
/// <param name="OccurredAt">When it was cancelled.</param>
/// <param name="AppointmentId">The appointment.</param>
/// <param name="CourseId">The course.</param>
/// <param name="PractitionerId">The practitioner.</param>
/// <param name="SessionNumber">Session number within the course.</param>
/// <param name="CancellationCode">CancelledByPatient (2) or CancelledByProvider (4).</param>
public sealed record AppointmentCancelled(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid AppointmentId,
    Guid CourseId,
    Guid PractitionerId,
    int SessionNumber,
    AttendanceCode CancellationCode) : IIntegrationEvent;

/// <summary>A session took place (attendance code 5 or 6). Published by scheduling.</summary>
/// <param name="EventId">Unique event id.</param>
/// <param name="OccurredAt">When attendance was recorded.</param>
/// <param name="AppointmentId">The appointment.</param>
/// <param name="CourseId">The course.</param>
/// <param name="SessionNumber">Session number within the course.</param>
/// <param name="Phase">Phase of the session.</param>
/// <param name="PractitionerId">The practitioner who saw the patient.</param>
/// <param name="SupervisorId">The supervising practitioner, when supervised.</param>
/// <param name="AttendanceCode">Attended (5) or ArrivedLateSeen (6).</param>
/// <param name="SessionStartedAt">When the session was due to start.</param>
public sealed record SessionAttended(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid AppointmentId,
    Guid CourseId,
    int SessionNumber,
    TherapyPhase Phase,
    Guid PractitionerId,
    Guid? SupervisorId,
    AttendanceCode AttendanceCode,
    DateTimeOffset SessionStartedAt) : IIntegrationEvent;

/// <summary>A session was missed (attendance code 3 or 7). Published by scheduling.</summary>
/// <param name="EventId">Unique event id.</param>
/// <param name="OccurredAt">When the miss was recorded.</param>
/// <param name="AppointmentId">The appointment.</param>
/// <param name="CourseId">The course.</param>
/// <param name="SessionNumber">Session number within the course.</param>
/// <param name="Phase">Phase of the session.</param>
/// <param name="PractitionerId">The practitioner.</param>
/// <param name="AttendanceCode">DidNotAttend (3) or ArrivedLateNotSeen (7).</param>
/// <param name="ConsecutiveMissed">Sessions missed in a row, including this one.</param>
public sealed record SessionMissed(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid AppointmentId,
    Guid CourseId,
    int SessionNumber,
    TherapyPhase Phase,
    Guid PractitionerId,
    AttendanceCode AttendanceCode,
    int ConsecutiveMissed) : IIntegrationEvent;

/// <summary>A course ended, as planned or early. Published by scheduling; outcomes finalises the course outcome.</summary>
/// <param name="EventId">Unique event id.</param>
/// <param name="OccurredAt">When the course ended.</param>
/// <param name="CourseId">The course.</param>
/// <param name="ReferralId">The referral it came from.</param>
/// <param name="EndedEarly">False when completed as planned; true when ended early.</param>
/// <param name="EndReason">Why it ended early; null when completed.</param>
/// <param name="SessionsAttended">Sessions attended (codes 5 and 6).</param>
/// <param name="FirstSessionAt">Start of the first attended session; null if none.</param>
/// <param name="SecondSessionAt">Start of the second attended session; null if none.</param>
public sealed record CourseCompleted(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CourseId,
    Guid ReferralId,
    bool EndedEarly,
    CourseEndReason? EndReason,
    int SessionsAttended,
    DateTimeOffset? FirstSessionAt,
    DateTimeOffset? SecondSessionAt) : IIntegrationEvent;

/// <summary>The DNA policy asks a clinician to review discharging a patient. Published by scheduling.</summary>
/// <param name="EventId">Unique event id.</param>
/// <param name="OccurredAt">When the review became due.</param>
/// <param name="CourseId">The course.</param>
/// <param name="PractitionerId">The practitioner to review it.</param>
/// <param name="Reason">Which rule triggered it.</param>
/// <param name="SessionsMissed">Sessions missed so far in the course.</param>
public sealed record DischargeReviewNeeded(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CourseId,
    Guid PractitionerId,
    DischargeReviewReason Reason,
    int SessionsMissed) : IIntegrationEvent;
