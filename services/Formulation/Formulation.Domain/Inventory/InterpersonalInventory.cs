using DitCloud.Domain;
using DitCloud.Formulation.Domain.Access;

namespace DitCloud.Formulation.Domain.Inventory;

/// <summary>
/// A course's significant relationships. Adding or updating a relationship appends a revision;
/// nothing recorded is ever overwritten, so every earlier description stays readable.
/// </summary>
/// <param name="Revisions">Every revision of every relationship, in the order recorded.</param>
public sealed record InterpersonalInventory(Guid CourseId, IReadOnlyList<RelationshipRevision> Revisions)
{
    public static InterpersonalInventory ForCourse(Guid courseId) => new(courseId, []);

    /// <summary>The latest revision of each relationship, in the order the relationships were added.</summary>
    public IReadOnlyList<RelationshipRevision> Relationships =>
        [.. Revisions.GroupBy(r => r.RelationshipId).Select(g => g.MaxBy(r => r.Revision)!)];

    /// <summary>The latest revision of each relationship that is not archived: the inventory as it stands.</summary>
    public IReadOnlyList<RelationshipRevision> CurrentRelationships => [.. Relationships.Where(r => !r.Details.Archived)];

    /// <summary>Every revision of one relationship, oldest first.</summary>
    public IReadOnlyList<RelationshipRevision> HistoryOf(Guid relationshipId)
    {
        var history = Revisions.Where(r => r.RelationshipId == relationshipId).OrderBy(r => r.Revision).ToList();
        return history.Count > 0
            ? history
            : throw DomainException.NotFound("relationship_id is not in this course's inventory; list the inventory for the ids it holds");
    }

    /// <param name="relationshipId">Chosen by the caller, so a retried request does not add the relationship twice.</param>
    public InterpersonalInventory Add(ClinicalAccess access, Guid relationshipId, RelationshipDetails details, DateTimeOffset at)
    {
        access.EnsureCanWrite(CourseId);
        new RequestCheck().That(relationshipId != Guid.Empty, "relationship_id", "must be a UUID").ThrowIfAny();
        details.Validate();
        if (Revisions.Any(r => r.RelationshipId == relationshipId))
        {
            throw DomainException.AlreadyExists("relationship_id is already in this course's inventory; update it instead of adding it");
        }

        return this with { Revisions = [.. Revisions, new RelationshipRevision(relationshipId, 1, details, access.UserId, at)] };
    }

    public InterpersonalInventory Update(ClinicalAccess access, Guid relationshipId, RelationshipDetails details, DateTimeOffset at)
    {
        access.EnsureCanWrite(CourseId);
        details.Validate();
        var latest = HistoryOf(relationshipId)[^1];
        var next = new RelationshipRevision(relationshipId, latest.Revision + 1, details, access.UserId, at);
        return this with { Revisions = [.. Revisions, next] };
    }
}
