namespace DitCloud.Contracts.Events.V1;

/// <summary>The patient agreed the first IPAF of a course. Published by formulation.</summary>
/// <param name="EventId">Unique event id.</param>
/// <param name="OccurredAt">When it was agreed.</param>
/// <param name="CourseId">The course.</param>
/// <param name="IpafVersion">The agreed version, from 1.</param>
/// <param name="AgreedAtSession">Session number at which it was agreed.</param>
/// <param name="PractitionerId">The practitioner who wrote it.</param>
public sealed record FormulationAgreed(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CourseId,
    int IpafVersion,
    int AgreedAtSession,
    Guid PractitionerId) : IIntegrationEvent;

/// <summary>A revised IPAF was agreed, superseding the previous version. Published by formulation.</summary>
/// <param name="EventId">Unique event id.</param>
/// <param name="OccurredAt">When the revision was agreed.</param>
/// <param name="CourseId">The course.</param>
/// <param name="PreviousVersion">The version superseded.</param>
/// <param name="IpafVersion">The newly agreed version.</param>
/// <param name="AgreedAtSession">Session number at which it was agreed.</param>
/// <param name="PractitionerId">The practitioner who revised it.</param>
public sealed record FormulationRevised(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CourseId,
    int PreviousVersion,
    int IpafVersion,
    int AgreedAtSession,
    Guid PractitionerId) : IIntegrationEvent;

/// <summary>The goodbye letter was given to the patient. Published by formulation.</summary>
/// <param name="EventId">Unique event id.</param>
/// <param name="OccurredAt">When it was issued.</param>
/// <param name="CourseId">The course.</param>
/// <param name="IssuedAtSession">Session number at which it was given.</param>
/// <param name="PractitionerId">The practitioner who wrote it.</param>
public sealed record GoodbyeLetterIssued(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CourseId,
    int IssuedAtSession,
    Guid PractitionerId) : IIntegrationEvent;

/// <summary>
/// No IPAF was agreed by the end of the initial phase. Published by formulation (which follows
/// SessionAttended) for the practitioner and their supervisor.
/// </summary>
/// <param name="EventId">Unique event id.</param>
/// <param name="OccurredAt">When it became overdue.</param>
/// <param name="CourseId">The course.</param>
/// <param name="PractitionerId">The course's practitioner.</param>
/// <param name="SupervisorId">The supervisor, when supervised.</param>
/// <param name="SessionsAttended">Sessions attended so far.</param>
/// <param name="InitialPhaseLastSession">The session by which it was due.</param>
public sealed record FormulationOverdue(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CourseId,
    Guid PractitionerId,
    Guid? SupervisorId,
    int SessionsAttended,
    int InitialPhaseLastSession) : IIntegrationEvent;
