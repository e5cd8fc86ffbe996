namespace DitCloud.Formulation.Domain.Access;

/// <summary>What a caller wants to do with clinical text.</summary>
public enum ClinicalAccessKind
{
    Read = 1,
    Write = 2,
}
