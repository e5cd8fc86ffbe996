using DitCloud.Domain;
using DitCloud.Formulation.Domain.Events;
using DitCloud.Formulation.Domain.Ipaf;
using DitCloud.Formulation.Domain.Phases;
using static DitCloud.Formulation.Tests.TestCourse;

namespace DitCloud.Formulation.Tests;

public class FormulationOverdueTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Sessions_of_the_default_initial_phase_do_not_make_it_overdue(int session)
    {
        var outcome = IpafFormulation.ForCourse(CourseId).RecordSessionAttended(session, InitialPhase.Default);

        outcome.Overdue.ShouldBeNull();
        outcome.Formulation.OverdueRaisedAtSession.ShouldBeNull();
    }

    [Fact]
    public void Session_5_without_an_agreed_version_makes_it_overdue_by_default()
    {
        var outcome = IpafFormulation.ForCourse(CourseId).RecordSessionAttended(5, InitialPhase.Default);

        outcome.Overdue.ShouldBe(new FormulationOverdue(CourseId, 5, 4));
        outcome.Formulation.OverdueRaisedAtSession.ShouldBe(5);
    }

    [Fact]
    public void A_shared_but_unagreed_version_is_still_overdue()
    {
        SharedFormulation().RecordSessionAttended(5, InitialPhase.Default).Overdue.ShouldNotBeNull();
    }

    [Fact]
    public void A_later_first_session_after_the_phase_is_overdue_too()
    {
        IpafFormulation.ForCourse(CourseId).RecordSessionAttended(7, InitialPhase.Default).Overdue!.SessionNumber.ShouldBe(7);
    }

    [Fact]
    public void Overdue_is_raised_once_per_course()
    {
        var first = IpafFormulation.ForCourse(CourseId).RecordSessionAttended(5, InitialPhase.Default);

        var second = first.Formulation.RecordSessionAttended(6, InitialPhase.Default);
        var replayed = first.Formulation.RecordSessionAttended(5, InitialPhase.Default);

        second.Overdue.ShouldBeNull();
        replayed.Overdue.ShouldBeNull();
        second.Formulation.OverdueRaisedAtSession.ShouldBe(5);
    }

    [Fact]
    public void An_agreed_version_is_never_overdue()
    {
        AgreedFormulation().RecordSessionAttended(5, InitialPhase.Default).Overdue.ShouldBeNull();
    }

    [Fact]
    public void A_revision_in_progress_does_not_undo_an_earlier_agreement()
    {
        var revising = AgreedFormulation().Revise(Practitioner, CompleteIpaf("next"), Now).State;

        revising.RecordSessionAttended(5, InitialPhase.Default).Overdue.ShouldBeNull();
    }

    [Theory]
    [InlineData(3, false)]
    [InlineData(4, true)]
    public void A_service_with_a_three_session_initial_phase_expects_it_by_session_4(int session, bool overdue)
    {
        var outcome = IpafFormulation.ForCourse(CourseId).RecordSessionAttended(session, new InitialPhase(3));

        (outcome.Overdue is not null).ShouldBe(overdue);
        if (overdue)
        {
            outcome.Overdue!.LastInitialPhaseSession.ShouldBe(3);
        }
    }

    [Theory]
    [InlineData(5, false)]
    [InlineData(6, true)]
    public void A_longer_initial_phase_moves_the_deadline(int session, bool overdue)
    {
        var outcome = IpafFormulation.ForCourse(CourseId).RecordSessionAttended(session, new InitialPhase(5));

        (outcome.Overdue is not null).ShouldBe(overdue);
    }

    [Fact]
    public void The_initial_phase_has_at_least_one_session()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new InitialPhase(0));
        InitialPhase.Default.LastSession.ShouldBe(4);
    }

    [Fact]
    public void A_session_number_below_1_is_refused()
    {
        Refused(() => IpafFormulation.ForCourse(CourseId).RecordSessionAttended(0, InitialPhase.Default), DomainErrorKind.InvalidArgument)
            .Violations.ShouldHaveSingleItem().Field.ShouldBe("session_number");
    }
}
