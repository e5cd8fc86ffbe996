using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using DitCloud.Testing;

namespace DitCloud.Gateway.Journey.Tests;

/// <summary>
/// The partner journey in headless Chromium (Debian's chromium driven by playwright-core) with
/// @connectrpc/connect-web over gRPC-web to the gateway's HTTP/1.1 port, with the browser's own
/// CORS: the page is served from the one origin the gateway lists (Gateway:CorsOrigins), and the
/// same page from another origin is refused by the browser. tests/browser/gateway-journey.mjs
/// drives the browser; this test starts the system, hands it the partners' access tokens (a
/// partner's back end gets them with its private key, which never belongs in a page), moves the
/// clinic's clock when the page has booked a session, and asserts on what the browser saw.
/// </summary>
public sealed class BrowserJourneyTests(TestServers servers) : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    private JourneySystem _system = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _system = await JourneySystem.StartAsync(servers);

    public async ValueTask DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task A_partner_and_a_clinician_follow_a_referral_to_its_outcome_from_a_browser_through_the_gateway()
    {
        File.Exists(Chromium).ShouldBeTrue($"{Chromium} is missing: apt-get install -y chromium (./dit test installs it).");
        var practitionerId = await _system.RegisterPractitionerAsync();
        var gateway = _system.Gateway.HttpAddress.ToString().TrimEnd('/');

        var report = await RunJourneyAsync(new Dictionary<string, string>
        {
            ["DIT_GATEWAY_URL"] = gateway,
            ["DIT_PAGE_ORIGIN"] = _system.BrowserOrigin,
            ["DIT_PARTNER_A_TOKEN"] = await _system.PartnerTokenAsync("gp-system-a"),
            ["DIT_PARTNER_B_TOKEN"] = await _system.PartnerTokenAsync("gp-system-b"),
            ["DIT_PRACTITIONER_ID"] = practitionerId,
        });

        report.Get("signIn", "scope").GetString()!.Split(' ').ShouldContain("outcomes.write");
        var submitted = Ok(report, "submitted");
        (submitted.Get("partnerId").GetString(), submitted.Get("status").GetString()).ShouldBe(("gp-system-a", "RECEIVED"));
        submitted.Get("hasPatientReference").GetBoolean().ShouldBeTrue();
        Ok(report, "readByPartner").Get("status").GetString().ShouldBe("RECEIVED");
        Refused(report, "readByOtherPartner").ShouldBe("NotFound");
        Refused(report, "screenedByPartner").ShouldBe("PermissionDenied");
        Error(report, "screenedByPartner").Get("rawMessage").GetString()!.ShouldContain("referral.manage");
        var screened = Ok(report, "screened").Get("status").GetString();
        screened.ShouldNotBe("RECEIVED");
        Ok(report, "readAfterScreening").Get("status").GetString().ShouldBe(screened);
        Ok(report, "accepted").Get("status").GetString().ShouldBe("ACCEPTED");

        var course = Ok(report, "course");
        (course.Get("practitionerId").GetString(), course.Get("status").GetString()).ShouldBe((practitionerId, "AWAITING_FIRST_SESSION"));
        Refused(report, "courseForOtherPartner").ShouldBeOneOf("NotFound", "PermissionDenied");
        Ok(report, "booked").Get("sessionNumber").GetInt32().ShouldBe(1);
        var attended = Ok(report, "attended");
        (attended.Get("courseStatus").GetString(), attended.Get("sessionsAttended").GetInt32()).ShouldBe(("IN_PROGRESS", 1));

        var measures = Ok(report, "measures");
        (measures.Get("phq9Total").GetInt32(), measures.Get("gad7Total").GetInt32(), measures.Get("riskFlags").GetInt32()).ShouldBe((14, 9, 0));
        measures.Get("caseness").GetBoolean().ShouldBeTrue();
        var outcome = Ok(report, "outcome");
        (outcome.Get("status").GetString(), outcome.Get("measureCount").GetInt32()).ShouldBe(("PROVISIONAL", 1));
        (outcome.Get("firstPhq9").GetInt32(), outcome.Get("firstGad7").GetInt32()).ShouldBe((14, 9));
        outcome.Get("practitionerId").GetString().ShouldBe(practitionerId);
        var point = Ok(report, "trajectory").EnumerateArray().ShouldHaveSingleItem();
        (point.Get("sessionNumber").GetInt32(), point.Get("phq9Total").GetInt32()).ShouldBe((1, 14));
        // The referring partner reads the course's outcome and trajectory; another partner learns nothing.
        var partnersView = Ok(report, "outcomeForPartner");
        (partnersView.Get("status").GetString(), partnersView.Get("measureCount").GetInt32(), partnersView.Get("firstPhq9").GetInt32()).ShouldBe(("PROVISIONAL", 1, 14));
        Ok(report, "trajectoryForPartner").EnumerateArray().ShouldHaveSingleItem().Get("phq9Total").GetInt32().ShouldBe(14);
        Refused(report, "outcomeForOtherPartner").ShouldBe("NotFound");
        Refused(report, "trajectoryForOtherPartner").ShouldBe("NotFound");

        // Real CORS: the same call from an origin the gateway does not list never gets through.
        var stranger = report.Get("stranger");
        stranger.Get("origin").GetString().ShouldNotBe(_system.BrowserOrigin);
        stranger.Get("result").TryGetProperty("error", out _).ShouldBeTrue(stranger.ToString());
        stranger.Get("blockedByCors").GetBoolean().ShouldBeTrue("Chromium reports the call as blocked by CORS policy");

        // Every gateway answer the page read carried its origin; every gRPC call was gRPC-web both ways.
        var wire = report.Get("wire").EnumerateArray().ToList();
        wire.ShouldAllBe(r => r.Get("allowOrigin").GetString() == _system.BrowserOrigin, string.Join('\n', wire));
        var calls = wire.Where(r => r.Get("path").GetString() != "/dev/sign-in").ToList();
        calls.ShouldAllBe(r => r.Get("requestContentType").GetString()!.StartsWith("application/grpc-web")
            && r.Get("responseContentType").GetString()!.StartsWith("application/grpc-web"), string.Join('\n', calls));
        calls.Select(r => r.Get("path").GetString()!.Split('/')[1]).Distinct().Order()
            .ShouldBe(["dit.outcomes.v1.OutcomesService", "dit.referral.v1.ReferralService", "dit.scheduling.v1.SchedulingService"]);

        // The browser asked first (the bearer token and the gRPC-web content type are not "simple"), and the gateway said yes.
        var preflights = report.Get("preflights").EnumerateArray().ToList();
        preflights.Select(p => p.Get("path").GetString()).ShouldContain("/dit.referral.v1.ReferralService/SubmitReferral");
        preflights.Select(p => p.Get("path").GetString()).ShouldContain("/dev/sign-in");
        preflights.ShouldAllBe(p => p.Get("method").GetString() == "OPTIONS" && p.Get("status").GetInt32() < 300
            && p.Get("allowOrigin").GetString() == _system.BrowserOrigin, string.Join('\n', preflights));
    }

    /// <summary>
    /// Runs tests/browser/gateway-journey.mjs, answers its questions, and returns its report. Node
    /// failing, missing, or taking too long fails the test with what node wrote to stderr.
    /// </summary>
    private async Task<JsonElement> RunJourneyAsync(Dictionary<string, string> environment)
    {
        var root = JourneySystem.RepositoryRoot();
        var start = new ProcessStartInfo("node", [Path.Combine(root, "tests", "browser", "gateway-journey.mjs")])
        {
            WorkingDirectory = root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment) start.Environment[name] = value;

        using var node = StartNode(start);
        var stderr = new StringBuilder();
        node.ErrorDataReceived += (_, line) => { lock (stderr) stderr.AppendLine(line.Data); };
        node.BeginErrorReadLine();
        string Stderr() { lock (stderr) return stderr.ToString(); }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(Limit);
        JsonElement? report = null;
        try
        {
            while (await node.StandardOutput.ReadLineAsync(limit.Token) is { } line)
            {
                using var message = Parse(line, Stderr);
                if (message.RootElement.TryGetProperty("ask", out var ask))
                {
                    _system.SessionHasStarted(DateTimeOffset.Parse(ask.Get("sessionStarted").GetString()!));
                    await node.StandardInput.WriteLineAsync("{\"done\":true}".AsMemory(), limit.Token);
                    await node.StandardInput.FlushAsync(limit.Token);
                }
                else
                {
                    report = message.RootElement.Get("report").Clone();
                }
            }
            await node.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            throw new TimeoutException($"gateway-journey.mjs did not finish within {Limit.TotalMinutes} minutes. Its stderr:\n{Stderr()}");
        }
        finally
        {
            // Only our own child (node and the Chromium it launched), and only when this test gave up on it.
            if (!node.HasExited) node.Kill(entireProcessTree: true);
        }
        node.WaitForExit(); // the stderr reader has drained
        node.ExitCode.ShouldBe(0, $"gateway-journey.mjs failed. Its stderr:\n{Stderr()}");
        TestContext.Current.TestOutputHelper?.WriteLine($"What the browser saw:\n{report}");
        return report ?? throw new InvalidOperationException($"gateway-journey.mjs exited without a report. Its stderr:\n{Stderr()}");
    }

    private static JsonDocument Parse(string line, Func<string> stderr)
    {
        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"gateway-journey.mjs wrote a line that is not its protocol: {line}\nIts stderr:\n{stderr()}", e);
        }
    }

    private static Process StartNode(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("node is not on PATH: the browser tests need Node.js 20 or later (see tests/browser/README.md).", e);
        }
    }

    private static JsonElement Ok(JsonElement report, string step) =>
        report.Get(step).TryGetProperty("ok", out var value) ? value : throw new ShouldAssertException($"{step} was refused: {report.Get(step)}");

    private static JsonElement Error(JsonElement report, string step) =>
        report.Get(step).TryGetProperty("error", out var value) ? value : throw new ShouldAssertException($"{step} was not refused: {report.Get(step)}");

    /// <summary>The refusal's code as the browser decoded it; it must have been a ConnectError.</summary>
    private static string Refused(JsonElement report, string step)
    {
        var error = Error(report, step);
        error.Get("connectError").GetBoolean().ShouldBeTrue($"{step}: the page saw {error}, not a ConnectError");
        return error.Get("code").GetString()!;
    }
}

internal static class JsonPath
{
    /// <summary>A property that must be there, named in the failure when it is not.</summary>
    public static JsonElement Get(this JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
                throw new ShouldAssertException($"the report has no '{string.Join('.', path)}'");
        }
        return element;
    }
}
