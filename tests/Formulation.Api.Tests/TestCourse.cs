using System.Collections.Concurrent;
using DitCloud.Contracts.Events.V1;
using DitCloud.ServiceDefaults.Security;
using DitCloud.Testing;
using Grpc.Core;

namespace DitCloud.Formulation.Api.Tests;

/// <summary>A course as scheduling would report it, with its care team and the events that describe it.</summary>
public sealed class TestCourse
{
    private readonly ConcurrentDictionary<int, Guid> appointments = new();

    private TestCourse(Guid practitionerId, Guid? supervisorId, int plannedSessions)
    {
        PractitionerId = practitionerId;
        SupervisorId = supervisorId;
        PlannedSessions = plannedSessions;
    }

    public Guid CourseId { get; } = Guid.CreateVersion7();

    public Guid ReferralId { get; } = Guid.CreateVersion7();

    public Guid PatientReference { get; } = Guid.CreateVersion7();

    public Guid PractitionerId { get; }

    public Guid? SupervisorId { get; }

    public int PlannedSessions { get; }

    public int InitialPhaseLastSession => PlannedSessions == 16 ? 4 : 2;

    public int MiddlePhaseLastSession => PlannedSessions - 4;

    public string Id => CourseId.ToString();

    /// <summary>Clinical text unique to this course: it must never turn up where clinical text must not be.</summary>
    public string Marker { get; } = $"MARKER-{Guid.NewGuid():N}";

    public static TestCourse New(bool supervised = true, int plannedSessions = 16) =>
        new(Guid.CreateVersion7(), supervised ? Guid.CreateVersion7() : null, plannedSessions);

    public TestCaller Practitioner => TestCaller.Clinician(PractitionerId);

    public TestCaller Supervisor => TestCaller.Clinician(SupervisorId ?? throw new InvalidOperationException("the course is not supervised"));

    public Guid AppointmentId(int session) => appointments.GetOrAdd(session, _ => Guid.CreateVersion7());

    public TherapyPhase PhaseOf(int session) =>
        session <= InitialPhaseLastSession ? TherapyPhase.Initial : session <= MiddlePhaseLastSession ? TherapyPhase.Middle : TherapyPhase.Ending;

    public CourseCreated Created() => new(
        Guid.CreateVersion7(), DateTimeOffset.UtcNow, CourseId, ReferralId, PatientReference, PlannedSessions,
        InitialPhaseLastSession, MiddlePhaseLastSession, DateTimeOffset.UtcNow.AddDays(-30));

    public PractitionerAssigned Assigned(Guid? practitioner = null, Guid? supervisor = null, DateTimeOffset? at = null) => new(
        Guid.CreateVersion7(), at ?? DateTimeOffset.UtcNow, CourseId, ReferralId, practitioner ?? PractitionerId,
        practitioner is null ? SupervisorId : supervisor, DeliveryMode.Video);

    public SessionAttended Attended(int session) => new(
        Guid.CreateVersion7(), DateTimeOffset.UtcNow, AppointmentId(session), CourseId, session, PhaseOf(session),
        PractitionerId, SupervisorId, AttendanceCode.Attended, DateTimeOffset.UtcNow.AddDays(session * 7 - 200));

    public CourseCompleted Completed() => new(
        Guid.CreateVersion7(), DateTimeOffset.UtcNow, CourseId, ReferralId, false, null, PlannedSessions, null, null);
}

/// <summary>A caller with a test token, as the service sees callers from the gateway.</summary>
public sealed record TestCaller(string Id, string Token)
{
    /// <summary>A clinician (practitioner id) allowed to read and write formulations.</summary>
    public static TestCaller Clinician(Guid practitionerId, params string[] scopes) =>
        new(practitionerId.ToString(), TestTokens.Clinician(practitionerId.ToString(), [Roles.Clinician],
            scopes.Length > 0 ? scopes : [Scopes.FormulationRead, Scopes.FormulationWrite]));

    /// <summary>Another practitioner of the service, in nobody's care team here.</summary>
    public static TestCaller Stranger() => Clinician(Guid.NewGuid());

    /// <summary>An administrator: still not in the care team.</summary>
    public static TestCaller Admin()
    {
        var id = Guid.NewGuid().ToString();
        return new(id, TestTokens.Clinician(id, [Roles.Admin], Scopes.FormulationRead, Scopes.FormulationWrite));
    }

    /// <summary>A partner system with every formulation scope: a partner is never in a care team.</summary>
    public static TestCaller Partner(string id) => new(id, TestTokens.Partner(id, "A81001", Scopes.FormulationRead, Scopes.FormulationWrite));

    public Metadata Metadata() => TestTokens.Headers(Token);
}
