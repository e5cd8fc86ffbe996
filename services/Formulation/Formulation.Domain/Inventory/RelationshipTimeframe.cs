namespace DitCloud.Formulation.Domain.Inventory;

/// <summary>Whether a relationship is part of the patient's life now or belongs to the past.</summary>
public enum RelationshipTimeframe
{
    Current = 1,
    Past = 2,
}
