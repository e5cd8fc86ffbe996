using DitCloud.Contracts.Events.V1;
using DitCloud.Outcomes.V1;
using Google.Protobuf.WellKnownTypes;
using static DitCloud.Outcomes.V1.OutcomesService;
using ContractPhase = DitCloud.Contracts.Events.V1.TherapyPhase;
using MeasurementOccasion = DitCloud.Outcomes.V1.MeasurementOccasion;

namespace DitCloud.Outcomes.Api.Tests;

/// <summary>
/// One course as a test drives it: scheduling's events published on the test bus (each awaited
/// until consumed), measures recorded through the API by the course's practitioner. Sessions are a
/// week apart in the manual's phases (1-4, 5-12, 13-16), all in the past.
/// </summary>
public sealed class TestCourse
{
    private readonly OutcomesServiceFixture fixture;
    private readonly HashSet<int> attended = [];

    private TestCourse(OutcomesServiceFixture fixture, Guid practitionerId, DateTimeOffset referredAt, DateTimeOffset firstSessionAt, string? partnerId = null)
    {
        this.fixture = fixture;
        PractitionerId = practitionerId;
        PartnerId = partnerId;
        ReferredAt = referredAt;
        FirstSessionAt = firstSessionAt;
    }

    public Guid Id { get; } = Guid.CreateVersion7();

    public Guid ReferralId { get; } = Guid.CreateVersion7();

    public Guid PatientReference { get; } = Guid.CreateVersion7();

    public Guid PractitionerId { get; }

    /// <summary>The partner system that sent the referral, as scheduling's CourseCreated names it; null for none.</summary>
    public string? PartnerId { get; }

    public DateTimeOffset ReferredAt { get; }

    public DateTimeOffset FirstSessionAt { get; }

    public OutcomesServiceClient Client => fixture.Practitioner(PractitionerId);

    /// <summary>Default: first session 20 weeks ago (session 16 five weeks ago), referred 30 days before it.</summary>
    public static DateTimeOffset DefaultFirstSession => DaysAgo(140);

    /// <summary>10:00 UTC that many days ago: the same day in London whatever the season.</summary>
    public static DateTimeOffset DaysAgo(int days) => new DateTimeOffset(DateTimeOffset.UtcNow.Date, TimeSpan.Zero).AddDays(-days).AddHours(10);

    /// <summary>A course scheduling has created and given a practitioner (both events consumed).</summary>
    public static async Task<TestCourse> CreateAsync(
        OutcomesServiceFixture fixture, Guid? practitionerId = null, DateTimeOffset? firstSessionAt = null, int daysWaited = 30, bool assign = true,
        string? partnerId = null)
    {
        var first = firstSessionAt ?? DefaultFirstSession;
        var course = new TestCourse(fixture, practitionerId ?? Guid.CreateVersion7(), first.AddDays(-daysWaited), first, partnerId);
        await course.CreatedAsync();
        if (assign) await course.AssignedAsync(course.PractitionerId);
        return course;
    }

    /// <summary>A course whose events the test publishes itself, in whatever order it wants.</summary>
    public static Task<TestCourse> CreateWithoutEventsAsync(OutcomesServiceFixture fixture, Guid? practitionerId = null, DateTimeOffset? firstSessionAt = null, int daysWaited = 30)
    {
        var first = firstSessionAt ?? DefaultFirstSession;
        return Task.FromResult(new TestCourse(fixture, practitionerId ?? Guid.CreateVersion7(), first.AddDays(-daysWaited), first));
    }

    public Task CreatedAsync() => fixture.PublishAsync(new CourseCreated(
        Guid.CreateVersion7(), ReferredAt.AddDays(1), Id, ReferralId, PatientReference, 16, 4, 12, ReferredAt, PartnerId));

    public Task AssignedAsync(Guid practitionerId, Guid? supervisorId = null) => fixture.PublishAsync(new PractitionerAssigned(
        Guid.CreateVersion7(), ReferredAt.AddDays(2), Id, ReferralId, practitionerId, supervisorId, DeliveryMode.Video));

    public static ContractPhase PhaseOf(int session) => session <= 4 ? ContractPhase.Initial : session <= 12 ? ContractPhase.Middle : ContractPhase.Ending;

    public DateTimeOffset SessionAt(int session) => FirstSessionAt.AddDays(7 * (session - 1));

    public Guid AppointmentFor(int session) => new(Id.ToByteArray()[..12].Concat(BitConverter.GetBytes(session)).ToArray());

    /// <summary>Scheduling records the sessions as attended (code 5), each reported an hour after it started.</summary>
    public async Task AttendAsync(params int[] sessions)
    {
        foreach (var session in sessions)
        {
            await fixture.PublishAsync(new SessionAttended(Guid.CreateVersion7(), SessionAt(session).AddHours(1), AppointmentFor(session), Id,
                session, PhaseOf(session), PractitionerId, null, AttendanceCode.Attended, SessionAt(session)));
            attended.Add(session);
        }
    }

    /// <summary>Scheduling records a session as not attended (code 3), reported <paramref name="reportedAfter"/> after it was due.</summary>
    public async Task MissAsync(int session, TimeSpan? reportedAfter = null)
    {
        await fixture.PublishAsync(new SessionMissed(Guid.CreateVersion7(), SessionAt(session) + (reportedAfter ?? TimeSpan.FromHours(1)),
            AppointmentFor(session), Id, session, PhaseOf(session), PractitionerId, AttendanceCode.DidNotAttend, 1));
        attended.Remove(session);
    }

    /// <summary>Sessions 1..n attended, each with PHQ-9 and GAD-7 going linearly from the first scores to the last.</summary>
    public async Task TreatAsync(int sessions, (int Phq9, int Gad7) first, (int Phq9, int Gad7) last)
    {
        for (var session = 1; session <= sessions; session++)
        {
            await AttendAsync(session);
            var share = sessions == 1 ? 0.0 : (session - 1) / (double)(sessions - 1);
            await RecordAsync(session,
                phq9: (int)Math.Round(first.Phq9 + (last.Phq9 - first.Phq9) * share),
                gad7: (int)Math.Round(first.Gad7 + (last.Gad7 - first.Gad7) * share));
        }
    }

    /// <summary>Scheduling ends the course (default: a day after the last attended session, or the first session's date).</summary>
    public Task CompleteAsync(DateTimeOffset? endedAt = null, bool early = false) => fixture.PublishAsync(new CourseCompleted(
        Guid.CreateVersion7(),
        endedAt ?? (attended.Count > 0 ? SessionAt(attended.Max()) : FirstSessionAt).AddDays(1),
        Id, ReferralId, early, early ? CourseEndReason.PatientChoice : null, attended.Count,
        attended.Count > 0 ? SessionAt(attended.Min()) : null,
        attended.Count > 1 ? SessionAt(attended.Order().ElementAt(1)) : null));

    public Task<RecordMeasuresResponse> RecordAsync(int session, int? phq9 = null, int? gad7 = null, int? wsas = null, int item9 = 0) =>
        Client.RecordMeasuresAsync(Request(session, phq9, gad7, wsas, item9), cancellationToken: TestContext.Current.CancellationToken).ResponseAsync;

    public RecordMeasuresRequest Request(int session, int? phq9 = null, int? gad7 = null, int? wsas = null, int item9 = 0)
    {
        var request = new RecordMeasuresRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            CourseId = Id.ToString(),
            Occasion = MeasurementOccasion.Session,
            SessionNumber = session,
            MeasureTime = Timestamp.FromDateTimeOffset(SessionAt(session).AddMinutes(5)),
        };
        if (phq9 is { } p) request.Phq9 = new Phq9 { Items = { Items.Phq9(p, item9) } };
        if (gad7 is { } g) request.Gad7 = new Gad7 { Items = { Items.Gad7(g) } };
        if (wsas is { } w) request.Wsas = new Wsas { Items = { Items.Wsas(w) } };
        return request;
    }

    public Task<CourseOutcome> OutcomeAsync() => OutcomeAsync(Client);

    public async Task<CourseOutcome> OutcomeAsync(OutcomesServiceClient client) =>
        (await client.GetCourseOutcomeAsync(new GetCourseOutcomeRequest { CourseId = Id.ToString() }, cancellationToken: TestContext.Current.CancellationToken)).Outcome;
}

/// <summary>Questionnaire answers adding up to a total, items filled from the first.</summary>
public static class Items
{
    public static int[] Spread(int total, int count, int max)
    {
        if (total < 0 || total > count * max) throw new ArgumentOutOfRangeException(nameof(total), total, "No such total.");
        var items = new int[count];
        for (var i = 0; i < count; i++)
        {
            items[i] = Math.Min(max, total);
            total -= items[i];
        }

        return items;
    }

    /// <summary>PHQ-9 with the given total and item 9 (thoughts of self-harm) score.</summary>
    public static int[] Phq9(int total, int item9 = 0) => [.. Spread(total - item9, 8, 3), item9];

    public static int[] Gad7(int total) => Spread(total, 7, 3);

    public static int[] Wsas(int total) => Spread(total, 5, 8);
}
