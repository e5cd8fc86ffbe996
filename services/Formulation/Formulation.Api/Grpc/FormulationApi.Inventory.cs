using DitCloud.Domain;
using DitCloud.Formulation.Api.Data;
using DitCloud.Formulation.Domain.Access;
using DitCloud.Formulation.Domain.Inventory;
using DitCloud.Formulation.V1;
using DitCloud.ServiceDefaults.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using DomainKind = DitCloud.Formulation.Domain.Inventory.RelationshipKind;

namespace DitCloud.Formulation.Api.Grpc;

public sealed partial class FormulationApi
{
    [RequireScope(Scopes.FormulationRead)]
    public override async Task<GetInterpersonalInventoryResponse> GetInterpersonalInventory(GetInterpersonalInventoryRequest request, ServerCallContext context)
    {
        var courseId = IdOf(request.CourseId);
        await ReadRecordsAsync(context, courseId, ClinicalRecordKind.InterpersonalInventory, nameof(GetInterpersonalInventory), context.CancellationToken);
        var (inventory, _) = await db.InventoryAsync(courseId, context.CancellationToken);
        var shown = request.IncludeArchived ? inventory.Relationships : inventory.CurrentRelationships;
        return new GetInterpersonalInventoryResponse { Relationships = { shown.Select(ProtoMapping.Relationship) } };
    }

    [RequireScope(Scopes.FormulationRead)]
    public override async Task<ListInventoryRelationshipRevisionsResponse> ListInventoryRelationshipRevisions(
        ListInventoryRelationshipRevisionsRequest request, ServerCallContext context)
    {
        var courseId = IdOf(request.CourseId);
        await ReadRecordsAsync(context, courseId, ClinicalRecordKind.InterpersonalInventory,
            nameof(ListInventoryRelationshipRevisions), context.CancellationToken, request.RelationshipId);
        var (inventory, _) = await db.InventoryAsync(courseId, context.CancellationToken);
        var history = inventory.HistoryOf(IdOf(request.RelationshipId));
        return new ListInventoryRelationshipRevisionsResponse { Revisions = { history.Select(ProtoMapping.Relationship) } };
    }

    [RequireScope(Scopes.FormulationWrite)]
    public override Task<AddInventoryRelationshipResponse> AddInventoryRelationship(AddInventoryRelationshipRequest request, ServerCallContext context)
    {
        var courseId = IdOf(request.CourseId);
        var relationshipId = request.Relationship.RelationshipId.Length > 0 ? IdOf(request.Relationship.RelationshipId) : Guid.CreateVersion7();
        return ChangeRecordsAsync(context, courseId, ClinicalRecordKind.InterpersonalInventory, nameof(AddInventoryRelationship), async change =>
        {
            EnsureCourseOpen(change.Course);
            if (await db.RelationshipRevisions.AnyAsync(r => r.RelationshipId == relationshipId && r.CourseId != courseId, context.CancellationToken))
            {
                throw DomainException.AlreadyExists("relationship.relationship_id is already used by another record; choose a new UUID");
            }

            var (inventory, _) = await db.InventoryAsync(courseId, context.CancellationToken);
            var details = Details(request.Relationship) with { Archived = false };
            var added = RequestFields.Named(RequestFields.Relationship, () => inventory.Add(change.Access, relationshipId, details, change.Now));
            var revision = added.HistoryOf(relationshipId)[^1];
            return Recorded(change, revision, stored => new AddInventoryRelationshipResponse { Relationship = ProtoMapping.Relationship(stored) });
        }, context.CancellationToken);
    }

    [RequireScope(Scopes.FormulationWrite)]
    public override Task<UpdateInventoryRelationshipResponse> UpdateInventoryRelationship(UpdateInventoryRelationshipRequest request, ServerCallContext context)
    {
        var courseId = IdOf(request.CourseId);
        var relationshipId = IdOf(request.Relationship.RelationshipId);
        return ChangeRecordsAsync(context, courseId, ClinicalRecordKind.InterpersonalInventory, nameof(UpdateInventoryRelationship), async change =>
        {
            EnsureCourseOpen(change.Course);
            var (inventory, _) = await db.InventoryAsync(courseId, context.CancellationToken);
            var latest = inventory.HistoryOf(relationshipId)[^1];
            EnsureEtag(request.Relationship.Etag, ProtoMapping.RelationshipEtag(latest.Revision), "relationship");
            var updated = RequestFields.Named(RequestFields.Relationship,
                () => inventory.Update(change.Access, relationshipId, Details(request.Relationship), change.Now));
            var revision = updated.HistoryOf(relationshipId)[^1];
            return Recorded(change, revision, stored => new UpdateInventoryRelationshipResponse { Relationship = ProtoMapping.Relationship(stored) });
        }, context.CancellationToken);
    }

    /// <summary>Appends the new revision and announces it; the answer is the revision as stored.</summary>
    private Func<TResponse> Recorded<TResponse>(Records.ClinicalChange change, RelationshipRevision revision, Func<RelationshipRevision, TResponse> respond)
    {
        db.RelationshipRevisions.Add(RelationshipRevisionRow.From(change.Course.CourseId, revision));
        change.Announce(new WatchFormulationResponse
        {
            ChangeType = FormulationChangeType.InventoryChanged,
            RelationshipId = revision.RelationshipId.ToString("D"),
        });
        return () => respond(revision);
    }

    private static RelationshipDetails Details(InventoryRelationship relationship) =>
        new(relationship.Label,
            relationship.Current ? RelationshipTimeframe.Current : RelationshipTimeframe.Past,
            relationship.Quality,
            relationship.Closeness,
            relationship.Conflict,
            relationship.LinkToPattern.Length == 0 ? null : relationship.LinkToPattern)
        {
            Kind = (DomainKind)(int)relationship.Kind,
            Archived = relationship.Archived,
        };

    /// <summary>Once scheduling reports the course ended, its inventory is closed; what it holds stays readable.</summary>
    private static void EnsureCourseOpen(CourseRow course)
    {
        if (course.EndedAt is not null)
        {
            throw DomainException.Precondition("the course has ended, so its interpersonal inventory is closed; every recorded relationship stays readable");
        }
    }
}
