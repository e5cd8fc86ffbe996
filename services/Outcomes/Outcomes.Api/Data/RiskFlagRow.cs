using DitCloud.Outcomes.Domain.Risk;

namespace DitCloud.Outcomes.Api.Data;

/// <summary>
/// A risk flag as raised. Append-only: the acknowledgement is a row of its own
/// (<see cref="RiskAcknowledgementRow"/>), so the flag as raised can never be rewritten.
/// </summary>
public sealed class RiskFlagRow
{
    public Guid Id { get; set; }

    /// <summary>Order of raising (an identity): lists are newest first and page by it.</summary>
    public long Sequence { get; set; }

    public Guid CourseId { get; set; }

    public Guid MeasureSetId { get; set; }

    public int? SessionNumber { get; set; }

    public RiskFlagReason Reason { get; set; }

    /// <summary>The PHQ-9 item 9 score of the set that raised it; null when PHQ-9 was not taken.</summary>
    public int? Phq9Item9 { get; set; }

    /// <summary>For an ending-phase rise: the rises as JSON; null otherwise.</summary>
    public string? Rises { get; set; }

    public DateTimeOffset RaisedAt { get; set; }

    public RiskAcknowledgementRow? Acknowledgement { get; set; }
}

/// <summary>
/// A clinician's acknowledgement of a risk flag: who, when, what was done. Append-only, and at most
/// one per flag (its key is the flag's id, the final guard when two clinicians acknowledge at once).
/// </summary>
public sealed class RiskAcknowledgementRow
{
    public Guid RiskFlagId { get; set; }

    public Guid PractitionerId { get; set; }

    public DateTimeOffset AcknowledgedAt { get; set; }

    public RiskAction Action { get; set; }

    /// <summary>Clinical text: stored in the record, never logged.</summary>
    public string? Note { get; set; }
}
