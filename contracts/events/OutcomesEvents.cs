namespace DitCloud.Contracts.Events.V1;

/// <summary>
/// A set of outcome measures was recorded. Published by outcomes. Carries which questionnaires
/// were taken, not the scores: a consumer that needs scores asks outcomes (GetTrajectory) under
/// its own authorisation.
/// </summary>
/// <param name="EventId">Unique event id.</param>
/// <param name="OccurredAt">When the questionnaires were completed.</param>
/// <param name="MeasureSetId">The measure set.</param>
/// <param name="CourseId">The course.</param>
/// <param name="Occasion">Assessment, session or follow-up.</param>
/// <param name="SessionNumber">Session number for Session occasions; 0 otherwise.</param>
/// <param name="Measures">Which questionnaires the set contains.</param>
public sealed record MeasuresRecorded(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid MeasureSetId,
    Guid CourseId,
    MeasurementOccasion Occasion,
    int SessionNumber,
    MeasuresTaken Measures) : IIntegrationEvent;

/// <summary>
/// PHQ-9 item 9 was above 0: a clinician must assess risk. Published by outcomes; notification
/// consumers alert the course's practitioner and supervisor. A prompt, not a risk assessment.
/// </summary>
/// <param name="EventId">Unique event id.</param>
/// <param name="OccurredAt">When the flag was raised.</param>
/// <param name="RiskFlagId">The flag, to open and acknowledge in outcomes.</param>
/// <param name="CourseId">The course.</param>
/// <param name="MeasureSetId">The measure set that raised it.</param>
/// <param name="SessionNumber">Session number; 0 when not at a session.</param>
/// <param name="Reason">Why the flag was raised.</param>
public sealed record RiskFlagRaised(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid RiskFlagId,
    Guid CourseId,
    Guid MeasureSetId,
    int SessionNumber,
    RiskFlagReason Reason) : IIntegrationEvent;
