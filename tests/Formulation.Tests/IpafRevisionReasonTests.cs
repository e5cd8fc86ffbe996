using DitCloud.Domain;
using DitCloud.Formulation.Domain.Access;
using DitCloud.Formulation.Domain.GoodbyeLetters;
using DitCloud.Formulation.Domain.Inventory;
using DitCloud.Formulation.Domain.Ipaf;
using DitCloud.Formulation.Domain.Phases;
using DitCloud.Formulation.Domain.SessionNotes;
using static DitCloud.Formulation.Tests.TestCourse;

namespace DitCloud.Formulation.Tests;

public class IpafRevisionReasonTests
{
    [Fact]
    public void Revising_with_a_reason_copies_the_current_version_into_a_draft()
    {
        var revised = AgreedFormulation().Revise(Practitioner, $"new material {Marker}", Now.AddDays(30));

        var draft = revised.State.Current.ShouldNotBeNull();
        draft.Number.ShouldBe(2);
        draft.Status.ShouldBe(IpafStatus.Draft);
        draft.Content.ShouldBe(CompleteIpaf());
        draft.RevisionReason.ShouldBe($"new material {Marker}");
        revised.State.Version(1).Status.ShouldBe(IpafStatus.Agreed);
        revised.Event.PreviousVersion.ShouldBe(1);
    }

    [Fact]
    public void A_revision_needs_a_reason()
    {
        Refused(() => AgreedFormulation().Revise(Practitioner, " ", Now), DomainErrorKind.InvalidArgument)
            .Violations.ShouldHaveSingleItem().Field.ShouldBe("reason");
    }

    [Fact]
    public void A_draft_is_not_revised_with_a_reason_either()
    {
        var draft = IpafFormulation.ForCourse(CourseId).Draft(Practitioner, EmptyIpaf, Now);

        Refused(() => draft.Revise(Practitioner, "because", Now), DomainErrorKind.FailedPrecondition);
    }

    [Fact]
    public void Only_the_newest_version_is_named_for_a_step()
    {
        var formulation = AgreedFormulation().Revise(Practitioner, "because", Now).State;

        formulation.NewestVersion(2).Number.ShouldBe(2);
        Refused(() => formulation.NewestVersion(1), DomainErrorKind.FailedPrecondition).Message.ShouldContain("version 2");
        Refused(() => formulation.NewestVersion(3), DomainErrorKind.NotFound);
    }

    [Fact]
    public void An_agreed_version_is_superseded_once_a_later_one_is_agreed()
    {
        var twice = AgreedFormulation().Revise(Practitioner, "because", Now).State
            .Share(Practitioner, Now.AddDays(1))
            .Agree(Practitioner, new DateOnly(2025, 4, 1), 8, Now.AddDays(2)).State;

        twice.IsSuperseded(twice.Version(1)).ShouldBeTrue();
        twice.IsSuperseded(twice.Version(2)).ShouldBeFalse();
        AgreedFormulation().IsSuperseded(AgreedFormulation().Version(1)).ShouldBeFalse();
    }
}
