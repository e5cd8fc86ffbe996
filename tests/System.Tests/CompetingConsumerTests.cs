using DitCloud.Hosting.Telemetry;
using DitCloud.Referral.V1;
using DitCloud.Scheduling.V1;
using Grpc.Core;

namespace DitCloud.SystemTests;

/// <summary>
/// Two scheduling replicas share the ReferralAccepted queue as competing consumers: the events of
/// a batch of acceptances are spread over both, and still every accepted referral gets exactly one
/// course. Which replica handled which event is read from the spans both export (each consume span
/// carries its process's service.instance.id), not from any service's database.
/// </summary>
public sealed class CompetingConsumerTests(DitCloudSystem system)
{
    private const int Batch = 20;

    [Fact]
    public async Task A_batch_of_acceptances_is_shared_by_both_scheduling_replicas_and_each_referral_gets_one_course()
    {
        var partner = await system.PartnerTokenAsync(system.PartnerA, gateway: 1);
        var clinician = await system.ClinicianTokenAsync("batch-screener", "clinician");

        var accepted = await Journeys.AcceptManyAsync(system, Batch, partner, clinician);
        var courses = await Journeys.CoursesAsync(system, accepted.Select(a => a.ReferralId), partner);

        courses.Select(c => c.CourseId).Distinct().Count().ShouldBe(Batch, "one course per referral, none shared");
        var handledBy = new List<string>();
        foreach (var (referralId, trace) in accepted)
        {
            var spans = await Journeys.CourseCreatedTraceAsync(system, trace.TraceId);
            var consumed = spans.Where(Journeys.IsSchedulingReferralAcceptedConsume).ToList();
            consumed.ShouldNotBeEmpty($"scheduling consumed the ReferralAccepted of {referralId} in trace {trace.TraceId}");
            spans.Count(Journeys.IsCourseCreatedRelay).ShouldBe(1, $"exactly one CourseCreated left scheduling for referral {referralId}");
            handledBy.Add(Journeys.Instance(consumed.Last()));
        }
        DitCloudSystem.Progress($"ReferralAccepted handled by: {string.Join(", ", handledBy.GroupBy(i => i).Select(g => $"{g.Key} x{g.Count()}"))}");
        string.Join(", ", handledBy.Distinct().Order()).ShouldBe("scheduling-0, scheduling-1", "both replicas took events from the shared queue");
    }
}

/// <summary>The steps several tests take many times over: refer and accept in bulk, then find the courses and their traces.</summary>
public static class Journeys
{
    /// <summary>Submits and accepts <paramref name="count"/> referrals, a few at a time; each accept carries a trace of its own.</summary>
    public static async Task<List<(string ReferralId, TraceContext Trace)>> AcceptManyAsync(DitCloudSystem system, int count, Metadata partner, Metadata clinician, int parallel = 4)
    {
        var accepted = new List<(string, TraceContext)>();
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, _) =>
        {
            var referral = (await new ReferralService.ReferralServiceClient(system.Gateway(i)).SubmitReferralAsync(Referrals.Submission(), partner)).Referral;
            var trace = TraceContext.New();
            await Referrals.ScreenAndAcceptAsync(system, referral.ReferralId, clinician, i, trace.Headers);
            lock (accepted) accepted.Add((referral.ReferralId, trace));
        });
        return accepted;
    }

    /// <summary>Each referral's course as its partner reads it, once scheduling has made it.</summary>
    public static async Task<List<Course>> CoursesAsync(DitCloudSystem system, IEnumerable<string> referralIds, Metadata partner)
    {
        var courses = new List<Course>();
        var call = 0;
        foreach (var referralId in referralIds)
        {
            var client = new SchedulingService.SchedulingServiceClient(system.Gateway(call++));
            var course = (await Eventually.SucceedsAsync(() => client.GetCourseAsync(new GetCourseRequest { ReferralId = referralId }, partner).ResponseAsync,
                timeout: TimeSpan.FromMinutes(3), whileStatus: [StatusCode.NotFound, StatusCode.Unavailable])).Course;
            course.ReferralId.ShouldBe(referralId);
            courses.Add(course);
        }
        return courses;
    }

    /// <summary>The trace of an acceptance once scheduling's CourseCreated has been relayed to the broker in it.</summary>
    public static Task<IReadOnlyList<ReceivedSpan>> CourseCreatedTraceAsync(DitCloudSystem system, string traceId) =>
        system.Telemetry.TraceAsync(traceId, spans => spans.Any(IsCourseCreatedRelay), TimeSpan.FromSeconds(60));

    public static bool IsSchedulingReferralAcceptedConsume(ReceivedSpan span) =>
        span.Source.ServiceName == "scheduling" && span.Kind == ReceivedSpanKind.Consumer && span.Name.Contains("referral-accepted", StringComparison.OrdinalIgnoreCase);

    /// <summary>The outbox relay's span that publishes one event (its type in messaging.message.type).</summary>
    public static bool IsCourseCreatedRelay(ReceivedSpan span) =>
        span.Source.ServiceName == "scheduling" && span.Name == "outbox relay" && span.Attributes.GetValueOrDefault("messaging.message.type") as string == "CourseCreated";

    public static string Instance(ReceivedSpan span) => span.Source.Attributes.GetValueOrDefault("service.instance.id") as string ?? "unknown";
}
