using DitCloud.Domain;
using DitCloud.Formulation.Domain.Access;
using DitCloud.Formulation.Domain.GoodbyeLetters;
using DitCloud.Formulation.Domain.Inventory;
using DitCloud.Formulation.Domain.Ipaf;
using DitCloud.Formulation.Domain.Phases;
using DitCloud.Formulation.Domain.SessionNotes;
using static DitCloud.Formulation.Tests.TestCourse;

namespace DitCloud.Formulation.Tests;

public class CoursePhasePlanTests
{
    [Theory]
    [InlineData(1, TherapyPhase.Initial)]
    [InlineData(4, TherapyPhase.Initial)]
    [InlineData(5, TherapyPhase.Middle)]
    [InlineData(12, TherapyPhase.Middle)]
    [InlineData(13, TherapyPhase.Ending)]
    [InlineData(16, TherapyPhase.Ending)]
    public void Each_session_falls_in_its_phase(int session, TherapyPhase phase)
    {
        new CoursePhasePlan(16, 4, 12).PhaseOf(session).ShouldBe(phase);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    public void A_session_outside_the_plan_is_refused(int session)
    {
        Refused(() => new CoursePhasePlan(16, 4, 12).PhaseOf(session), DomainErrorKind.InvalidArgument)
            .Violations.ShouldHaveSingleItem().Field.ShouldBe("session_number");
    }

    [Fact]
    public void Boundaries_out_of_order_are_refused()
    {
        Should.Throw<DomainException>(() => new CoursePhasePlan(8, 6, 4)).Violations.ShouldHaveSingleItem().Field.ShouldBe("middle_phase_last_session");
    }

    [Fact]
    public void The_initial_phase_comes_from_the_plan()
    {
        new CoursePhasePlan(8, 2, 6).InitialPhase.ShouldBe(new InitialPhase(2));
    }
}
