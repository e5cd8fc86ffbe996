using DitCloud.Domain;
using DitCloud.Formulation.V1;
using DitCloud.ServiceDefaults.Grpc;

namespace DitCloud.Formulation.Api.Grpc.Validators;

internal sealed class GetInterpersonalInventoryValidator : IRequestValidator<GetInterpersonalInventoryRequest>
{
    public IEnumerable<FieldViolation> Validate(GetInterpersonalInventoryRequest request) => Fields.Uuid("course_id", request.CourseId);
}

internal sealed class AddInventoryRelationshipValidator : IRequestValidator<AddInventoryRelationshipRequest>
{
    public IEnumerable<FieldViolation> Validate(AddInventoryRelationshipRequest request) =>
        Fields.Uuid("course_id", request.CourseId).Concat(RelationshipShape.Check(request.Relationship, idRequired: false));
}

internal sealed class UpdateInventoryRelationshipValidator : IRequestValidator<UpdateInventoryRelationshipRequest>
{
    public IEnumerable<FieldViolation> Validate(UpdateInventoryRelationshipRequest request) =>
        Fields.Uuid("course_id", request.CourseId).Concat(RelationshipShape.Check(request.Relationship, idRequired: true));
}

internal sealed class ListInventoryRelationshipRevisionsValidator : IRequestValidator<ListInventoryRelationshipRevisionsRequest>
{
    public IEnumerable<FieldViolation> Validate(ListInventoryRelationshipRevisionsRequest request) =>
        Fields.Uuid("course_id", request.CourseId).Concat(Fields.Uuid("relationship_id", request.RelationshipId));
}

/// <summary>What the message must carry before the domain's rules (lengths, ratings) are applied.</summary>
internal static class RelationshipShape
{
    public static IEnumerable<FieldViolation> Check(InventoryRelationship? relationship, bool idRequired)
    {
        if (relationship is null)
        {
            yield return new("relationship", "is required: the relationship's kind, label, quality, closeness and conflict");
            yield break;
        }

        foreach (var violation in Fields.Uuid("relationship.relationship_id", relationship.RelationshipId, idRequired)) yield return violation;
        if (relationship.Kind == RelationshipKind.Unspecified || !Enum.IsDefined(relationship.Kind))
        {
            yield return new("relationship.kind", $"is required: one of {string.Join(", ", Enum.GetNames<RelationshipKind>().Skip(1))}");
        }
    }
}
