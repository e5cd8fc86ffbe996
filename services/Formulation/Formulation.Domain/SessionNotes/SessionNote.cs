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
    /// <summary>How the session worked with the IPAF; empty when not recorded. Frozen with the note when it is signed.</summary>
    public string FocusWork { get; init; } = "";

    /// <summary>The supervisor's countersignature; null while there is none.</summary>
    public NoteCountersignature? Countersignature { get; init; }

    public SessionNoteStatus Status => SignedAt is null ? SessionNoteStatus.Draft : SessionNoteStatus.Signed;

    /// <summary>
    /// True when the note is signed but still waits for the supervisor: the course is supervised
    /// (its practitioner is a trainee) and the note was written by someone other than the supervisor.
    /// </summary>
    public bool AwaitsCountersignature(CourseCareTeam careTeam)
    {
        ArgumentNullException.ThrowIfNull(careTeam);
        return Status == SessionNoteStatus.Signed && Countersignature is null && NeedsCountersignature(careTeam);
    }

    /// <summary>Starts the note of an attended session; the text may be completed before signing.</summary>
    public static SessionNote Draft(
        ClinicalAccess access, AttendedSession session, IEnumerable<DitTechnique> techniques, string text, DateTimeOffset at) =>
        Draft(access, session, techniques, "", text, at);

    /// <summary>Starts the note of an attended session with how it worked with the IPAF.</summary>
    public static SessionNote Draft(
        ClinicalAccess access, AttendedSession session, IEnumerable<DitTechnique> techniques, string focusWork, string text, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(session);
        access.EnsureCanWrite(session.CourseId);
        new RequestCheck()
            .That(session.SessionNumber >= 1, "session_number", "must be the attended session's number, 1 or more")
            .Defined("phase", session.Phase)
            .ThrowIfAny();
        var chosen = CheckContent(techniques, focusWork, text);
        return new SessionNote(session.CourseId, session.SessionNumber, session.Phase, access.UserId, chosen, text, at, at, null, [])
        {
            FocusWork = focusWork,
        };
    }

    public SessionNote EditDraft(ClinicalAccess access, IEnumerable<DitTechnique> techniques, string text, DateTimeOffset at) =>
        EditDraft(access, techniques, FocusWork, text, at);

    public SessionNote EditDraft(ClinicalAccess access, IEnumerable<DitTechnique> techniques, string focusWork, string text, DateTimeOffset at)
    {
        EnsureAuthorOfDraft(access, "edit");
        var chosen = CheckContent(techniques, focusWork, text);
        return this with { Techniques = chosen, FocusWork = focusWork, Text = text, LastEditedAt = at };
    }

    public SessionNote Sign(ClinicalAccess access, DateTimeOffset at)
    {
        EnsureAuthorOfDraft(access, "sign");
        new RequestCheck().RequiredText("text", Text, TextLimits.SessionNoteText).ThrowIfAny();
        return this with { SignedAt = at };
    }

    /// <summary>
    /// The supervisor's countersignature on a signed note of a supervised course. The note itself
    /// does not change; the countersignature is recorded once.
    /// </summary>
    public SessionNote Countersign(ClinicalAccess access, CourseCareTeam careTeam, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(careTeam);
        access.EnsureCanWrite(CourseId);
        if (access.Role != CareTeamRole.Supervisor || !NeedsCountersignature(careTeam))
        {
            throw DomainException.Denied(
                $"only the course's supervisor countersigns, and only notes of a supervised course written by someone else; the note of session {SessionNumber} needs no countersignature from this caller");
        }

        if (Status != SessionNoteStatus.Signed)
        {
            throw DomainException.Precondition(
                $"the note of session {SessionNumber} is a Draft; its author signs it first, then the supervisor countersigns");
        }

        if (Countersignature is not null)
        {
            throw DomainException.Precondition(
                $"the note of session {SessionNumber} is already countersigned; a countersignature is given once; allowed step: AddAddendum");
        }

        return this with { Countersignature = new NoteCountersignature(access.UserId, at) };
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

    private bool NeedsCountersignature(CourseCareTeam careTeam) =>
        careTeam.CourseId == CourseId && careTeam.SupervisorId is { } supervisor && !string.Equals(AuthorId, supervisor, StringComparison.Ordinal);

    private static IReadOnlyList<DitTechnique> CheckContent(IEnumerable<DitTechnique> techniques, string focusWork, string text)
    {
        ArgumentNullException.ThrowIfNull(techniques);
        var chosen = techniques.Distinct().Order().ToList();
        new RequestCheck()
            .That(chosen.All(Enum.IsDefined), "techniques",
                $"must each be one of: {string.Join(", ", Enum.GetNames<DitTechnique>())}")
            .OptionalText("focus_work", focusWork, TextLimits.SessionNoteFocusWork)
            .OptionalText("text", text, TextLimits.SessionNoteText)
            .ThrowIfAny();
        return chosen;
    }
}
