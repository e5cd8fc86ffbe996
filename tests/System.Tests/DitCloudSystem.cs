using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using DitCloud.Gateway.Tokens;
using DitCloud.Testing;
using DitCloud.Testing.Otlp;
using Grpc.Core;
using Grpc.Net.Client;

[assembly: AssemblyFixture(typeof(DitCloud.SystemTests.DitCloudSystem))]
// One system shared by every test; a test that kills replicas or exhausts a rate limit must not
// overlap another's journey, and two busy cores run one journey at a time well enough.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace DitCloud.SystemTests;

/// <summary>A partner system registered with the gateway's register-partner command, and its private key.</summary>
public sealed record PartnerSystem(string ClientId, string OdsCode, string PrivateKeyPem);

/// <summary>
/// The whole of DitCloud, started once for the test assembly exactly as a user starts it: the
/// AppHost program with <c>--replicas 2</c> (two processes of every project) on a state directory of
/// its own, exporting every replica's traces, logs and metrics to <see cref="Telemetry"/>. Tests
/// reach it only as partners and clinicians do, through either gateway replica.
/// </summary>
public sealed class DitCloudSystem : IAsyncLifetime
{
    public const int Replicas = 2;
    public static readonly string[] Projects = ["referral", "formulation", "scheduling", "outcomes", "gateway"];

    /// <summary>Allowed a few calls in a burst and then one every ten seconds, shared by the gateway replicas.</summary>
    public const int LimitedBurst = 5;
    public const double LimitedPerSecond = 0.1;

    private const string PartnerScopes = "referral.submit referral.read scheduling.read outcomes.read";
    private readonly TempState _state = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly List<GrpcChannel> _channels = [];
    private AppHostProcess? _appHost;

    public OtlpCollector Telemetry { get; private set; } = null!;

    public AppHostProcess AppHost => _appHost!;

    /// <summary>The gateway replicas' addresses, gateway-0 first.</summary>
    public IReadOnlyList<InstanceEndpoints> Gateways { get; private set; } = [];

    public PartnerSystem PartnerA { get; private set; } = null!;

    public PartnerSystem PartnerB { get; private set; } = null!;

    /// <summary>A partner with a low rate limit (<see cref="LimitedBurst"/>, <see cref="LimitedPerSecond"/>).</summary>
    public PartnerSystem LimitedPartner { get; private set; } = null!;

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public async ValueTask InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        Telemetry = await OtlpCollector.StartAsync();
        // Inherited by every project the AppHost starts (it then starts no trace viewer of its own).
        var environment = new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Telemetry.HttpEndpoint.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "500",
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "500",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "5000",
        };
        var log = Path.Combine(AppContext.BaseDirectory, "apphost.log");
        Progress($"starting the AppHost with --replicas {Replicas} on {_state.Path} (its output: {log})");
        _appHost = AppHostProcess.Start(RepositoryRoot, log, environment, "--state-dir", _state.Path, "--replicas", Replicas.ToString());

        // Partners are registered while the system starts: the gateway re-reads the directory.
        var partners = Path.Combine(_state.Path, "gateway", "partners");
        var registered = await Task.WhenAll(
            RegisterPartnerAsync(partners, "gp-system-a", "A81001"),
            RegisterPartnerAsync(partners, "gp-system-b", "B82002"),
            RegisterPartnerAsync(partners, "gp-system-limited", "C83003", LimitedPerSecond, LimitedBurst));
        (PartnerA, PartnerB, LimitedPartner) = (registered[0], registered[1], registered[2]);

        // Ten projects and three servers on two shared cores: minutes, not seconds.
        await _appHost.WaitUntilReadyAsync(TimeSpan.FromMinutes(10), line => Progress($"{clock.Elapsed.TotalSeconds:0} s: {line}"), CancellationToken.None);
        Progress($"DitCloud is ready after {clock.Elapsed.TotalSeconds:0} s with instances {string.Join(", ", _appHost.Instances.Keys.Order())}");
        Gateways = [.. Enumerable.Range(0, Replicas).Select(i => _appHost.Instances[$"gateway-{i}"])];
        foreach (var gateway in Gateways) _channels.Add(GrpcChannel.ForAddress(gateway.Grpc));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels) channel.Dispose();
        _http.Dispose();
        try
        {
            if (_appHost is not null)
            {
                var exitCode = await _appHost.StopAsync(TimeSpan.FromSeconds(120));
                var left = _appHost.LeftRunning();
                await _appHost.DisposeAsync();
                exitCode.ShouldBe(0, "the AppHost stops everything on SIGTERM and exits 0");
                left.ShouldBeEmpty("every process the AppHost ran has stopped with it");
            }
        }
        finally
        {
            _state.Dispose();
            if (Telemetry is not null) await Telemetry.DisposeAsync();
        }
    }

    /// <summary>The gateway replica for the <paramref name="call"/>th call: calls alternate between them.</summary>
    public GrpcChannel Gateway(int call) => _channels[call % _channels.Count];

    /// <summary>Call headers with a partner's access token from the token endpoint of one gateway replica.</summary>
    public async Task<Metadata> PartnerTokenAsync(PartnerSystem partner, int gateway = 0)
    {
        var tokenUrl = new Uri(Gateways[gateway % Replicas].Http, TokenEndpointAddress.Path).ToString();
        // A registration is picked up within seconds of being written: until then the client is unknown.
        for (var attempt = 1; ; attempt++)
        {
            var assertion = PartnerCommands.CreateClientAssertion(partner.ClientId, partner.PrivateKeyPem, tokenUrl);
            using var response = await _http.PostAsync(tokenUrl, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                ["client_assertion"] = assertion,
            }));
            var body = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode) return Bearer(JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!);
            if (attempt >= 20) throw new InvalidOperationException($"No token for {partner.ClientId} from {tokenUrl}: {(int)response.StatusCode} {body}");
            await Task.Delay(500);
        }
    }

    /// <summary>Call headers with a clinician's token from the gateway's development sign-in.</summary>
    public async Task<Metadata> ClinicianTokenAsync(string userId, params string[] roles)
    {
        using var response = await _http.PostAsJsonAsync(new Uri(Gateways[0].Http, DevelopmentSignIn.Path), new { user_id = userId, roles });
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(body);
        return Bearer(JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!);
    }

    public static void Progress(string message) =>
        TestContext.Current.SendDiagnosticMessage($"[system] {message}");

    private static Metadata Bearer(string token) => new() { { "authorization", "Bearer " + token } };

    /// <summary>Runs the gateway's own register-partner command, as the README tells a developer to.</summary>
    private async Task<PartnerSystem> RegisterPartnerAsync(string directory, string clientId, string ods, double? perSecond = null, int? burst = null)
    {
        var keyFile = Path.Combine(_state.Path, "partner-keys", clientId + ".pem");
        var gateway = Path.Combine(RepositoryRoot, "gateway", "DitCloud.Gateway", "bin", "Debug", "net10.0", "DitCloud.Gateway.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { gateway, "register-partner", "--dir", directory, "--client-id", clientId, "--ods", ods, "--scopes", PartnerScopes, "--key-out", keyFile })
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, $"register-partner {clientId}: {await output}{await errors}");

        if (perSecond is not null)
        {
            // The command registers the default rate; a registration file may set its own.
            var file = Path.Combine(directory, clientId + ".json");
            var registration = JsonNode.Parse(await File.ReadAllTextAsync(file))!.AsObject();
            registration["RequestsPerSecond"] = perSecond;
            registration["Burst"] = burst;
            await File.WriteAllTextAsync(file, registration.ToJsonString());
        }
        return new PartnerSystem(clientId, ods, await File.ReadAllTextAsync(keyFile));
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DitCloud.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Run the tests from the repository: DitCloud.sln was not found above them.");
    }
}
