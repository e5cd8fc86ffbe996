using DitCloud.Domain;

namespace DitCloud.Formulation.Domain.Phases;

/// <summary>
/// A course's planned sessions and where its phases end, as scheduling reported them when the
/// course was created (phase boundaries are a service setting). Says which phase a session
/// number falls in, for sessions not attended yet too.
/// </summary>
public sealed record CoursePhasePlan
{
    public CoursePhasePlan(int plannedSessions, int initialPhaseLastSession, int middlePhaseLastSession)
    {
        new RequestCheck()
            .That(initialPhaseLastSession >= 1, "initial_phase_last_session", "must be 1 or more")
            .That(middlePhaseLastSession >= initialPhaseLastSession, "middle_phase_last_session",
                "must not come before the last session of the initial phase")
            .That(plannedSessions >= middlePhaseLastSession, "planned_sessions",
                "must not be fewer than the last session of the middle phase")
            .ThrowIfAny();
        PlannedSessions = plannedSessions;
        InitialPhaseLastSession = initialPhaseLastSession;
        MiddlePhaseLastSession = middlePhaseLastSession;
    }

    public int PlannedSessions { get; }

    public int InitialPhaseLastSession { get; }

    public int MiddlePhaseLastSession { get; }

    public InitialPhase InitialPhase => new(InitialPhaseLastSession);

    public TherapyPhase PhaseOf(int sessionNumber)
    {
        new RequestCheck()
            .Range("session_number", sessionNumber, 1, PlannedSessions)
            .ThrowIfAny();
        return sessionNumber <= InitialPhaseLastSession ? TherapyPhase.Initial
            : sessionNumber <= MiddlePhaseLastSession ? TherapyPhase.Middle
            : TherapyPhase.Ending;
    }
}
