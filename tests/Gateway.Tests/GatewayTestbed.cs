using DitCloud.Gateway;
using DitCloud.TestApi;
using DitCloud.Testing;
using DitCloud.Testing.V1;
using Grpc.Net.Client;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

[assembly: AssemblyFixture(typeof(TestServers))]

namespace DitCloud.Gateway.Tests;

/// <summary>
/// The echo API behind caller authentication, and one or more gateway replicas in front of it that
/// share one Redis key prefix and one audit database, as replicas of a deployed gateway do. The
/// gateways sign partner tokens with the test key, so the service trusts them as it trusts
/// <see cref="TestTokens"/>; a development clinician issuer is trusted for clinicians.
/// </summary>
public sealed class GatewayTestbed : IAsyncDisposable
{
    public const string AllowedOrigin = "https://app.dit.example.nhs.uk";
    public const string DevIssuer = "https://dev-sign-in.test.ditcloud.invalid";

    /// <summary>Partners registered with every gateway: client id to its private key.</summary>
    public static readonly IReadOnlyDictionary<string, RsaSecurityKey> PartnerKeys = new[]
    {
        "partner-a", "partner-b", "partner-c", "partner-d", "partner-e", "partner-slow", "partner-retry", "partner-tokens",
    }.ToDictionary(id => id, id => TestTokens.NewKey(id + "-key-1"));

    public static readonly RsaSecurityKey DevSignInKey = TestTokens.NewKey("dev-sign-in-1");

    private readonly List<ServiceHost> _gateways;

    private GatewayTestbed(ServiceHost service, List<ServiceHost> gateways, string auditDatabase)
    {
        Service = service;
        _gateways = gateways;
        AuditDatabase = auditDatabase;
    }

    public ServiceHost Service { get; }

    public IReadOnlyList<ServiceHost> Gateways => _gateways;

    public ServiceHost Gateway => _gateways[0];

    public string AuditDatabase { get; }

    public static async Task<GatewayTestbed> StartAsync(TestServers servers, string owner, int replicas = 1, Dictionary<string, string?>? overrides = null)
    {
        var service = await ServiceHost.StartAsync(ProtectedEchoApi.Build, AuthSettings());
        var (redis, prefix) = await servers.RedisWithPrefixAsync(owner);
        var database = await servers.CreateDatabaseAsync(owner);
        var gateways = new List<ServiceHost>();
        for (var i = 0; i < replicas; i++)
        {
            var settings = GatewaySettings(service.GrpcAddress, redis, prefix, database, i);
            foreach (var (key, value) in overrides ?? []) settings[key] = value;
            gateways.Add(await ServiceHost.StartAsync(s => GatewayApp.Build(["--environment", "Development"], s), settings));
        }
        return new GatewayTestbed(service, gateways, database);
    }

    public static Dictionary<string, string?> GatewaySettings(Uri echoService, string redis, string prefix, string database, int instance)
    {
        var settings = AuthSettings();
        settings["DIT_INSTANCE_ID"] = $"gateway-{instance}";
        settings["ConnectionStrings:cache"] = redis;
        settings["ConnectionStrings:gatewaydb"] = database;
        settings["Gateway:RedisKeyPrefix"] = prefix;
        settings["Gateway:Tokens:Issuer"] = TestTokens.Issuer;
        settings["Gateway:Tokens:Audience"] = TestTokens.Audience;
        settings["Gateway:Tokens:KeyId"] = TestTokens.SigningKey.KeyId;
        settings["Gateway:Tokens:SigningKey"] = TestTokens.SigningKey.Rsa.ExportPkcs8PrivateKeyPem();
        settings["Gateway:RateLimits:TokenRequestsPerMinute"] = "3";
        // Short enough for the deadline-cap test, long enough for a first call on a loaded CI machine.
        settings["Gateway:Limits:MaxDeadline"] = "00:00:10";
        settings["Gateway:CorsOrigins:0"] = AllowedOrigin;
        settings["Gateway:Services:echo:PathPrefix"] = "/dit.testing.v1.";
        settings["Gateway:Services:echo:Methods:EchoService/Echo"] = "referral.read";
        settings["Gateway:Services:echo:Methods:EchoService/EchoServerStream"] = "referral.submit";
        settings["Gateway:Services:echo:StreamingMethods:0"] = "EchoService/EchoServerStream";
        settings["services:echo:grpc:0"] = echoService.ToString();
        // A service whose one instance is down: its calls must come back UNAVAILABLE, not as bare HTTP errors.
        settings["Gateway:Services:down:PathPrefix"] = "/dit.down.v1.";
        settings["Gateway:Services:down:Methods:DownService/Call"] = "referral.read";
        settings["services:down:grpc:0"] = $"http://127.0.0.1:{Hosting.Servers.LoopbackPort.Free()}";
        var index = 0;
        foreach (var (clientId, key) in PartnerKeys)
        {
            var partner = $"Gateway:Partners:{index++}:";
            settings[partner + "ClientId"] = clientId;
            settings[partner + "OdsCode"] = "RX" + index;
            settings[partner + "Scopes:0"] = "referral.read";
            settings[partner + "Scopes:1"] = "referral.submit";
            settings[partner + "Jwks"] = TestTokens.PublicJwks(key);
            if (clientId == "partner-slow")
            {
                // One call a minute after the burst: no refill can happen while a test runs, however slow.
                settings[partner + "RequestsPerSecond"] = "0.0167";
                settings[partner + "Burst"] = "3";
            }
            if (clientId == "partner-retry")
            {
                settings[partner + "RequestsPerSecond"] = "2";
                settings[partner + "Burst"] = "2";
            }
        }
        settings["Gateway:DevelopmentSignIn:Enabled"] = "true";
        settings["Gateway:DevelopmentSignIn:Issuer"] = DevIssuer;
        settings["Gateway:DevelopmentSignIn:Audience"] = TestTokens.Audience;
        settings["Gateway:DevelopmentSignIn:KeyId"] = DevSignInKey.KeyId;
        settings["Gateway:DevelopmentSignIn:SigningKey"] = DevSignInKey.Rsa.ExportPkcs8PrivateKeyPem();
        settings["Gateway:DevelopmentSignIn:RoleScopes:clinician"] = "referral.read referral.manage";
        settings["Gateway:DevelopmentSignIn:RoleScopes:admin"] = "referral.manage";
        return settings;
    }

    /// <summary>The test issuer (partners' tokens) for every kind, and the development sign-in for clinicians only.</summary>
    private static Dictionary<string, string?> AuthSettings()
    {
        var settings = TestTokens.AuthSettings.ToDictionary();
        settings["Auth:TrustedIssuers:1:Issuer"] = DevIssuer;
        settings["Auth:TrustedIssuers:1:Audience"] = TestTokens.Audience;
        settings["Auth:TrustedIssuers:1:Jwks"] = TestTokens.PublicJwks(DevSignInKey);
        settings["Auth:TrustedIssuers:1:CallerKinds:0"] = "Clinician";
        return settings;
    }

    public string TokenUrl(int gateway = 0) => new Uri(_gateways[gateway].HttpAddress, "/oauth2/token").ToString();

    public EchoService.EchoServiceClient Client(int gateway = 0) => new(_gateways[gateway].Channel);

    /// <summary>Asks a gateway's token endpoint for a partner's access token; fails the test if refused.</summary>
    public async Task<string> PartnerTokenAsync(string clientId, int gateway = 0, string? scope = null)
    {
        using var response = await TokenClient.RequestAsync(_gateways[gateway].HttpAddress, ClientAssertion.For(clientId, TokenUrl(gateway)), scope);
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(body);
        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>The audit rows for a caller (or all when null), oldest first, once the writer has caught up.</summary>
    public async Task<List<AuditRow>> AuditAsync(Func<AuditRow, bool> until, string? callerId = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var rows = await ReadAuditAsync(callerId);
            if (rows.Any(until) || DateTime.UtcNow > deadline) return rows;
            await Task.Delay(50);
        }
    }

    private async Task<List<AuditRow>> ReadAuditAsync(string? callerId)
    {
        await using var connection = new NpgsqlConnection(AuditDatabase);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT caller_kind, caller_id, organisation_code, method, transport, outcome, status_code, duration_ms, patient_reference, instance " +
            "FROM gateway_audit WHERE @caller::text IS NULL OR caller_id = @caller ORDER BY id", connection);
        command.Parameters.AddWithValue("caller", (object?)callerId ?? DBNull.Value);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<AuditRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new AuditRow(
                reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetInt32(6), reader.GetDouble(7),
                reader.IsDBNull(8) ? null : reader.GetString(8), reader.GetString(9)));
        }
        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var gateway in _gateways) await gateway.DisposeAsync();
        await Service.DisposeAsync();
    }
}

public sealed record AuditRow(
    string? CallerKind, string? CallerId, string? OrganisationCode, string Method, string Transport, string Outcome, int StatusCode, double DurationMs, string? PatientReference, string Instance);

/// <summary>One testbed per test class (gateway start-up is the slow part); tests keep apart by partner and jti.</summary>
public abstract class TestbedFixture(TestServers servers, int replicas) : IAsyncLifetime
{
    public GatewayTestbed Bed { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Bed = await GatewayTestbed.StartAsync(servers, GetType().Name, replicas);

    public ValueTask DisposeAsync() => Bed.DisposeAsync();
}

public sealed class OneGateway(TestServers servers) : TestbedFixture(servers, replicas: 1);

public sealed class TwoGateways(TestServers servers) : TestbedFixture(servers, replicas: 2);
