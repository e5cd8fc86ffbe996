namespace DitCloud.Formulation.Domain.SessionNotes;

/// <summary>A note is a draft its author may edit until they sign it; a signed note never changes.</summary>
public enum SessionNoteStatus
{
    Draft = 1,
    Signed = 2,
}
