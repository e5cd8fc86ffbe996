using DitCloud.Testing;
using Microsoft.Extensions.Options;

namespace DitCloud.Gateway.Tests;

/// <summary>The gateway refuses to start on settings it cannot work with, naming the setting.</summary>
public sealed class GatewaySettingsTests(TestServers servers)
{
    public static TheoryData<string, string?, string> BadSettings => new()
    {
        { "Gateway:Tokens:Issuer", "", "Gateway:Tokens:Issuer" },
        { "Gateway:Tokens:SigningKey", "not a key", "Gateway:Tokens:SigningKey" },
        { "Gateway:Partners:0:OdsCode", "R", "Gateway:Partners:0:OdsCode" },
        { "Gateway:Partners:0:Scopes:0", "everything", "unknown scope 'everything'" },
        { "Gateway:Services:echo:Methods:EchoService/Echo", "referral.reed", "unknown scope 'referral.reed'" },
        { "Gateway:CorsOrigins:0", "https://app.example/path", "is not an origin" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task A_bad_setting_stops_start_up_naming_it(string key, string? value, string expected)
    {
        var (redis, prefix) = await servers.RedisWithPrefixAsync(nameof(GatewaySettingsTests));
        var database = await servers.CreateDatabaseAsync(nameof(GatewaySettingsTests));
        var settings = GatewayTestbed.GatewaySettings(new Uri("http://127.0.0.1:1"), redis, prefix, database, 0);
        settings[key] = value;

        var error = await Should.ThrowAsync<OptionsValidationException>(() =>
            ServiceHost.StartAsync(s => GatewayApp.Build(["--environment", "Development"], s), settings));

        error.Message.ShouldContain(expected);
    }
}
