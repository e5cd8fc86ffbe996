using DitCloud.Domain;
using DitCloud.Formulation.Domain.Access;
using DitCloud.Formulation.Domain.Phases;

namespace DitCloud.Formulation.Domain.SessionNotes;

/// <summary>
/// The practitioner's note of one attended session. Its author edits it as a draft, then signs it;
/// from then on it never changes, and corrections are appended as addenda. One note per attended
/// session: the store keys notes by course and session number.
/// </summary>
/// <param name="Techniques">Distinct, in the order of <see cref="DitTechnique"/>.</param>
public sealed record SessionNote(
    Guid CourseId,
    int SessionNumber,
    TherapyPhase Phase,
    string AuthorId,
    IReadOnlyList<DitTechnique> Techniques,
    string Text,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastEditedAt,
    DateTimeOffset? SignedAt,
    IReadOnlyList<NoteAddendum> Addenda)
{
    public SessionNoteStatus Status => SignedAt is null ? SessionNoteStatus.Draft : SessionNoteStatus.Signed;

    /// <summary>Starts the note of an attended session; the text may be completed before signing.</summary>
    public static SessionNote Draft(
        ClinicalAccess access, AttendedSession session, IEnumerable<DitTechnique> techniques, string text, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(session);
        access.EnsureCanWrite(session.CourseId);
        new RequestCheck()
            .That(session.SessionNumber >= 1, "session_number", "must be the attended session's number, 1 or more")
            .Defined("phase", session.Phase)
            .ThrowIfAny();
        var chosen = CheckContent(techniques, text);
        return new SessionNote(session.CourseId, session.SessionNumber, session.Phase, access.UserId, chosen, text, at, at, null, []);
    }

    public SessionNote EditDraft(ClinicalAccess access, IEnumerable<DitTechnique> techniques, string text, DateTimeOffset at)
    {
        EnsureAuthorOfDraft(access, "edit");
        var chosen = CheckContent(techniques, text);
        return this with { Techniques = chosen, Text = text, LastEditedAt = at };
    }

    public SessionNote Sign(ClinicalAccess access, DateTimeOffset at)
    {
        EnsureAuthorOfDraft(access, "sign");
        new RequestCheck().RequiredText("text", Text, TextLimits.SessionNoteText).ThrowIfAny();
        return this with { SignedAt = at };
    }

    /// <summary>Appends a correction to a signed note. Either member of the care team may write one.</summary>
    public SessionNote AddAddendum(ClinicalAccess access, string text, DateTimeOffset at)
    {
        access.EnsureCanWrite(CourseId);
        if (Status != SessionNoteStatus.Signed)
        {
            throw DomainException.Precondition(
                $"the note of session {SessionNumber} is a Draft; addenda are for signed notes; allowed steps: EditDraft, Sign");
        }

        new RequestCheck().RequiredText("text", text, TextLimits.AddendumText).ThrowIfAny();
        return this with { Addenda = [.. Addenda, new NoteAddendum(access.UserId, at, text)] };
    }

    private void EnsureAuthorOfDraft(ClinicalAccess access, string step)
    {
        access.EnsureCanWrite(CourseId);
        if (Status == SessionNoteStatus.Signed)
        {
            throw DomainException.Precondition(
                $"cannot {step} the note of session {SessionNumber}: it is Signed and a signed note never changes; " +
                "allowed step: AddAddendum");
        }

        if (!string.Equals(access.UserId, AuthorId, StringComparison.Ordinal))
        {
            throw DomainException.Denied($"only the author of a draft session note may {step} it; add to it once it is signed");
        }
    }

    private static IReadOnlyList<DitTechnique> CheckContent(IEnumerable<DitTechnique> techniques, string text)
    {
        ArgumentNullException.ThrowIfNull(techniques);
        var chosen = techniques.Distinct().Order().ToList();
        new RequestCheck()
            .That(chosen.All(Enum.IsDefined), "techniques",
                $"must each be one of: {string.Join(", ", Enum.GetNames<DitTechnique>())}")
            .OptionalText("text", text, TextLimits.SessionNoteText)
            .ThrowIfAny();
        return chosen;
    }
}
