using DitCloud.Domain;
using DitCloud.Formulation.Domain.Access;
using DitCloud.Formulation.Domain.GoodbyeLetters;
using DitCloud.Formulation.Domain.Inventory;
using DitCloud.Formulation.Domain.Ipaf;
using DitCloud.Formulation.Domain.Phases;
using DitCloud.Formulation.Domain.SessionNotes;
using static DitCloud.Formulation.Tests.TestCourse;

namespace DitCloud.Formulation.Tests;

public class CountersignatureTests
{
    private static readonly AttendedSession Session6 = new(CourseId, 6, TherapyPhase.Middle);

    private static SessionNote SignedByPractitioner() =>
        SessionNote.Draft(Practitioner, Session6, [DitTechnique.Feedback], $"focus {Marker}", $"note {Marker}", Now).Sign(Practitioner, Now.AddHours(1));

    [Fact]
    public void Focus_work_is_kept_with_the_note_and_frozen_when_signed()
    {
        var note = SignedByPractitioner();

        note.FocusWork.ShouldBe($"focus {Marker}");
        Refused(() => note.EditDraft(Practitioner, [], "other focus", "other", Now), DomainErrorKind.FailedPrecondition);
    }

    [Fact]
    public void Focus_work_has_a_length_limit()
    {
        Refused(() => SessionNote.Draft(Practitioner, Session6, [], new string('x', 4_001), "", Now), DomainErrorKind.InvalidArgument)
            .Violations.ShouldHaveSingleItem().Field.ShouldBe("focus_work");
    }

    [Fact]
    public void A_trainees_signed_note_awaits_the_supervisor_who_countersigns_it_once()
    {
        var note = SignedByPractitioner();
        note.AwaitsCountersignature(CareTeam).ShouldBeTrue();

        var countersigned = note.Countersign(Supervisor, CareTeam, Now.AddDays(1));

        countersigned.AwaitsCountersignature(CareTeam).ShouldBeFalse();
        countersigned.Countersignature.ShouldBe(new NoteCountersignature(SupervisorId, Now.AddDays(1)));
        countersigned.Text.ShouldBe(note.Text);
        Refused(() => countersigned.Countersign(Supervisor, CareTeam, Now.AddDays(2)), DomainErrorKind.FailedPrecondition);
    }

    [Fact]
    public void The_practitioner_cannot_countersign_their_own_note()
    {
        Refused(() => SignedByPractitioner().Countersign(Practitioner, CareTeam, Now), DomainErrorKind.PermissionDenied);
    }

    [Fact]
    public void A_draft_is_signed_before_it_is_countersigned()
    {
        var draft = SessionNote.Draft(Practitioner, Session6, [], "note", Now);

        Refused(() => draft.Countersign(Supervisor, CareTeam, Now), DomainErrorKind.FailedPrecondition);
    }

    [Fact]
    public void An_unsupervised_course_needs_no_countersignature()
    {
        var unsupervised = new CourseCareTeam(CourseId, PractitionerId, null);
        var access = ClinicalAccessPolicy.Decide(unsupervised, PractitionerId, ClinicalRecordKind.SessionNote, ClinicalAccessKind.Write).Demand();
        var note = SessionNote.Draft(access, Session6, [], "note", Now).Sign(access, Now);

        note.AwaitsCountersignature(unsupervised).ShouldBeFalse();
    }

    [Fact]
    public void A_note_the_supervisor_wrote_needs_no_countersignature()
    {
        var note = SessionNote.Draft(Supervisor, Session6, [], "note", Now).Sign(Supervisor, Now);

        note.AwaitsCountersignature(CareTeam).ShouldBeFalse();
        Refused(() => note.Countersign(Supervisor, CareTeam, Now), DomainErrorKind.PermissionDenied);
    }
}
