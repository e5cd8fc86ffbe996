using DitCloud.Referral.Api.Tests;
using DitCloud.Referral.V1;
using DitCloud.Testing;
using Grpc.Core;
using Grpc.Net.Client;
using Npgsql;

[assembly: AssemblyFixture(typeof(TestServers))]

namespace DitCloud.Referral.Reliability.Tests;

/// <summary>
/// The referral service killed with SIGKILL in the middle of a burst of submissions and started
/// again: the partner retries what failed (submissions are idempotent), and in the end every stored
/// referral has its ReferralReceived event and every event has its referral.
/// </summary>
public sealed class ServiceCrashTests(TestServers servers)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task No_referral_without_its_event_and_no_event_without_its_referral_when_the_service_is_killed_mid_burst()
    {
        const int total = 400;
        var database = await servers.CreateDatabaseAsync("referral-crash");
        var broker = await servers.CreateVirtualHostAsync("referral-crash");
        var recorder = new EventRecorder();
        var bus = await recorder.StartAsync(broker, "downstream-referral-received", Cancel);
        try
        {
            await using var service = new ServiceProcess("services/Referral/Referral.Api", "DitCloud.Referral.Api",
                TestTokens.AuthSettings.Concat(new Dictionary<string, string?>
                {
                    ["ConnectionStrings:referraldb"] = database,
                    ["ConnectionStrings:bus"] = broker,
                }));
            await service.StartAsync(Cancel);
            using var channel = GrpcChannel.ForAddress(service.GrpcAddress);
            var client = new ReferralService.ReferralServiceClient(channel);
            var headers = TestTokens.Headers(TestTokens.Partner("partner-crash", "A81001", "referral.submit", "referral.read"));
            var accepted = new System.Collections.Concurrent.ConcurrentDictionary<string, Guid>();
            var failures = 0;

            var burst = Parallel.ForEachAsync(Enumerable.Range(0, total), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = Cancel },
                async (i, token) =>
                {
                    var request = Requests.Submission($"CRASH-{i:D5}");
                    // A partner's retry loop: the same submission again until it is answered.
                    for (var attempt = 0; ; attempt++)
                    {
                        try
                        {
                            var response = await client.SubmitReferralAsync(request, headers, deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: token);
                            accepted[request.PartnerReferralId] = Guid.Parse(response.Referral.ReferralId);
                            return;
                        }
                        catch (RpcException exception) when (exception.StatusCode is StatusCode.Unavailable or StatusCode.Internal or StatusCode.DeadlineExceeded or StatusCode.Unknown && attempt < 600)
                        {
                            Interlocked.Increment(ref failures);
                            await Task.Delay(100, token);
                        }
                    }
                });

            while (accepted.Count < total / 3) await Task.Delay(20, Cancel);
            service.Kill();
            TestContext.Current.SendDiagnosticMessage($"killed the referral service after {accepted.Count} answered submissions");
            await Task.Delay(500, Cancel);
            await service.StartAsync(Cancel);
            await burst;

            accepted.Count.ShouldBe(total);
            failures.ShouldBeGreaterThan(0, "the kill must have cut calls off, or the test proved nothing");
            var stored = await StoredReferralIdsAsync(database);
            stored.Count.ShouldBe(total, "one referral per submission, retries included");
            stored.ShouldBe(accepted.Values.ToHashSet(), ignoreOrder: true);

            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (!stored.All(recorder.DeliveriesByReferral.ContainsKey) && DateTime.UtcNow < deadline) await Task.Delay(200, Cancel);
            stored.Where(id => !recorder.DeliveriesByReferral.ContainsKey(id)).ShouldBeEmpty("every referral's event reached the consumer");
            recorder.DeliveriesByReferral.Keys.Where(id => !stored.Contains(id)).ShouldBeEmpty("no event without its referral");
        }
        finally
        {
            await bus.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<HashSet<Guid>> StoredReferralIdsAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand("SELECT id FROM referrals", connection);
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        var ids = new HashSet<Guid>();
        while (await reader.ReadAsync(Cancel)) ids.Add(reader.GetGuid(0));
        return ids;
    }
}
