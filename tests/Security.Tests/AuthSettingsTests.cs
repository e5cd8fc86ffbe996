using DitCloud.ServiceDefaults.Security;
using DitCloud.TestApi;
using DitCloud.Testing;
using DitCloud.Testing.V1;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace DitCloud.Security.Tests;

/// <summary>The "Auth" settings are checked at start: a service never runs trusting nothing, or something malformed.</summary>
public sealed class AuthSettingsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task No_trusted_issuer_stops_start_up_naming_the_setting()
    {
        var error = await Should.ThrowAsync<OptionsValidationException>(() => StartAsync([]));

        error.Message.ShouldContain("Setting 'Auth:TrustedIssuers'");
        error.Message.ShouldContain("Auth__TrustedIssuers");
    }

    public static TheoryData<string, string, string> BadIssuerSettings => new()
    {
        { "Jwks", "{\"keys\":[]}", "holds no keys" },
        { "Jwks", "not json", "is not a JSON Web Key Set" },
        { "Jwks", PrivateJwks(), "includes its private part" },
        { "Jwks", "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"k\",\"k\":\"AAAA\"}]}", "not an RSA public key" },
        { "Audience", "", "Auth:TrustedIssuers:0:Audience" },
        { "Issuer", "", "Auth:TrustedIssuers:0:Issuer" },
    };

    [Theory]
    [MemberData(nameof(BadIssuerSettings))]
    public async Task A_bad_issuer_setting_stops_start_up_naming_it_and_the_fix(string setting, string value, string expected)
    {
        var settings = TestTokens.AuthSettings.ToDictionary();
        settings[$"Auth:TrustedIssuers:0:{setting}"] = value;

        var error = await Should.ThrowAsync<OptionsValidationException>(() => StartAsync(settings));

        error.Message.ShouldContain(expected);
        error.Message.ShouldContain($"Auth:TrustedIssuers:0:{setting}");
    }

    [Fact]
    public async Task Keys_can_come_from_a_file()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, TestTokens.Jwks, Ct);
            var settings = TestTokens.AuthSettings.ToDictionary();
            settings.Remove("Auth:TrustedIssuers:0:Jwks");
            settings["Auth:TrustedIssuers:0:JwksFile"] = file;
            await using var host = await StartAsync(settings);

            var reply = await new EchoService.EchoServiceClient(host.Channel).EchoAsync(
                new EchoRequest { Payload = new EchoPayload { Message = "m" } },
                TestTokens.Headers(TestTokens.Partner("partner-f", "RX9", Scopes.ReferralRead)), cancellationToken: Ct);

            reply.EchoedMetadata["caller-id"].ShouldBe("partner-f");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task An_issuer_vouches_only_for_the_kinds_of_caller_it_is_trusted_for()
    {
        var settings = TestTokens.AuthSettings.Where(s => !s.Key.Contains("CallerKinds")).ToDictionary();
        settings["Auth:TrustedIssuers:0:CallerKinds:0"] = "Partner";
        await using var host = await StartAsync(settings);
        var client = new EchoService.EchoServiceClient(host.Channel);

        var error = await Should.ThrowAsync<RpcException>(async () => await client.EchoAsync(
            new EchoRequest { Payload = new EchoPayload { Message = "m" } },
            TestTokens.Headers(TestTokens.Clinician("practitioner-1", [Roles.Admin], Scopes.ReferralRead)), cancellationToken: Ct));

        error.StatusCode.ShouldBe(StatusCode.Unauthenticated);
        error.Status.Detail.ShouldContain("not trusted for clinician callers");
    }

    private static Task<ServiceHost> StartAsync(IEnumerable<KeyValuePair<string, string?>> settings) =>
        ServiceHost.StartAsync(ProtectedEchoApi.Build, settings);

    private static string PrivateJwks()
    {
        var key = TestTokens.NewKey("private");
        var parameters = key.Rsa.ExportParameters(includePrivateParameters: true);
        return System.Text.Json.JsonSerializer.Serialize(new
        {
            keys = new[]
            {
                new
                {
                    kty = "RSA", kid = "private",
                    n = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(parameters.Modulus),
                    e = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(parameters.Exponent),
                    d = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(parameters.D),
                },
            },
        });
    }
}
