using DitCloud.Domain;
using DitCloud.Outcomes.Domain.Measures;

namespace DitCloud.Outcomes.Domain.Risk;

/// <summary>
/// A prompt on a course for a clinician to assess risk, kept with its acknowledgement for the audit
/// trail. Raise through <see cref="Raise"/>; the public constructor is for rebuilding a stored flag.
/// </summary>
/// <param name="SessionNumber">The session the measures were taken at; null at assessment or follow-up.</param>
public sealed record RiskFlag(
    Guid Id,
    Guid CourseId,
    Guid MeasureSetId,
    int? SessionNumber,
    RiskSignal Signal,
    DateTimeOffset RaisedAt,
    RiskAcknowledgement? Acknowledgement)
{
    public const int MaxNoteLength = 4000;

    public RiskFlagStatus Status => Acknowledgement is null ? RiskFlagStatus.Open : RiskFlagStatus.Acknowledged;

    public static RiskFlag Raise(Guid id, Guid courseId, MeasureSet source, RiskSignal signal, DateTimeOffset raisedAt) =>
        new(id, courseId, source.Id, source.Point.SessionNumber, signal, raisedAt.ToUniversalTime(), null);

    /// <summary>
    /// Records the clinician's assessment. FAILED_PRECONDITION when already acknowledged (naming who
    /// and when, never the note); INVALID_ARGUMENT for an unknown action or an over-long note.
    /// </summary>
    public RiskFlag Acknowledge(Guid practitionerId, RiskAction action, string? note, DateTimeOffset acknowledgedAt)
    {
        if (Acknowledgement is { } done)
        {
            throw DomainException.Precondition(
                $"risk flag {Id} was already acknowledged by practitioner {done.PractitionerId} at {done.AcknowledgedAt:O}; it cannot be acknowledged again");
        }

        var violations = new List<FieldViolation>();
        if (practitionerId == Guid.Empty)
        {
            violations.Add(new("acknowledged_by_practitioner_id", "the acknowledging practitioner must be identified"));
        }

        if (!Enum.IsDefined(action))
        {
            violations.Add(new("action", "action must say what was done about the flag"));
        }

        if (note is { Length: > MaxNoteLength })
        {
            violations.Add(new("note", $"note must be at most {MaxNoteLength} characters"));
        }

        return violations.Count > 0
            ? throw DomainException.Invalid(violations)
            : this with { Acknowledgement = new RiskAcknowledgement(practitionerId, acknowledgedAt.ToUniversalTime(), action, note) };
    }
}
