namespace DitCloud.Formulation.Domain.Inventory;

/// <summary>Who the other person is to the patient, in broad kinds (the values match dit.formulation.v1.RelationshipKind).</summary>
public enum RelationshipKind
{
    /// <summary>Mother, father or carer who brought the patient up.</summary>
    ParentOrCarer = 1,
    Partner = 2,
    Child = 3,
    Sibling = 4,
    OtherFamily = 5,
    Friend = 6,

    /// <summary>Colleague, manager or someone else at work or college.</summary>
    Work = 7,
    Other = 8,
}
