namespace DitCloud.Formulation.Domain.GoodbyeLetters;

/// <summary>A letter is drafted, then issued once; an issued letter never changes.</summary>
public enum GoodbyeLetterStatus
{
    Draft = 1,
    Issued = 2,
}
