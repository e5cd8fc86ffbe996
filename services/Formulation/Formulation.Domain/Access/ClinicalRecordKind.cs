namespace DitCloud.Formulation.Domain.Access;

/// <summary>Which of a course's clinical records an access decision is about, for the audit trail.</summary>
public enum ClinicalRecordKind
{
    InterpersonalInventory = 1,
    Formulation = 2,
    SessionNote = 3,
    GoodbyeLetter = 4,
}
