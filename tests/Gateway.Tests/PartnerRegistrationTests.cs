using System.Net;
using DitCloud.Gateway.Tokens;
using DitCloud.Testing;
using DitCloud.Testing.V1;

namespace DitCloud.Gateway.Tests;

/// <summary>The README's way for a partner to get credentials locally, against a running gateway.</summary>
public sealed class PartnerRegistrationTests(TestServers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_partner_registered_with_the_command_while_the_gateway_runs_gets_a_token_and_calls()
    {
        var directory = Directory.CreateTempSubdirectory("partners-").FullName;
        try
        {
            await using var bed = await GatewayTestbed.StartAsync(servers, nameof(PartnerRegistrationTests),
                overrides: new() { ["Gateway:PartnersDirectory"] = Path.Combine(directory, "partners") });
            var keyFile = Path.Combine(directory, "keys", "my-emr.pem");

            PartnerCommands.TryRun(["register-partner", "--dir", Path.Combine(directory, "partners"), "--client-id", "my-emr",
                "--ods", "A81001", "--scopes", "referral.read", "--key-out", keyFile], out var exitCode).ShouldBeTrue();
            exitCode.ShouldBe(0);
            (File.GetUnixFileMode(keyFile) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)).ShouldBe((UnixFileMode)0, "the private key is the owner's alone");

            var assertion = PartnerCommands.CreateClientAssertion("my-emr", await File.ReadAllTextAsync(keyFile, Ct), bed.TokenUrl());
            using var response = await TokenClient.RequestAsync(bed.Gateway.HttpAddress, assertion);
            var body = await response.Content.ReadAsStringAsync(Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
            var token = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;

            var reply = await bed.Client().EchoAsync(new EchoRequest { Payload = new EchoPayload { Message = "hi" } }, TestTokens.Headers(token), cancellationToken: Ct);
            reply.EchoedMetadata["caller-organisation"].ShouldBe("A81001");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_registration_with_a_bad_ODS_code_or_scope_is_refused()
    {
        var directory = Directory.CreateTempSubdirectory("partners-").FullName;
        try
        {
            PartnerCommands.TryRun(["register-partner", "--dir", directory, "--client-id", "x", "--ods", "not-an-ods", "--scopes", "everything"], out var exitCode);

            exitCode.ShouldBe(2);
            Directory.GetFiles(directory).ShouldBeEmpty();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
