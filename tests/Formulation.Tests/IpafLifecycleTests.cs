using DitCloud.Domain;
using DitCloud.Formulation.Domain;
using DitCloud.Formulation.Domain.Events;
using DitCloud.Formulation.Domain.Ipaf;
using static DitCloud.Formulation.Tests.TestCourse;

namespace DitCloud.Formulation.Tests;

public class IpafLifecycleTests
{
    private static readonly DateOnly AgreedOn = new(2025, 3, 17);

    [Fact]
    public void A_new_course_has_no_version()
    {
        var formulation = IpafFormulation.ForCourse(CourseId);

        formulation.Current.ShouldBeNull();
        formulation.LatestAgreed.ShouldBeNull();
        Refused(() => formulation.Version(1), DomainErrorKind.NotFound).Message.ShouldContain("draft one first");
    }

    [Fact]
    public void Drafting_starts_version_1_which_may_be_incomplete()
    {
        var formulation = IpafFormulation.ForCourse(CourseId).Draft(Practitioner, EmptyIpaf, Now);

        var draft = formulation.Current.ShouldNotBeNull();
        draft.Number.ShouldBe(1);
        draft.Status.ShouldBe(IpafStatus.Draft);
        draft.DraftedBy.ShouldBe(PractitionerId);
        draft.DraftedAt.ShouldBe(Now);
    }

    [Fact]
    public void Drafting_again_is_refused_naming_the_state_and_allowed_steps()
    {
        var formulation = IpafFormulation.ForCourse(CourseId).Draft(Practitioner, EmptyIpaf, Now);

        Refused(() => formulation.Draft(Practitioner, EmptyIpaf, Now), DomainErrorKind.FailedPrecondition)
            .Message.ShouldBe("cannot draft a first version: formulation version 1 is Draft; allowed steps: EditDraft, Share");
    }

    [Fact]
    public void The_care_team_edits_a_draft_in_place()
    {
        var formulation = IpafFormulation.ForCourse(CourseId)
            .Draft(Practitioner, EmptyIpaf, Now)
            .EditDraft(Supervisor, CompleteIpaf(), Now.AddHours(1));

        var draft = formulation.Versions.ShouldHaveSingleItem();
        draft.Content.ShouldBe(CompleteIpaf());
        draft.LastEditedAt.ShouldBe(Now.AddHours(1));
        draft.DraftedBy.ShouldBe(PractitionerId);
    }

    [Fact]
    public void Sharing_freezes_the_draft_as_the_version_the_patient_saw()
    {
        var formulation = SharedFormulation();

        var shared = formulation.Current.ShouldNotBeNull();
        shared.Status.ShouldBe(IpafStatus.SharedWithPatient);
        shared.Sharing.ShouldBe(new IpafSharing(PractitionerId, Now.AddDays(1)));
        Refused(() => formulation.EditDraft(Practitioner, EmptyIpaf, Now), DomainErrorKind.FailedPrecondition)
            .Message.ShouldBe("cannot edit the draft: formulation version 1 is SharedWithPatient; allowed steps: Agree, Revise");
        Refused(() => formulation.Share(Practitioner, Now), DomainErrorKind.FailedPrecondition);
    }

    [Fact]
    public void Sharing_needs_every_required_part()
    {
        var formulation = IpafFormulation.ForCourse(CourseId).Draft(Practitioner, EmptyIpaf, Now);

        var refusal = Refused(() => formulation.Share(Practitioner, Now), DomainErrorKind.InvalidArgument);

        refusal.Violations.Select(v => v.Field).ShouldBe([
            "ipaf.self_representation",
            "ipaf.other_representation",
            "ipaf.linking_affects.conscious",
            "ipaf.defensive_function",
        ]);
        formulation.Current!.Status.ShouldBe(IpafStatus.Draft);
    }

    [Fact]
    public void The_less_conscious_affect_and_the_therapy_relationship_may_wait()
    {
        var content = CompleteIpaf() with { LinkingAffects = new LinkingAffects("anger", null), TherapyRelationship = null };

        var formulation = IpafFormulation.ForCourse(CourseId).Draft(Practitioner, content, Now).Share(Practitioner, Now);

        formulation.Current!.Status.ShouldBe(IpafStatus.SharedWithPatient);
    }

    [Fact]
    public void A_draft_without_linking_affects_is_refused()
    {
        var content = CompleteIpaf() with { LinkingAffects = null! };

        Refused(() => IpafFormulation.ForCourse(CourseId).Draft(Practitioner, content, Now), DomainErrorKind.InvalidArgument)
            .Violations.ShouldHaveSingleItem().Field.ShouldBe("ipaf.linking_affects");
    }

    [Fact]
    public void Agreeing_records_the_date_and_session_and_emits_formulation_agreed()
    {
        var (formulation, agreed) = SharedFormulation().Agree(Supervisor, AgreedOn, 4, Now.AddDays(7));

        agreed.ShouldBe(new FormulationAgreed(CourseId, 1, AgreedOn, 4));
        var version = formulation.LatestAgreed.ShouldNotBeNull();
        version.Status.ShouldBe(IpafStatus.Agreed);
        version.Agreement.ShouldBe(new IpafAgreement(AgreedOn, 4, SupervisorId, Now.AddDays(7)));
    }

    [Fact]
    public void Only_a_shared_version_can_be_agreed()
    {
        var draft = IpafFormulation.ForCourse(CourseId).Draft(Practitioner, CompleteIpaf(), Now);
        var agreed = AgreedFormulation();

        Refused(() => IpafFormulation.ForCourse(CourseId).Agree(Practitioner, AgreedOn, 4, Now), DomainErrorKind.FailedPrecondition)
            .Message.ShouldContain("no version yet; allowed step: Draft");
        Refused(() => draft.Agree(Practitioner, AgreedOn, 4, Now), DomainErrorKind.FailedPrecondition)
            .Message.ShouldContain("version 1 is Draft; allowed steps: EditDraft, Share");
        Refused(() => agreed.Agree(Practitioner, AgreedOn, 4, Now), DomainErrorKind.FailedPrecondition)
            .Message.ShouldContain("version 1 is Agreed; allowed steps: Revise");
    }

    [Fact]
    public void Agreement_needs_a_date_and_a_session_number()
    {
        var refusal = Refused(() => SharedFormulation().Agree(Practitioner, default, 0, Now), DomainErrorKind.InvalidArgument);

        refusal.Violations.Select(v => v.Field).ShouldBe(["agreed_on", "session_number"]);
    }

    [Fact]
    public void An_agreed_version_is_frozen()
    {
        var agreed = AgreedFormulation();

        Refused(() => agreed.EditDraft(Practitioner, EmptyIpaf, Now), DomainErrorKind.FailedPrecondition);
        Refused(() => agreed.Share(Practitioner, Now), DomainErrorKind.FailedPrecondition);
    }

    [Fact]
    public void Revising_starts_a_new_draft_and_keeps_every_earlier_version_readable()
    {
        var agreed = AgreedFormulation();
        var v1 = agreed.Version(1);

        var (revised, revisedEvent) = agreed.Revise(Practitioner, CompleteIpaf("second"), Now.AddDays(30));

        revisedEvent.ShouldBe(new FormulationRevised(CourseId, 2, 1, Now.AddDays(30)));
        revised.Versions.Count.ShouldBe(2);
        revised.Version(1).ShouldBe(v1);
        revised.Current!.Number.ShouldBe(2);
        revised.Current.Status.ShouldBe(IpafStatus.Draft);
        revised.Current.Content.ShouldBe(CompleteIpaf("second"));
        revised.LatestAgreed.ShouldBe(v1);
    }

    [Fact]
    public void A_full_second_round_leaves_both_agreements_on_record()
    {
        var formulation = AgreedFormulation()
            .Revise(Practitioner, CompleteIpaf("second"), Now.AddDays(30)).State
            .EditDraft(Practitioner, CompleteIpaf("second, edited"), Now.AddDays(31))
            .Share(Practitioner, Now.AddDays(32));
        var (agreed, agreedEvent) = formulation.Agree(Practitioner, new DateOnly(2025, 5, 1), 9, Now.AddDays(40));

        agreedEvent.Version.ShouldBe(2);
        agreed.LatestAgreed!.Number.ShouldBe(2);
        agreed.Version(1).Agreement!.SessionNumber.ShouldBe(4);
        agreed.Version(2).Agreement!.SessionNumber.ShouldBe(9);
        agreed.Version(1).Content.ShouldBe(CompleteIpaf());
        agreed.Version(2).Content.ShouldBe(CompleteIpaf("second, edited"));
    }

    [Fact]
    public void A_shared_version_the_patient_did_not_agree_can_be_revised_and_stays_readable()
    {
        var shared = SharedFormulation();

        var revised = shared.Revise(Practitioner, CompleteIpaf("reworded"), Now.AddDays(2)).State;

        revised.Version(1).Status.ShouldBe(IpafStatus.SharedWithPatient);
        revised.Version(1).ShouldBe(shared.Current);
        revised.Current!.Number.ShouldBe(2);
        revised.LatestAgreed.ShouldBeNull();
    }

    [Fact]
    public void A_draft_is_edited_not_revised()
    {
        var draft = IpafFormulation.ForCourse(CourseId).Draft(Practitioner, EmptyIpaf, Now);

        Refused(() => draft.Revise(Practitioner, CompleteIpaf(), Now), DomainErrorKind.FailedPrecondition)
            .Message.ShouldBe("cannot revise: formulation version 1 is Draft; allowed steps: EditDraft, Share");
        Refused(() => IpafFormulation.ForCourse(CourseId).Revise(Practitioner, CompleteIpaf(), Now), DomainErrorKind.FailedPrecondition);
    }

    [Fact]
    public void Asking_for_a_version_that_does_not_exist_is_not_found()
    {
        Refused(() => AgreedFormulation().Version(2), DomainErrorKind.NotFound).Message.ShouldContain("versions 1 to 1");
    }

    [Fact]
    public void Over_long_parts_are_refused_even_in_a_draft()
    {
        var content = CompleteIpaf() with { TherapyRelationship = new string('x', TextLimits.IpafPart + 1) };

        Refused(() => IpafFormulation.ForCourse(CourseId).Draft(Practitioner, content, Now), DomainErrorKind.InvalidArgument)
            .Violations.ShouldHaveSingleItem().Field.ShouldBe("ipaf.therapy_relationship");
    }
}
