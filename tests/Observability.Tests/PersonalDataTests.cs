using System.Diagnostics;
using DitCloud.Hosting.Telemetry;
using DitCloud.Observability.Tests.Probe;
using DitCloud.ServiceDefaults.Telemetry;
using DitCloud.Testing;
using DitCloud.Testing.Otlp;
using Grpc.Core;

namespace DitCloud.Observability.Tests;

/// <summary>
/// An NHS number, a name and a clinical sentence go through a service that logs them (classified),
/// stores them, fails on them in the database and throws with them in the message: none of them
/// appears in any byte exported as spans, logs or metrics, while the telemetry about them does arrive.
/// </summary>
public sealed class PersonalDataTests(TestServers servers)
{
    [Fact]
    public async Task Marked_values_and_exception_messages_never_reach_exported_spans_logs_or_metrics()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var request = new ReferRequest
        {
            NhsNumber = $"94347{Random.Shared.Next(10_000, 100_000)}",
            Name = $"Quistworth{marker}",
            Reason = $"She has felt hopeless since her sister died {marker}",
        };
        await using var collector = await OtlpCollector.StartAsync();
        await using var probe = await ProbeHost.StartAsync(await servers.CreateDatabaseAsync("personal"),
            collector.ExporterSettings("probe").Append(new("Logging:LogLevel:Default", "Information")));

        string traceId;
        using (var caller = ExportTests.Partner.StartActivity("partner call", ActivityKind.Client)!)
        {
            traceId = caller.TraceId.ToString();
            await probe.Client.ReferAsync(request, cancellationToken: TestContext.Current.CancellationToken);
            var inDatabase = await Should.ThrowAsync<RpcException>(probe.Client.ReferAsync(request.Clone().With(r => r.FailInDatabase = true), cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);
            inDatabase.StatusCode.ShouldBe(StatusCode.Internal);
            var unexpected = await Should.ThrowAsync<RpcException>(probe.Client.ReferAsync(request.Clone().With(r => r.ThrowUnexpected = true), cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);
            unexpected.StatusCode.ShouldBe(StatusCode.Internal);
        }

        // First, everything that was about the data has arrived ...
        var spans = await collector.TraceAsync(traceId, trace => trace.Count(ExportTests.IsReferServerSpan) == 3
            && trace.Count(s => s.Name == "screen referral") == 3 && trace.Any(s => s.Status == ReceivedSpanStatus.Error && s.Attributes.ContainsKey("db.system.name")));
        var received = await collector.LogAsync(l => l.TraceId == traceId && l.Body.StartsWith("Referral received", StringComparison.Ordinal));
        var formatFailure = await collector.LogAsync(l => l.TraceId == traceId && Equals(l.Attributes.GetValueOrDefault("exception.message"), $"System.FormatException {ExceptionText.Withheld}"));
        var databaseFailure = await collector.LogAsync(l => l.TraceId == traceId && Equals(l.Attributes.GetValueOrDefault("exception.message"), $"Npgsql.PostgresException {ExceptionText.Withheld}"));
        await collector.MetricAsync(p => p.Name == "rpc.server.duration" && Equals(p.Attributes.GetValueOrDefault("rpc.grpc.status_code"), 13L));

        // ... redacted where it was personal: the classified log values,
        received.Body.ShouldBe($"Referral received for NHS number {RedactedRedactor.Marker}");
        // (the extended logger hands classified [LogProperties] values on redacted, or not at all)
        received.Attributes.GetValueOrDefault("details.Name", RedactedRedactor.Marker).ShouldBe(RedactedRedactor.Marker);
        received.Attributes.GetValueOrDefault("details.Reason", RedactedRedactor.Marker).ShouldBe(RedactedRedactor.Marker);
        // the exception events (types and frames kept) and status descriptions of spans,
        var screen = spans.First(s => s.Name == "screen referral");
        screen.Status.ShouldBe(ReceivedSpanStatus.Error);
        screen.StatusMessage.ShouldBeEmpty();
        screen.Events.Count(e => e.Name == "exception").ShouldBe(2);
        var recorded = screen.Events.Single(e => Equals(e.Attributes["exception.type"], "System.InvalidOperationException"));
        recorded.Attributes["exception.message"].ShouldBe(RedactedRedactor.Marker);
        recorded.Attributes["exception.stacktrace"]!.ToString()!.ShouldStartWith($"System.InvalidOperationException {ExceptionText.Withheld}");
        var scrubbedFault = screen.Events.Single(e => Equals(e.Attributes["exception.type"], nameof(ScrubbedException)));
        scrubbedFault.Attributes["exception.message"].ShouldBe($"System.InvalidOperationException {ExceptionText.Withheld}");
        scrubbedFault.Attributes["exception.stacktrace"]!.ToString()!.ShouldStartWith("   at DitCloud.Observability.Tests.Probe.PatientProbeService");
        // a span whose exception event still had its message was withheld, and counted;
        spans.ShouldNotContain(s => s.Name == "fault recorded with its message");
        // Counters are exported periodically: an earlier export may hold fewer; wait for the one with all three.
        (await collector.MetricAsync(p => p.Name == "dit.telemetry.withheld_spans" && p.Value >= 3)).Value.ShouldBeGreaterThanOrEqualTo(3);
        var failedCommand = spans.Single(s => s.Status == ReceivedSpanStatus.Error && s.Attributes.ContainsKey("db.system.name"));
        failedCommand.Attributes["db.response.status_code"].ShouldBe("22P02");
        failedCommand.Events.Single(e => e.Name == "exception").Attributes["exception.type"].ShouldBe("Npgsql.PostgresException");
        // and the exceptions in logs (the error id the caller got is there to find them by).
        foreach (var failure in new[] { formatFailure, databaseFailure })
        {
            failure.Body.ShouldStartWith("Unexpected failure in /dit.observability.tests.v1.PatientProbe/Refer; error id ");
            failure.Attributes["exception.stacktrace"]!.ToString()!.ShouldContain("PatientProbeService.Refer");
        }

        // Then no byte of any export carries the data.
        collector.WhereFound(request.NhsNumber).ShouldBeEmpty();
        collector.WhereFound(request.Name).ShouldBeEmpty();
        collector.WhereFound(request.Reason).ShouldBeEmpty();
        collector.WhereFound(marker).ShouldBeEmpty();
    }
}

internal static class MessageExtensions
{
    public static T With<T>(this T message, Action<T> change)
    {
        change(message);
        return message;
    }
}
