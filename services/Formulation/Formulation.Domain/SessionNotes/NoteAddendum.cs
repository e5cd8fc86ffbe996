namespace DitCloud.Formulation.Domain.SessionNotes;

/// <summary>A correction or later addition to a signed note, kept alongside it.</summary>
public sealed record NoteAddendum(string AuthorId, DateTimeOffset WrittenAt, string Text);
