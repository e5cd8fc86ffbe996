using DitCloud.Formulation.Domain.Phases;
using DitCloud.Formulation.Domain.SessionNotes;

namespace DitCloud.Formulation.Api.Data;

/// <summary>
/// The note of one attended session. Its content is replaced while it is a draft; once signed, the
/// database refuses any change except the supervisor's countersignature, recorded once.
/// Corrections go to <see cref="NoteAddendumRow"/>, which is append-only.
/// </summary>
public sealed class SessionNoteRow
{
    public Guid Id { get; init; }

    public Guid CourseId { get; init; }

    public Guid AppointmentId { get; init; }

    public int SessionNumber { get; init; }

    public TherapyPhase Phase { get; init; }

    public required string AuthorId { get; init; }

    /// <summary>The DIT techniques used, as <see cref="DitTechnique"/> values.</summary>
    public int[] Techniques { get; set; } = [];

    public string FocusWork { get; set; } = "";

    public string Text { get; set; } = "";

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset LastEditedAt { get; set; }

    public DateTimeOffset? SignedAt { get; set; }

    public string? CountersignedBy { get; set; }

    public DateTimeOffset? CountersignedAt { get; set; }

    /// <summary>PostgreSQL's xmin: the etag and the optimistic concurrency token.</summary>
    public uint RowVersion { get; init; }

    public List<NoteAddendumRow> Addenda { get; init; } = [];

    public string Etag => RowVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public SessionNote ToDomain() => new(
        CourseId, SessionNumber, Phase, AuthorId, [.. Techniques.Select(t => (DitTechnique)t)], Text, CreatedAt, LastEditedAt, SignedAt,
        [.. Addenda.OrderBy(a => a.Sequence).Select(a => new NoteAddendum(a.AuthorId, a.WrittenAt, a.Text))])
    {
        FocusWork = FocusWork,
        Countersignature = CountersignedBy is not null && CountersignedAt is { } at ? new NoteCountersignature(CountersignedBy, at) : null,
    };

    public static SessionNoteRow From(Guid appointmentId, SessionNote note)
    {
        var row = new SessionNoteRow
        {
            Id = Guid.CreateVersion7(),
            CourseId = note.CourseId,
            AppointmentId = appointmentId,
            SessionNumber = note.SessionNumber,
            Phase = note.Phase,
            AuthorId = note.AuthorId,
            CreatedAt = note.CreatedAt,
        };
        _ = row.Apply(note); // a new note has no addenda
        return row;
    }

    /// <summary>
    /// Copies what a step may have changed. Addenda the row does not hold yet become new rows,
    /// returned so the caller adds them to the unit of work.
    /// </summary>
    public IReadOnlyList<NoteAddendumRow> Apply(SessionNote note)
    {
        var techniques = note.Techniques.Select(t => (int)t).ToArray();
        if (!techniques.SequenceEqual(Techniques)) Techniques = techniques;
        FocusWork = note.FocusWork;
        Text = note.Text;
        LastEditedAt = note.LastEditedAt;
        SignedAt = note.SignedAt;
        CountersignedBy = note.Countersignature?.SupervisorId;
        CountersignedAt = note.Countersignature?.SignedAt;
        var added = note.Addenda.Skip(Addenda.Count).Select((addendum, i) => new NoteAddendumRow
        {
            Id = Guid.CreateVersion7(),
            NoteId = Id,
            Sequence = Addenda.Count + i + 1,
            AuthorId = addendum.AuthorId,
            WrittenAt = addendum.WrittenAt,
            Text = addendum.Text,
        }).ToList();
        Addenda.AddRange(added);
        return added;
    }
}

/// <summary>A correction or later addition to a signed note. Append-only: rows are never updated or deleted.</summary>
public sealed class NoteAddendumRow
{
    public Guid Id { get; init; }

    public Guid NoteId { get; init; }

    /// <summary>1 for the note's first addendum, then 2, 3...</summary>
    public int Sequence { get; init; }

    public required string AuthorId { get; init; }

    public DateTimeOffset WrittenAt { get; init; }

    public required string Text { get; init; }
}
