using System.Diagnostics;
using System.Text;
using DitCloud.Hosting.Servers;
using DitCloud.Referral.V1;
using DitCloud.Testing;
using Grpc.Core;
using Grpc.Net.Client;
using static DitCloud.Referral.Api.Tests.TestSupport;

namespace DitCloud.Referral.Api.Tests;

/// <summary>
/// The service as its own process (Program.cs), configured only by the environment variables the
/// AppHost writes: it serves, its log carries no personal data, and SIGTERM stops it cleanly.
/// </summary>
public sealed class ProcessTests(TestServers servers)
{
    [Fact]
    public async Task Runs_from_the_AppHost_settings_logs_no_personal_data_and_stops_on_sigterm()
    {
        var (grpcPort, httpPort) = (LoopbackPort.Free(), LoopbackPort.Free());
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "DitCloud.Referral.Api.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
            Environment =
            {
                ["ConnectionStrings__referraldb"] = await servers.CreateDatabaseAsync("referralprocess"),
                ["ConnectionStrings__bus"] = await servers.CreateVirtualHostAsync("referralprocess"),
                ["Kestrel__Endpoints__grpc__Url"] = $"http://127.0.0.1:{grpcPort}",
                ["Kestrel__Endpoints__grpc__Protocols"] = "Http2",
                ["Kestrel__Endpoints__http__Url"] = $"http://127.0.0.1:{httpPort}",
                ["Kestrel__Endpoints__http__Protocols"] = "Http1",
                ["Logging__LogLevel__Default"] = "Debug",
                ["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = "Information",
            },
        };
        foreach (var (key, value) in TestTokens.AuthEnvironment) info.Environment[key] = value;
        var output = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, line) => { lock (output) output.AppendLine(line.Data); };
        process.ErrorDataReceived += (_, line) => { lock (output) output.AppendLine(line.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
            await Eventually(async () =>
            {
                try { return (await http.GetAsync("/health", Cancel)).IsSuccessStatusCode; }
                catch (HttpRequestException) { return false; }
            }, ready => ready, "the process answers /health", seconds: 180);

            using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");
            var partner = ReferralServiceFixture.Client(TestCaller.Partner("partner-process"), channel);
            var request = Requests.Submission();
            var created = await partner.SubmitReferralAsync(request, cancellationToken: Cancel);
            await partner.SubmitReferralAsync(request.With(r => r.Patient.GivenName = "Perpetua Jane"), cancellationToken: Cancel).FailsWith(StatusCode.AlreadyExists);
            await partner.SubmitReferralAsync(request.With(r => r.Patient.NhsNumber = "9434765918"), cancellationToken: Cancel).FailsWith(StatusCode.InvalidArgument);
            (await partner.GetReferralAsync(new() { ReferralId = created.Referral.ReferralId }, cancellationToken: Cancel)).Referral.Status.ShouldBe(ReferralStatus.Received);

            Process.Start("kill", ["-TERM", process.Id.ToString()])!.WaitForExit();
            await process.WaitForExitAsync(Cancel).WaitAsync(TimeSpan.FromSeconds(30), Cancel);
            process.ExitCode.ShouldBe(0);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }

        string log;
        lock (output) log = output.ToString();
        log.ShouldContain("schema is current", customMessage: "the log is captured");
        log.ShouldNotContainPersonalData();
    }
}
