using System.Net.Http.Headers;
using DitCloud.ServiceDefaults.Grpc;
using DitCloud.ServiceDefaults.Security;
using DitCloud.TestApi;
using DitCloud.Testing;
using DitCloud.Testing.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DitCloud.Security.Tests;

/// <summary>A service calling another on a caller's behalf passes the caller's token on; the other verifies it again.</summary>
public sealed class CallerTokenForwardingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_called_service_sees_the_original_caller_and_refuses_a_call_without_one()
    {
        await using var downstream = await ServiceHost.StartAsync(ProtectedEchoApi.Build, TestTokens.AuthSettings);
        var port = Hosting.Servers.LoopbackPort.Free();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["services:echo:grpc:0"] = downstream.GrpcAddress.ToString() });
        builder.Services.AddServiceClient<EchoService.EchoServiceClient>("echo").AddCallerTokenForwarding();
        await using var relay = builder.Build();
        relay.MapGet("/relay", async (EchoService.EchoServiceClient client) =>
        {
            try
            {
                var reply = await client.EchoAsync(new EchoRequest { Payload = new EchoPayload { Message = "relayed" } });
                return reply.EchoedMetadata["caller-id"];
            }
            catch (RpcException e)
            {
                return e.StatusCode.ToString();
            }
        });
        await relay.StartAsync(Ct);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        using var withToken = new HttpRequestMessage(HttpMethod.Get, "/relay");
        withToken.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Partner("partner-r", "RX7", Scopes.ReferralRead));
        (await (await http.SendAsync(withToken, Ct)).Content.ReadAsStringAsync(Ct)).ShouldBe("partner-r");
        (await http.GetStringAsync("/relay", Ct)).ShouldBe("Unauthenticated");
    }
}
