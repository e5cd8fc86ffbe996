using DitCloud.Outcomes.Domain.Measures;

namespace DitCloud.Outcomes.Api.Data;

/// <summary>
/// One version of a set of measures, exactly as recorded. The table is append-only (the database
/// refuses UPDATE and DELETE): a correction is a new row with <see cref="Version"/> one higher that
/// names the row it <see cref="CorrectsId">corrects</see>. The totals are stored beside the items
/// for reporting; the items are the record.
/// </summary>
public sealed class MeasureSetRow
{
    public Guid Id { get; set; }

    public Guid CourseId { get; set; }

    /// <summary>The caller's idempotency key.</summary>
    public Guid RequestId { get; set; }

    public MeasurementOccasion Occasion { get; set; }

    /// <summary>The session number for session measures; 0 otherwise.</summary>
    public int SessionNumber { get; set; }

    public TherapyPhase? Phase { get; set; }

    /// <summary>1 as first recorded; each correction one more.</summary>
    public int Version { get; set; }

    public Guid? CorrectsId { get; set; }

    /// <summary>Clinical text: stored in the record, never logged.</summary>
    public string? CorrectionReason { get; set; }

    public DateTimeOffset MeasuredAt { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>The verified caller who recorded this version (kind:id).</summary>
    public required string RecordedBy { get; set; }

    public int[]? Phq9Items { get; set; }

    public int[]? Gad7Items { get; set; }

    public int[]? WsasItems { get; set; }

    public bool WsasWorkItemNotApplicable { get; set; }

    public int? Phq9Total { get; set; }

    public int? Phq9Item9 { get; set; }

    public int? Gad7Total { get; set; }

    public int? WsasTotal { get; set; }
}
