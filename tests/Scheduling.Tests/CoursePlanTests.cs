using DitCloud.Domain;
using DitCloud.Scheduling.Domain.Courses;

namespace DitCloud.Scheduling.Tests;

public sealed class CoursePlanTests
{
    [Fact]
    public void The_default_course_is_16_sessions_of_50_minutes_in_the_manuals_phases()
    {
        var plan = CoursePlan.Default;

        plan.SessionCount.ShouldBe(16);
        plan.SessionLength.ShouldBe(TimeSpan.FromMinutes(50));
        plan.Sessions.Select(s => s.Number).ShouldBe(Enumerable.Range(1, 16));
        plan.Sessions.Where(s => s.Phase == TherapyPhase.Initial).Select(s => s.Number).ShouldBe([1, 2, 3, 4]);
        plan.Sessions.Where(s => s.Phase == TherapyPhase.Middle).Select(s => s.Number).ShouldBe([5, 6, 7, 8, 9, 10, 11, 12]);
        plan.Sessions.Where(s => s.Phase == TherapyPhase.Ending).Select(s => s.Number).ShouldBe([13, 14, 15, 16]);
    }

    [Theory]
    [InlineData(1, TherapyPhase.Initial)]
    [InlineData(4, TherapyPhase.Initial)]
    [InlineData(5, TherapyPhase.Middle)]
    [InlineData(12, TherapyPhase.Middle)]
    [InlineData(13, TherapyPhase.Ending)]
    [InlineData(16, TherapyPhase.Ending)]
    public void Each_default_session_has_its_phase(int session, TherapyPhase phase) =>
        CoursePlan.Default.PhaseOf(session).ShouldBe(phase);

    [Fact]
    public void A_shorter_course_with_its_own_boundaries()
    {
        var plan = CoursePlan.Create(new(SessionCount: 8, SessionMinutes: 30, Phases: new(new(1, 2), new(3, 6), new(7, 8))));

        plan.SessionLength.ShouldBe(TimeSpan.FromMinutes(30));
        plan.Sessions.Select(s => s.Phase).ShouldBe(
        [
            TherapyPhase.Initial, TherapyPhase.Initial,
            TherapyPhase.Middle, TherapyPhase.Middle, TherapyPhase.Middle, TherapyPhase.Middle,
            TherapyPhase.Ending, TherapyPhase.Ending,
        ]);
    }

    [Fact]
    public void A_16_session_course_with_a_shorter_initial_phase()
    {
        var plan = CoursePlan.Create(new(Phases: new(new(1, 3), new(4, 12), new(13, 16))));

        plan.PhaseOf(3).ShouldBe(TherapyPhase.Initial);
        plan.PhaseOf(4).ShouldBe(TherapyPhase.Middle);
    }

    public static TheoryData<string, CoursePlanOptions, string, string> Invalid => new()
    {
        { "too few sessions", new(SessionCount: 7, Phases: new(new(1, 2), new(3, 5), new(6, 7))), "session_count", "must be between 8 and 16" },
        { "too many sessions", new(SessionCount: 17), "session_count", "must be between 8 and 16" },
        { "sessions too short", new(SessionMinutes: 29), "session_minutes", "must be between 30 and 50" },
        { "sessions too long", new(SessionMinutes: 51), "session_minutes", "must be between 30 and 50" },
        { "not 16 and no boundaries", new(SessionCount: 12), "phases", "give the phase boundaries: the default (1-4, 5-12, 13-16) fits a 16-session course only" },
        { "initial starts late", new(Phases: new(new(2, 4), new(5, 12), new(13, 16))), "phases.initial", "must start at session 1" },
        { "gap before middle", new(Phases: new(new(1, 4), new(6, 12), new(13, 16))), "phases.middle", "must start at session 5, straight after the previous phase, so phases are contiguous" },
        { "middle overlaps initial", new(Phases: new(new(1, 4), new(4, 12), new(13, 16))), "phases.middle", "must start at session 5, straight after the previous phase, so phases are contiguous" },
        { "gap before ending", new(Phases: new(new(1, 4), new(5, 11), new(13, 16))), "phases.ending", "must start at session 12, straight after the previous phase, so phases are contiguous" },
        { "ending stops short", new(Phases: new(new(1, 4), new(5, 12), new(13, 15))), "phases.ending", "must end at session 16, the last session of the course" },
        { "ending runs past the course", new(SessionCount: 12, Phases: new(new(1, 4), new(5, 8), new(9, 16))), "phases.ending", "must end at session 12, the last session of the course" },
        { "empty middle phase", new(Phases: new(new(1, 4), new(5, 4), new(5, 16))), "phases.middle", "its last session must not come before its first" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_plans_are_refused_naming_the_field(string because, CoursePlanOptions options, string field, string description) =>
        Refusal.OfField(field, () => CoursePlan.Create(options)).ShouldBe(description, because);

    [Fact]
    public void Every_fault_is_reported_at_once()
    {
        var refusal = Refusal.Of(DomainErrorKind.InvalidArgument,
            () => CoursePlan.Create(new(SessionMinutes: 60, Phases: new(new(1, 4), new(6, 12), new(13, 15)))));

        refusal.Violations.Select(v => v.Field).ShouldBe(["session_minutes", "phases.middle", "phases.ending"]);
    }
}
