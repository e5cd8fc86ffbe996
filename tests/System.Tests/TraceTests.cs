using DitCloud.Hosting.Telemetry;
using DitCloud.Referral.V1;

namespace DitCloud.SystemTests;

/// <summary>
/// One clinician's AcceptReferral through the gateway is one trace, wherever its work goes: the
/// gateway, the referral service and its database, the event's relay and publish to RabbitMQ,
/// scheduling's consume and its database work, and the CourseCreated that follows. Every span
/// hangs from a span of the same trace, so the trace reads as one tree.
/// </summary>
public sealed class TraceTests(DitCloudSystem system)
{
    [Fact]
    public async Task An_acceptance_is_one_connected_trace_from_the_gateway_through_the_broker_to_scheduling()
    {
        var partner = await system.PartnerTokenAsync(system.PartnerB, gateway: 0);
        var clinician = await system.ClinicianTokenAsync("trace-screener", "clinician");
        var referral = (await new ReferralService.ReferralServiceClient(system.Gateway(1)).SubmitReferralAsync(Referrals.Submission(), partner,
            cancellationToken: TestContext.Current.CancellationToken)).Referral;
        var trace = TraceContext.New();

        await Referrals.ScreenAndAcceptAsync(system, referral.ReferralId, clinician, call: 0, trace.Headers);

        IReadOnlyList<ReceivedSpan> spans = [];
        try
        {
            // Parents end after their children, so they may arrive later: wait for the tree to close too.
            spans = await system.Telemetry.TraceAsync(trace.TraceId, s => Missing(s).Count == 0 && Unparented(s, trace).Count == 0, TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            spans = system.Telemetry.Store.Trace(trace.TraceId);
        }
        var tree = Describe(spans);
        Missing(spans).ShouldBeEmpty($"the trace reaches every part of the journey; it holds:{Environment.NewLine}{tree}");
        Unparented(spans, trace).ShouldBeEmpty($"every span's parent is in the trace; it holds:{Environment.NewLine}{tree}");
        spans.Where(s => s.ParentSpanId == trace.ParentSpanId).ShouldHaveSingleItem("one root: the gateway's span of the call").Source.ServiceName.ShouldBe("gateway");
    }

    /// <summary>What the trace must hold, by name, and which of those it does not (yet).</summary>
    private static List<string> Missing(IReadOnlyList<ReceivedSpan> spans)
    {
        var expected = new Dictionary<string, Func<ReceivedSpan, bool>>
        {
            ["gateway: the call's server span"] = s => s.Source.ServiceName == "gateway" && s.Kind == ReceivedSpanKind.Server,
            ["gateway: its call to the referral service"] = s => s.Source.ServiceName == "gateway" && s.Kind == ReceivedSpanKind.Client,
            ["referral: the call's server span"] = s => s.Source.ServiceName == "referral" && s.Kind == ReceivedSpanKind.Server,
            ["referral: database"] = s => s.Source.ServiceName == "referral" && IsDatabase(s),
            ["referral: outbox relay of ReferralAccepted"] = s => s.Source.ServiceName == "referral" && s.Name == "outbox relay"
                && s.Attributes.GetValueOrDefault("messaging.message.type") as string == "ReferralAccepted",
            ["referral: publish to RabbitMQ"] = s => s.Source.ServiceName == "referral" && s.Kind == ReceivedSpanKind.Producer,
            ["scheduling: consume from RabbitMQ"] = Journeys.IsSchedulingReferralAcceptedConsume,
            ["scheduling: database"] = s => s.Source.ServiceName == "scheduling" && IsDatabase(s),
            ["scheduling: outbox relay of CourseCreated"] = Journeys.IsCourseCreatedRelay,
        };
        return [.. expected.Where(e => !spans.Any(e.Value)).Select(e => e.Key)];
    }

    private static bool IsDatabase(ReceivedSpan span) =>
        span.Kind == ReceivedSpanKind.Client && (span.Attributes.ContainsKey("db.system") || span.Attributes.ContainsKey("db.system.name"));

    /// <summary>Spans whose parent is neither in the trace nor the test's own (unexported) span.</summary>
    private static List<string> Unparented(IReadOnlyList<ReceivedSpan> spans, TraceContext trace)
    {
        var ids = spans.Select(s => s.SpanId).ToHashSet();
        return [.. spans.Where(s => s.ParentSpanId is null || (s.ParentSpanId != trace.ParentSpanId && !ids.Contains(s.ParentSpanId)))
            .Select(s => $"{Label(s)} (parent {s.ParentSpanId ?? "none"})")];
    }

    private static string Describe(IReadOnlyList<ReceivedSpan> spans) =>
        string.Join(Environment.NewLine, spans.Select(s => $"  {Label(s)} {s.SpanId} <- {s.ParentSpanId ?? "root"}"));

    private static string Label(ReceivedSpan span) => $"{Journeys.Instance(span)} {span.Kind} '{span.Name}'";
}

/// <summary>Every replica the AppHost starts exports to the endpoint the AppHost itself was given (its children inherit it).</summary>
public sealed class TelemetryExportTests(DitCloudSystem system)
{
    [Fact]
    public async Task Every_replica_of_every_project_exports_to_the_endpoint_given_to_the_AppHost()
    {
        string[] instances = [.. DitCloudSystem.Projects.SelectMany(p => Enumerable.Range(0, DitCloudSystem.Replicas).Select(i => $"{p}-{i}"))];
        system.AppHost.Instances.Keys.Order().ShouldBe(instances.Order());
        // Runtime metrics go out on every export interval, calls or none.
        await system.Telemetry.Store.WaitUntilAsync(store => Exporting(store).IsSupersetOf(instances), TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        instances.Except(Exporting(system.Telemetry.Store)).ShouldBeEmpty();
    }

    private static HashSet<string> Exporting(TelemetryStore store) =>
        [.. store.MetricPoints.Select(p => p.Source.Attributes.GetValueOrDefault("service.instance.id") as string).OfType<string>()];
}
