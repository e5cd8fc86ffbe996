namespace DitCloud.Formulation.Domain.Inventory;

/// <summary>One recorded state of one relationship; revision 1 is when it was added.</summary>
public sealed record RelationshipRevision(
    Guid RelationshipId,
    int Revision,
    RelationshipDetails Details,
    string RecordedBy,
    DateTimeOffset RecordedAt);
