using DitCloud.Formulation.Domain.Phases;

namespace DitCloud.Formulation.Api.Data;

/// <summary>A session scheduling reported attended (SessionAttended): what a session note is written against.</summary>
public sealed class AttendedSessionRow
{
    public Guid AppointmentId { get; init; }

    public Guid CourseId { get; init; }

    public int SessionNumber { get; init; }

    public TherapyPhase Phase { get; init; }

    /// <summary>Who saw the patient (the course's practitioner, or cover).</summary>
    public Guid PractitionerId { get; init; }

    public DateTimeOffset SessionStartedAt { get; init; }

    public AttendedSession ToDomain() => new(CourseId, SessionNumber, Phase);
}
