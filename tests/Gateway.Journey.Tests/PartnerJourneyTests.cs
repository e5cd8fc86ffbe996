using System.Net.Http.Json;
using System.Text.Json;
using DitCloud.Gateway.Tokens;
using DitCloud.Referral.Api;
using DitCloud.Referral.V1;
using DitCloud.Testing;
using Grpc.Core;
using Microsoft.IdentityModel.Tokens;

[assembly: AssemblyFixture(typeof(TestServers))]

namespace DitCloud.Gateway.Journey.Tests;

/// <summary>
/// Partner systems and a clinician through the gateway to the real referral and scheduling services:
/// a token from the token endpoint, a referral submitted and its status read, another partner kept
/// out of it, a clinician's screening and acceptance, and the course scheduling makes from the
/// accepted referral seen by its partner only. Each service verifies every token again.
/// </summary>
public sealed class PartnerJourneyTests(TestServers servers) : IAsyncLifetime
{
    private const string DevIssuer = "https://sign-in.journey.test";
    private static readonly RsaSecurityKey SignInKey = TestTokens.NewKey("journey-sign-in");
    private static readonly Dictionary<string, RsaSecurityKey> Partners = new()
    {
        ["gp-system-a"] = TestTokens.NewKey("gp-system-a-1"),
        ["gp-system-b"] = TestTokens.NewKey("gp-system-b-1"),
    };

    private readonly HttpClient _http = new();
    private ServiceHost _referral = null!;
    private ServiceHost _scheduling = null!;
    private ServiceHost _gateway = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var auth = AuthSettings();
        var bus = await servers.CreateVirtualHostAsync("journey");
        var (redis, prefix) = await servers.RedisWithPrefixAsync("journey");
        _referral = await ServiceHost.StartAsync(s => ReferralApp.Build([], s), new Dictionary<string, string?>(auth)
        {
            ["ConnectionStrings:referraldb"] = await servers.CreateDatabaseAsync("journey_referral"),
            ["ConnectionStrings:bus"] = bus,
            ["Messaging:PollInterval"] = "00:00:00.200",
        });
        // Scheduling makes the course from the referral's ReferralAccepted event (RabbitMQ).
        _scheduling = await ServiceHost.StartAsync(s => DitCloud.Scheduling.Api.SchedulingApp.Build([], s), new Dictionary<string, string?>(auth)
        {
            ["ConnectionStrings:schedulingdb"] = await servers.CreateDatabaseAsync("journey_scheduling"),
            ["ConnectionStrings:bus"] = bus,
            ["ConnectionStrings:cache"] = redis,
            ["Scheduling:RedisKeyPrefix"] = prefix + "scheduling:",
            ["Messaging:PollInterval"] = "00:00:00.200",
        });
        var gateway = new Dictionary<string, string?>(auth)
        {
            ["ConnectionStrings:cache"] = redis,
            ["ConnectionStrings:gatewaydb"] = await servers.CreateDatabaseAsync("journey_gateway"),
            ["Gateway:RedisKeyPrefix"] = prefix + "gateway:",
            ["Gateway:Tokens:Issuer"] = TestTokens.Issuer,
            ["Gateway:Tokens:Audience"] = TestTokens.Audience,
            ["Gateway:Tokens:KeyId"] = TestTokens.SigningKey.KeyId,
            ["Gateway:Tokens:SigningKey"] = TestTokens.SigningKey.Rsa.ExportPkcs8PrivateKeyPem(),
            ["services:referral:grpc:0"] = _referral.GrpcAddress.ToString(),
            ["services:scheduling:grpc:0"] = _scheduling.GrpcAddress.ToString(),
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
            gateway[partner + "Jwks"] = TestTokens.PublicJwks(key);
        }
        // The gateway's own appsettings.json (routes and method scopes for the four services) is read from its content root.
        _gateway = await ServiceHost.StartAsync(s => GatewayApp.Build(["--environment", "Development", "--contentRoot", GatewayContentRoot()], s), gateway);
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _scheduling.DisposeAsync();
        await _referral.DisposeAsync();
        _http.Dispose();
    }

    [Fact]
    public async Task A_partner_follows_its_referral_to_its_course_and_another_partner_sees_neither()
    {
        var partnerA = new ReferralService.ReferralServiceClient(_gateway.Channel);
        var asA = TestTokens.Headers(await PartnerTokenAsync("gp-system-a"));
        var asB = TestTokens.Headers(await PartnerTokenAsync("gp-system-b"));

        var submitted = (await partnerA.SubmitReferralAsync(Submission(), asA, cancellationToken: Ct)).Referral;
        submitted.PartnerId.ShouldBe("gp-system-a");
        submitted.PatientReference.ShouldNotBeNullOrEmpty();

        var read = (await partnerA.GetReferralAsync(new GetReferralRequest { ReferralId = submitted.ReferralId }, asA, cancellationToken: Ct)).Referral;
        read.Status.ShouldBe(ReferralStatus.Received);

        var hidden = await Should.ThrowAsync<RpcException>(async () =>
            await partnerA.GetReferralAsync(new GetReferralRequest { ReferralId = submitted.ReferralId }, asB, cancellationToken: Ct));
        hidden.StatusCode.ShouldBe(StatusCode.NotFound);

        var forbidden = await Should.ThrowAsync<RpcException>(async () => await partnerA.ScreenReferralAsync(
            new ScreenReferralRequest { ReferralId = submitted.ReferralId, Decision = new ScreeningDecision { Outcome = ScreeningOutcome.Suitable } }, asA, cancellationToken: Ct));
        forbidden.StatusCode.ShouldBe(StatusCode.PermissionDenied);

        var asClinician = TestTokens.Headers(await SignInAsync("practitioner-9", "clinician"));
        var screened = (await partnerA.ScreenReferralAsync(
            new ScreenReferralRequest { ReferralId = submitted.ReferralId, Etag = read.Etag, Decision = new ScreeningDecision { Outcome = ScreeningOutcome.Suitable } },
            asClinician, cancellationToken: Ct)).Referral;
        screened.Status.ShouldNotBe(ReferralStatus.Received);

        (await partnerA.GetReferralAsync(new GetReferralRequest { ReferralId = submitted.ReferralId }, asA, cancellationToken: Ct)).Referral.Status.ShouldBe(screened.Status);

        await partnerA.AcceptReferralAsync(new AcceptReferralRequest { ReferralId = submitted.ReferralId }, asClinician, cancellationToken: Ct);
        var scheduling = new DitCloud.Scheduling.V1.SchedulingService.SchedulingServiceClient(_gateway.Channel);
        var course = await EventuallyAsync(() => scheduling.GetCourseAsync(new DitCloud.Scheduling.V1.GetCourseRequest { ReferralId = submitted.ReferralId }, asA, cancellationToken: Ct).ResponseAsync);
        course.Course.ShouldNotBeNull();

        var othersCourse = await Should.ThrowAsync<RpcException>(async () =>
            await scheduling.GetCourseAsync(new DitCloud.Scheduling.V1.GetCourseRequest { ReferralId = submitted.ReferralId }, asB, cancellationToken: Ct));
        othersCourse.StatusCode.ShouldBeOneOf(StatusCode.NotFound, StatusCode.PermissionDenied);
    }

    /// <summary>The course appears once scheduling has taken the event: NOT_FOUND until then.</summary>
    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return await read();
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, Ct);
            }
        }
    }

    private async Task<string> PartnerTokenAsync(string clientId)
    {
        var tokenUrl = new Uri(_gateway.HttpAddress, TokenEndpointAddress.Path).ToString();
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

    private async Task<string> SignInAsync(string userId, string role)
    {
        using var response = await _http.PostAsJsonAsync(new Uri(_gateway.HttpAddress, DevelopmentSignIn.Path), new { user_id = userId, roles = new[] { role } }, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        response.IsSuccessStatusCode.ShouldBeTrue(body);
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
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

    private static string GatewayContentRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DitCloud.sln"))) return Path.Combine(dir.FullName, "gateway", "DitCloud.Gateway");
        }
        throw new InvalidOperationException("Run the tests from the repository.");
    }

    private static SubmitReferralRequest Submission() => new()
    {
        PartnerReferralId = $"EMIS-{Guid.NewGuid():N}"[..30],
        Ubrn = "0000 1111 2222",
        ReferringOdsCode = "A81001",
        Patient = new Patient
        {
            NhsNumber = "9434765919",
            GivenName = "Test",
            FamilyName = "Patient",
            DateOfBirth = "1988-07-14",
            Postcode = "LS1 4AP",
            Contact = new ContactPreferences { PreferredMethod = ContactMethod.Telephone, Telephone = "07700 900456", MayLeaveMessages = true },
        },
        PresentingProblems = { PresentingProblem.Depression },
        ReasonForReferral = "Low mood since a relationship ended",
        Phq9Total = 16,
        Gad7Total = 9,
        Risk = new RiskInformation { Level = RiskLevel.Low },
        Consent = new Consent { ToTreatment = true, ToContact = true },
        PreferredDeliveryMode = DeliveryMode.Video,
    };
}
