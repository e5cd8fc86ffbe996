using System.Net.Http.Json;
using System.Text.Json;
using DitCloud.Gateway.Tokens;
using DitCloud.Hosting.Servers;
using DitCloud.Outcomes.Api;
using DitCloud.Referral.Api;
using DitCloud.Scheduling.Api;
using DitCloud.Scheduling.V1;
using DitCloud.Testing;
using Grpc.Core;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;

namespace DitCloud.Gateway.Journey.Tests;

/// <summary>
/// One test's DitCloud: the real referral, scheduling and outcomes services in-process on their own
/// databases, a RabbitMQ virtual host and a Redis prefix, and the gateway in front of them with the
/// token endpoint, the development sign-in and CORS for one browser origin. Partners get tokens
/// from the token endpoint, clinicians from the sign-in; each service verifies every token again.
/// </summary>
/// <remarks>
/// Scheduling and outcomes share a clinic clock the test moves: a session is booked in the future
/// and its attendance recorded once it has started, so the clock is moved past the session between
/// the two. Tokens are checked against the real time, so they stay valid whatever the clinic clock says.
/// </remarks>
public sealed class JourneySystem : IAsyncDisposable
{
    public const string DevIssuer = "https://sign-in.journey.test";
    private static readonly RsaSecurityKey SignInKey = TestTokens.NewKey("journey-sign-in");
    private static readonly Dictionary<string, RsaSecurityKey> Partners = new()
    {
        ["gp-system-a"] = TestTokens.NewKey("gp-system-a-1"),
        ["gp-system-b"] = TestTokens.NewKey("gp-system-b-1"),
    };

    private readonly HttpClient _http = new();
    private readonly List<ServiceHost> _hosts = [];

    private JourneySystem(string browserOrigin) => BrowserOrigin = browserOrigin;

    /// <summary>The one browser origin the gateway lets in (CORS): a page server must listen there.</summary>
    public string BrowserOrigin { get; }

    public FakeTimeProvider ClinicClock { get; } = new(DateTimeOffset.UtcNow);

    public ServiceHost Gateway { get; private set; } = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<JourneySystem> StartAsync(TestServers servers)
    {
        var system = new JourneySystem($"http://127.0.0.1:{LoopbackPort.Free()}");
        try
        {
            await system.StartServicesAsync(servers);
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
        return system;
    }

    private async Task StartServicesAsync(TestServers servers)
    {
        var auth = AuthSettings();
        var bus = await servers.CreateVirtualHostAsync("journey");
        var (redis, prefix) = await servers.RedisWithPrefixAsync("journey");
        var referral = await StartAsync(s => ReferralApp.Build([], s), new Dictionary<string, string?>(auth)
        {
            ["ConnectionStrings:referraldb"] = await servers.CreateDatabaseAsync("journey_referral"),
            ["ConnectionStrings:bus"] = bus,
            ["Messaging:PollInterval"] = "00:00:00.200",
        });
        // Scheduling makes the course from the referral's ReferralAccepted event; outcomes learns the
        // course, its practitioner and its attended sessions from scheduling's events.
        var scheduling = await StartAsync(s => SchedulingApp.Build([], s, UseClinicClock), new Dictionary<string, string?>(auth)
        {
            ["ConnectionStrings:schedulingdb"] = await servers.CreateDatabaseAsync("journey_scheduling"),
            ["ConnectionStrings:bus"] = bus,
            ["ConnectionStrings:cache"] = redis,
            ["Scheduling:RedisKeyPrefix"] = prefix + "scheduling:",
            ["Messaging:PollInterval"] = "00:00:00.200",
        });
        var outcomes = await StartAsync(s => OutcomesApp.Build([], s, UseClinicClock), new Dictionary<string, string?>(auth)
        {
            ["ConnectionStrings:outcomesdb"] = await servers.CreateDatabaseAsync("journey_outcomes"),
            ["ConnectionStrings:bus"] = bus,
            ["ConnectionStrings:cache"] = redis,
            ["Outcomes:RedisKeyPrefix"] = prefix + "outcomes:",
            ["Messaging:PollInterval"] = "00:00:00.200",
        });
        // An event published before a consumer's queue is bound would never reach it.
        foreach (var host in _hosts)
        {
            await host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        }

        var gateway = new Dictionary<string, string?>(auth)
        {
            ["ConnectionStrings:cache"] = redis,
            ["ConnectionStrings:gatewaydb"] = await servers.CreateDatabaseAsync("journey_gateway"),
            ["Gateway:RedisKeyPrefix"] = prefix + "gateway:",
            ["Gateway:Tokens:Issuer"] = TestTokens.Issuer,
            ["Gateway:Tokens:Audience"] = TestTokens.Audience,
            ["Gateway:Tokens:KeyId"] = TestTokens.SigningKey.KeyId,
            ["Gateway:Tokens:SigningKey"] = TestTokens.SigningKey.Rsa.ExportPkcs8PrivateKeyPem(),
            ["Gateway:CorsOrigins:0"] = BrowserOrigin,
            ["services:referral:grpc:0"] = referral.GrpcAddress.ToString(),
            ["services:scheduling:grpc:0"] = scheduling.GrpcAddress.ToString(),
            ["services:outcomes:grpc:0"] = outcomes.GrpcAddress.ToString(),
            ["Gateway:DevelopmentSignIn:Enabled"] = "true",
            ["Gateway:DevelopmentSignIn:Issuer"] = DevIssuer,
            ["Gateway:DevelopmentSignIn:Audience"] = TestTokens.Audience,
            ["Gateway:DevelopmentSignIn:KeyId"] = SignInKey.KeyId,
            ["Gateway:DevelopmentSignIn:SigningKey"] = SignInKey.Rsa.ExportPkcs8PrivateKeyPem(),
        };
        var index = 0;
        foreach (var (clientId, key) in Partners)
        {
            var partner = $"Gateway:Partners:{index++}:";
            gateway[partner + "ClientId"] = clientId;
            gateway[partner + "OdsCode"] = "A8100" + index;
            gateway[partner + "Scopes:0"] = "referral.submit";
            gateway[partner + "Scopes:1"] = "referral.read";
            gateway[partner + "Scopes:2"] = "scheduling.read";
            gateway[partner + "Scopes:3"] = "outcomes.read";
            gateway[partner + "Jwks"] = TestTokens.PublicJwks(key);
        }
        // The gateway's own appsettings.json (routes and method scopes for the four services) is read from its content root.
        Gateway = await StartAsync(s => GatewayApp.Build(["--environment", "Development", "--contentRoot", GatewayContentRoot()], s), gateway);
    }

    private void UseClinicClock(IServiceCollection services) => services.AddSingleton<TimeProvider>(ClinicClock);

    private async Task<ServiceHost> StartAsync(Func<IEnumerable<KeyValuePair<string, string?>>, WebApplication> build, Dictionary<string, string?> settings)
    {
        var host = await ServiceHost.StartAsync(build, settings);
        _hosts.Add(host);
        return host;
    }

    /// <summary>A partner's access token from the gateway's token endpoint (client credentials with a signed assertion).</summary>
    public async Task<string> PartnerTokenAsync(string clientId)
    {
        var tokenUrl = new Uri(Gateway.HttpAddress, TokenEndpointAddress.Path).ToString();
        var assertion = PartnerCommands.CreateClientAssertion(clientId, Partners[clientId].Rsa.ExportPkcs8PrivateKeyPem(), tokenUrl, Partners[clientId].KeyId);
        using var response = await _http.PostAsync(tokenUrl, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = assertion,
        }), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        response.IsSuccessStatusCode.ShouldBeTrue(body);
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>A clinician's access token from the gateway's development sign-in.</summary>
    public async Task<string> SignInAsync(string userId, string role)
    {
        using var response = await _http.PostAsJsonAsync(new Uri(Gateway.HttpAddress, DevelopmentSignIn.Path), new { user_id = userId, roles = new[] { role } }, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        response.IsSuccessStatusCode.ShouldBeTrue(body);
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>
    /// What the clinic's administrator does before any referral arrives, through the gateway: a
    /// qualified DIT practitioner offering video, free every day 08:00-20:00 London time, so the
    /// course of the next accepted referral is theirs at once and has slots within a day.
    /// </summary>
    public async Task<string> RegisterPractitionerAsync()
    {
        var scheduling = new SchedulingService.SchedulingServiceClient(Gateway.Channel);
        var asAdmin = TestTokens.Headers(await SignInAsync("clinic-admin", "admin"));
        var practitioner = (await scheduling.RegisterPractitionerAsync(new RegisterPractitionerRequest
        {
            DisplayName = "Journey Practitioner",
            RegistrationNumber = $"BPC-{Random.Shared.Next(100_000_000):D9}",
            Role = PractitionerRole.Qualified,
            DeliveryModes = { DeliveryMode.Video },
            MaxCaseload = 10,
            PsychodynamicBackground = true,
            SupervisedPsychodynamicHours = 300,
        }, asAdmin, cancellationToken: Ct)).Practitioner;
        var availability = new SetWeeklyAvailabilityRequest { PractitionerId = practitioner.PractitionerId };
        availability.Windows.AddRange(Enum.GetValues<Weekday>().Where(day => day != Weekday.Unspecified)
            .Select(day => new AvailabilityWindow { Weekday = day, StartTime = "08:00", EndTime = "20:00" }));
        await scheduling.SetWeeklyAvailabilityAsync(availability, asAdmin, cancellationToken: Ct);
        return practitioner.PractitionerId;
    }

    /// <summary>The session has taken place: the clinic's clock moves to just after it began.</summary>
    public void SessionHasStarted(DateTimeOffset start)
    {
        var after = start.AddMinutes(55);
        if (after > ClinicClock.GetUtcNow()) ClinicClock.SetUtcNow(after);
    }

    /// <summary>What becomes true once an event has been consumed: NOT_FOUND or FAILED_PRECONDITION until then.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> call, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.FailedPrecondition)
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"Still {e.StatusCode} after 30 s waiting for {what}: {e.Status.Detail}", e);
                await Task.Delay(200, Ct);
            }
        }
    }

    /// <summary>What the AppHost gives every project: partner tokens from the gateway, clinicians from the sign-in.</summary>
    private static Dictionary<string, string?> AuthSettings() => new()
    {
        ["Auth:TrustedIssuers:0:Issuer"] = TestTokens.Issuer,
        ["Auth:TrustedIssuers:0:Audience"] = TestTokens.Audience,
        ["Auth:TrustedIssuers:0:Jwks"] = TestTokens.Jwks,
        ["Auth:TrustedIssuers:0:CallerKinds:0"] = "Partner",
        ["Auth:TrustedIssuers:1:Issuer"] = DevIssuer,
        ["Auth:TrustedIssuers:1:Audience"] = TestTokens.Audience,
        ["Auth:TrustedIssuers:1:Jwks"] = TestTokens.PublicJwks(SignInKey),
        ["Auth:TrustedIssuers:1:CallerKinds:0"] = "Clinician",
    };

    /// <summary>The repository's root (where DitCloud.sln is).</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DitCloud.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Run the tests from the repository.");
    }

    private static string GatewayContentRoot() => Path.Combine(RepositoryRoot(), "gateway", "DitCloud.Gateway");

    public async ValueTask DisposeAsync()
    {
        // The gateway first (it started last), then the services.
        foreach (var host in Enumerable.Reverse(_hosts)) await host.DisposeAsync();
        _http.Dispose();
    }
}
