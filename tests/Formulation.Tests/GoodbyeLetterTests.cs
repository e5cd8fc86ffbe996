using DitCloud.Domain;
using DitCloud.Formulation.Domain.Events;
using DitCloud.Formulation.Domain.GoodbyeLetters;
using DitCloud.Formulation.Domain.Ipaf;
using DitCloud.Formulation.Domain.Phases;
using static DitCloud.Formulation.Tests.TestCourse;

namespace DitCloud.Formulation.Tests;

public class GoodbyeLetterTests
{
    private static GoodbyeLetter DraftLetter() =>
        GoodbyeLetter.Draft(Practitioner, TherapyPhase.Ending, AgreedFormulation(), CompleteLetter, Now);

    [Fact]
    public void Drafting_in_the_ending_phase_quotes_the_agreed_formulation()
    {
        var letter = DraftLetter();

        letter.Status.ShouldBe(GoodbyeLetterStatus.Draft);
        letter.FormulationVersion.ShouldBe(1);
        letter.Formulation.ShouldBe(CompleteIpaf());
        letter.Content.ShouldBe(CompleteLetter);
        letter.DraftedBy.ShouldBe(PractitionerId);
    }

    [Fact]
    public void The_letter_quotes_the_latest_agreed_version_not_a_later_draft()
    {
        var formulation = AgreedFormulation().Revise(Practitioner, CompleteIpaf("unfinished"), Now).State;

        var letter = GoodbyeLetter.Draft(Practitioner, TherapyPhase.Ending, formulation, CompleteLetter, Now);

        letter.FormulationVersion.ShouldBe(1);
        letter.Formulation.ShouldBe(formulation.Version(1).Content);
    }

    [Theory]
    [InlineData(TherapyPhase.Initial)]
    [InlineData(TherapyPhase.Middle)]
    public void Drafting_outside_the_ending_phase_is_refused(TherapyPhase phase)
    {
        Refused(() => GoodbyeLetter.Draft(Practitioner, phase, AgreedFormulation(), CompleteLetter, Now), DomainErrorKind.FailedPrecondition)
            .Message.ShouldContain($"the course is in the {phase} phase");
    }

    [Fact]
    public void Drafting_without_an_agreed_formulation_is_refused()
    {
        Refused(() => GoodbyeLetter.Draft(Practitioner, TherapyPhase.Ending, SharedFormulation(), CompleteLetter, Now),
                DomainErrorKind.FailedPrecondition)
            .Message.ShouldContain("no formulation version has been agreed");
    }

    [Fact]
    public void A_draft_can_be_edited_and_may_start_incomplete()
    {
        var letter = GoodbyeLetter.Draft(Practitioner, TherapyPhase.Ending, AgreedFormulation(), new GoodbyeLetterContent("", "", ""), Now)
            .EditDraft(Supervisor, CompleteLetter, Now.AddHours(1));

        letter.Content.ShouldBe(CompleteLetter);
        letter.LastEditedAt.ShouldBe(Now.AddHours(1));
    }

    [Fact]
    public void Issuing_emits_goodbye_letter_issued()
    {
        var (issued, issuedEvent) = DraftLetter().Issue(Practitioner, Now.AddDays(1));

        issued.Status.ShouldBe(GoodbyeLetterStatus.Issued);
        issued.IssuedBy.ShouldBe(PractitionerId);
        issuedEvent.ShouldBe(new GoodbyeLetterIssued(CourseId, 1, PractitionerId, Now.AddDays(1)));
    }

    [Fact]
    public void Issuing_needs_every_section()
    {
        var letter = GoodbyeLetter.Draft(Practitioner, TherapyPhase.Ending, AgreedFormulation(), CompleteLetter with { WhatToWatchFor = " " }, Now);

        Refused(() => letter.Issue(Practitioner, Now), DomainErrorKind.InvalidArgument)
            .Violations.ShouldHaveSingleItem().Field.ShouldBe("letter.what_to_watch_for");
    }

    [Fact]
    public void Issuing_twice_is_refused_as_failed_precondition()
    {
        var issued = DraftLetter().Issue(Practitioner, Now).State;

        Refused(() => issued.Issue(Practitioner, Now.AddDays(1)), DomainErrorKind.FailedPrecondition)
            .Message.ShouldContain("issued once");
    }

    [Fact]
    public void An_issued_letter_never_changes()
    {
        var issued = DraftLetter().Issue(Practitioner, Now).State;

        Refused(() => issued.EditDraft(Practitioner, CompleteLetter with { ProgressMade = "other" }, Now), DomainErrorKind.FailedPrecondition);
        issued.Content.ShouldBe(CompleteLetter);
    }

    [Fact]
    public void Read_access_cannot_issue_the_letter()
    {
        Refused(() => DraftLetter().Issue(ReadAccess(SupervisorId), Now), DomainErrorKind.PermissionDenied);
    }
}
