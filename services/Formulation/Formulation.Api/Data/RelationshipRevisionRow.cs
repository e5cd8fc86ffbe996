using DitCloud.Formulation.Domain.Inventory;

namespace DitCloud.Formulation.Api.Data;

/// <summary>One recorded state of one relationship in a course's inventory. Append-only: rows are never updated or deleted.</summary>
public sealed class RelationshipRevisionRow
{
    public Guid RelationshipId { get; init; }

    public int Revision { get; init; }

    public Guid CourseId { get; init; }

    public RelationshipKind Kind { get; init; }

    public required string Who { get; init; }

    public RelationshipTimeframe Timeframe { get; init; }

    public required string Quality { get; init; }

    public int Closeness { get; init; }

    public int Conflict { get; init; }

    public string? LinkToPattern { get; init; }

    public bool Archived { get; init; }

    public required string RecordedBy { get; init; }

    public DateTimeOffset RecordedAt { get; init; }

    public RelationshipRevision ToDomain() => new(
        RelationshipId, Revision,
        new RelationshipDetails(Who, Timeframe, Quality, Closeness, Conflict, LinkToPattern) { Kind = Kind, Archived = Archived },
        RecordedBy, RecordedAt);

    public static RelationshipRevisionRow From(Guid courseId, RelationshipRevision revision) => new()
    {
        RelationshipId = revision.RelationshipId,
        Revision = revision.Revision,
        CourseId = courseId,
        Kind = revision.Details.Kind,
        Who = revision.Details.Who,
        Timeframe = revision.Details.Timeframe,
        Quality = revision.Details.Quality,
        Closeness = revision.Details.Closeness,
        Conflict = revision.Details.Conflict,
        LinkToPattern = revision.Details.LinkToPattern,
        Archived = revision.Details.Archived,
        RecordedBy = revision.RecordedBy,
        RecordedAt = revision.RecordedAt,
    };
}
