using DitCloud.Domain;
using DitCloud.Formulation.Domain;
using DitCloud.Formulation.Domain.Phases;
using DitCloud.Formulation.Domain.SessionNotes;
using static DitCloud.Formulation.Tests.TestCourse;

namespace DitCloud.Formulation.Tests;

public class SessionNoteTests
{
    private static readonly AttendedSession Session6 = new(CourseId, 6, TherapyPhase.Middle);

    private static SessionNote DraftNote() =>
        SessionNote.Draft(Practitioner, Session6, [DitTechnique.NamingEmotions, DitTechnique.LinkingPastAndPresent], $"note {Marker}", Now);

    private static SessionNote SignedNote() => DraftNote().Sign(Practitioner, Now.AddHours(2));

    [Fact]
    public void A_note_takes_its_session_and_phase_from_the_attended_session()
    {
        var note = DraftNote();

        note.CourseId.ShouldBe(CourseId);
        note.SessionNumber.ShouldBe(6);
        note.Phase.ShouldBe(TherapyPhase.Middle);
        note.AuthorId.ShouldBe(PractitionerId);
        note.Status.ShouldBe(SessionNoteStatus.Draft);
        note.Techniques.ShouldBe([DitTechnique.LinkingPastAndPresent, DitTechnique.NamingEmotions]);
        note.Addenda.ShouldBeEmpty();
    }

    [Fact]
    public void Techniques_are_recorded_once_each()
    {
        var note = SessionNote.Draft(Practitioner, Session6,
            [DitTechnique.RolePlay, DitTechnique.RolePlay, DitTechnique.HereAndNowTransference], "", Now);

        note.Techniques.ShouldBe([DitTechnique.HereAndNowTransference, DitTechnique.RolePlay]);
    }

    [Fact]
    public void Every_technique_on_the_fixed_list_can_be_recorded()
    {
        var note = SessionNote.Draft(Practitioner, Session6, Enum.GetValues<DitTechnique>(), "", Now);

        note.Techniques.Count.ShouldBe(10);
    }

    [Fact]
    public void A_technique_off_the_list_is_refused()
    {
        var refusal = Refused(() => SessionNote.Draft(Practitioner, Session6, [(DitTechnique)0], "", Now), DomainErrorKind.InvalidArgument);

        refusal.Violations.ShouldHaveSingleItem().Field.ShouldBe("techniques");
        refusal.Message.ShouldContain("MentalisingTheOther");
    }

    [Fact]
    public void A_note_needs_a_real_session_number_and_phase()
    {
        var refusal = Refused(
            () => SessionNote.Draft(Practitioner, new AttendedSession(CourseId, 0, default), [], "", Now),
            DomainErrorKind.InvalidArgument);

        refusal.Violations.Select(v => v.Field).ShouldBe(["session_number", "phase"]);
    }

    [Fact]
    public void The_author_edits_a_draft()
    {
        var edited = DraftNote().EditDraft(Practitioner, [DitTechnique.Feedback], $"edited {Marker}", Now.AddHours(1));

        edited.Techniques.ShouldBe([DitTechnique.Feedback]);
        edited.Text.ShouldBe($"edited {Marker}");
        edited.LastEditedAt.ShouldBe(Now.AddHours(1));
        edited.CreatedAt.ShouldBe(Now);
    }

    [Fact]
    public void Only_the_author_edits_or_signs_a_draft()
    {
        var note = DraftNote();

        Refused(() => note.EditDraft(Supervisor, [], "", Now), DomainErrorKind.PermissionDenied)
            .Message.ShouldContain("only the author");
        Refused(() => note.Sign(Supervisor, Now), DomainErrorKind.PermissionDenied);
    }

    [Fact]
    public void Signing_needs_the_note_text()
    {
        var empty = SessionNote.Draft(Practitioner, Session6, [DitTechnique.Feedback], "  ", Now);

        Refused(() => empty.Sign(Practitioner, Now), DomainErrorKind.InvalidArgument)
            .Violations.ShouldHaveSingleItem().Field.ShouldBe("text");
    }

    [Fact]
    public void Signing_freezes_the_note()
    {
        var signed = SignedNote();

        signed.Status.ShouldBe(SessionNoteStatus.Signed);
        signed.SignedAt.ShouldBe(Now.AddHours(2));
    }

    [Fact]
    public void Editing_a_signed_note_is_refused()
    {
        var signed = SignedNote();

        Refused(() => signed.EditDraft(Practitioner, [], "changed", Now), DomainErrorKind.FailedPrecondition)
            .Message.ShouldBe("cannot edit the note of session 6: it is Signed and a signed note never changes; allowed step: AddAddendum");
        Refused(() => signed.Sign(Practitioner, Now), DomainErrorKind.FailedPrecondition);
        signed.Text.ShouldBe($"note {Marker}");
    }

    [Fact]
    public void Corrections_to_a_signed_note_are_appended_as_addenda()
    {
        var signed = SignedNote();

        var corrected = signed
            .AddAddendum(Practitioner, $"correction {Marker}", Now.AddDays(1))
            .AddAddendum(Supervisor, "supervisor's addition", Now.AddDays(2));

        corrected.Addenda.ShouldBe([
            new NoteAddendum(PractitionerId, Now.AddDays(1), $"correction {Marker}"),
            new NoteAddendum(SupervisorId, Now.AddDays(2), "supervisor's addition"),
        ]);
        corrected.Text.ShouldBe(signed.Text);
        corrected.Techniques.ShouldBe(signed.Techniques);
        corrected.SignedAt.ShouldBe(signed.SignedAt);
    }

    [Fact]
    public void An_addendum_needs_text()
    {
        Refused(() => SignedNote().AddAddendum(Practitioner, "", Now), DomainErrorKind.InvalidArgument)
            .Violations.ShouldHaveSingleItem().Field.ShouldBe("text");
        Refused(() => SignedNote().AddAddendum(Practitioner, new string('x', TextLimits.AddendumText + 1), Now), DomainErrorKind.InvalidArgument);
    }

    [Fact]
    public void A_draft_takes_edits_not_addenda()
    {
        Refused(() => DraftNote().AddAddendum(Practitioner, "addendum", Now), DomainErrorKind.FailedPrecondition)
            .Message.ShouldContain("allowed steps: EditDraft, Sign");
    }

    [Fact]
    public void Notes_of_another_course_cannot_be_written_with_this_course_access()
    {
        var otherSession = Session6 with { CourseId = Guid.NewGuid() };

        Refused(() => SessionNote.Draft(Practitioner, otherSession, [], "", Now), DomainErrorKind.PermissionDenied);
    }
}
