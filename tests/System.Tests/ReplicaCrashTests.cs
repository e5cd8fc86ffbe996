using DitCloud.Hosting.Telemetry;
using DitCloud.Hosting.Processes;
using DitCloud.Referral.V1;
using Grpc.Core;

namespace DitCloud.SystemTests;

/// <summary>
/// A replica killed outright in the middle of a burst of referrals loses nothing: the AppHost
/// restarts it, the other replica carries on meanwhile, a partner retrying a failed call gets the
/// same referral back, and every referral accepted ends with exactly one course.
/// </summary>
public sealed class ReplicaCrashTests(DitCloudSystem system)
{
    private const int Burst = 24;
    private static readonly StatusCode[] Transient = [StatusCode.Unavailable, StatusCode.Internal, StatusCode.Unknown, StatusCode.DeadlineExceeded, StatusCode.Aborted];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Killing_a_scheduling_and_a_referral_replica_mid_burst_leaves_every_accepted_referral_with_one_course()
    {
        var partner = await system.PartnerTokenAsync(system.PartnerA, gateway: 0);
        var clinician = await system.ClinicianTokenAsync("crash-screener", "clinician");
        var victims = new[] { "scheduling-1", "referral-0" }.ToDictionary(id => id, id => system.AppHost.InstancePid(id) ?? throw new InvalidOperationException($"{id} is not running"));
        var readyBefore = victims.Keys.ToDictionary(id => id, ReadyLines);

        var accepted = new List<(string ReferralId, TraceContext Trace)>();
        var burst = Parallel.ForAsync(0, Burst, new ParallelOptions { MaxDegreeOfParallelism = 3, CancellationToken = Ct }, async (i, _) =>
        {
            var journey = await AcceptAsync(i, partner, clinician);
            lock (accepted) accepted.Add(journey);
        });
        await Eventually.HoldsAsync(() => Task.FromResult(Count(accepted)), n => n >= Burst / 4 || burst.IsCompleted, "a quarter of the burst to be accepted");
        foreach (var (instance, pid) in victims)
        {
            Posix.Signal(pid, Posix.SigKill).ShouldBeTrue($"{instance} (pid {pid}) was killed");
            DitCloudSystem.Progress($"SIGKILL {instance} (pid {pid}) after {Count(accepted)} of {Burst} acceptances");
        }
        await burst;

        // The AppHost notices each crash and starts the instance again (with backoff); the next
        // test finds every replica back at work.
        foreach (var (instance, pid) in victims)
        {
            await Eventually.HoldsAsync(() => Task.FromResult(ReadyLines(instance)), ready => ready > readyBefore[instance],
                $"{instance} to be restarted and ready again", TimeSpan.FromMinutes(4));
            system.AppHost.InstancePid(instance).ShouldNotBe(pid);
        }
        system.AppHost.Remember();

        var courses = await Journeys.CoursesAsync(system, accepted.Select(a => a.ReferralId), partner);
        courses.Select(c => c.CourseId).Distinct().Count().ShouldBe(Burst, "every accepted referral has a course of its own");
        foreach (var (referralId, trace) in accepted)
        {
            // The event may be published again after a crash (at least once), but it is one event: one
            // CourseCreated message id on the relay's spans. A killed replica loses the spans it had not
            // exported yet, so a relay span may be missing: then outcomes' receive of the event shows it
            // left scheduling.
            var spans = await system.Telemetry.TraceAsync(trace.TraceId,
                found => found.Any(Journeys.IsCourseCreatedRelay) || found.Any(IsCourseCreatedReceivedByOutcomes), TimeSpan.FromSeconds(60));
            var published = spans.Where(Journeys.IsCourseCreatedRelay).Select(s => s.Attributes.GetValueOrDefault("messaging.message.id")).Distinct().Count();
            published.ShouldBeLessThanOrEqualTo(1, $"scheduling published one CourseCreated for referral {referralId}");
            (published == 1 || spans.Any(IsCourseCreatedReceivedByOutcomes)).ShouldBeTrue($"CourseCreated for referral {referralId} left scheduling");
        }
    }

    private static bool IsCourseCreatedReceivedByOutcomes(ReceivedSpan span) =>
        span.Source.ServiceName == "outcomes" && span.Kind == ReceivedSpanKind.Consumer && span.Name.Contains("course-created", StringComparison.OrdinalIgnoreCase);

    private static int Count(List<(string, TraceContext)> accepted)
    {
        lock (accepted) return accepted.Count;
    }

    /// <summary>A partner and a clinician as real clients behave: a call that fails in transit is made again, which each of these calls allows.</summary>
    private async Task<(string ReferralId, TraceContext Trace)> AcceptAsync(int i, Metadata partner, Metadata clinician)
    {
        var submission = Referrals.Submission();
        var referral = await RetryAsync(call => Client(i + call).SubmitReferralAsync(submission, partner, cancellationToken: Ct).ResponseAsync);
        var id = referral.Referral.ReferralId;
        var trace = TraceContext.New();
        await RetryAsync(call => Client(i + call).ScreenReferralAsync(new ScreenReferralRequest
        {
            ReferralId = id,
            Decision = new ScreeningDecision { Outcome = ScreeningOutcome.Suitable },
        }, clinician, cancellationToken: Ct).ResponseAsync);
        var headers = new Metadata();
        foreach (var entry in clinician.Concat(trace.Headers)) headers.Add(entry);
        try
        {
            await RetryAsync(call => Client(i + call).AcceptReferralAsync(new AcceptReferralRequest { ReferralId = id }, headers, cancellationToken: Ct).ResponseAsync);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
        {
            // An earlier attempt was accepted before its answer was lost.
        }
        var status = (await RetryAsync(call => Client(i + call).GetReferralAsync(new GetReferralRequest { ReferralId = id }, partner, cancellationToken: Ct).ResponseAsync)).Referral.Status;
        status.ShouldBe(ReferralStatus.Accepted);
        return (id, trace);
    }

    /// <summary>How often the AppHost has said the instance is ready (once per start).</summary>
    private int ReadyLines(string instance) =>
        system.AppHost.Output.Count(line => line.StartsWith(instance + " ", StringComparison.Ordinal) && line.Contains("| ready: gRPC on"));

    private ReferralService.ReferralServiceClient Client(int call) => new(system.Gateway(call));

    private static async Task<T> RetryAsync<T>(Func<int, Task<T>> call)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call(attempt);
            }
            catch (RpcException e) when (Transient.Contains(e.StatusCode) && attempt < 30)
            {
                await Task.Delay(500, Ct);
            }
        }
    }
}
