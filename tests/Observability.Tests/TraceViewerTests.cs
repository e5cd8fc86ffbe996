using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using DitCloud.Hosting.Model;
using DitCloud.Hosting.Orchestration;
using DitCloud.Hosting.Telemetry;
using DitCloud.Testing;
using DitCloud.Testing.V1;
using Grpc.Net.Client;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DitCloud.Observability.Tests;

/// <summary>The AppHost receives what its projects export and shows a trace as a span tree with durations.</summary>
public sealed partial class TraceViewerTests : IDisposable
{
    private static readonly ActivitySource Partner = new("DitCloud.Tests.ViewerPartner");
    private readonly TempState _state = new();
    private readonly BufferedLog _log = new();

    [Fact]
    public async Task A_call_into_a_project_the_AppHost_runs_is_shown_as_a_tree_across_services()
    {
        var builder = DistributedApplicationBuilder.Create(new AppHostOptions
        {
            StateDirectory = _state.Path,
            RepositoryRoot = AppHostOptions.Parse([]).RepositoryRoot,
            Durable = false,
#if DEBUG
            Configuration = "Debug",
#else
            Configuration = "Release",
#endif
        });
        builder.Log = _log;
        var echo = builder.AddProject("echo", "tests/TestApi/DitCloud.TestApi.csproj");
        await using var viewer = (await builder.StartTraceViewerAsync(TestContext.Current.CancellationToken)).ShouldNotBeNull();
        await using var app = builder.Build();
        await app.StartAsync(TestContext.Current.CancellationToken);
        _log.Lines.ShouldContain($"[telemetry] recent traces at {viewer.HttpEndpoint} (it receives OTLP/HTTP there and OTLP/gRPC at {viewer.GrpcEndpoint})");
        echo.Resource.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"].ShouldBe(viewer.HttpEndpoint.ToString().TrimEnd('/'));

        // A partner system, exporting its own spans to the same receiver, calls the project.
        using var partner = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService("partner"))
            .AddSource(Partner.Name, "Grpc.Net.Client")
            .AddHttpClientInstrumentation()
            .AddOtlpExporter(otlp => (otlp.Endpoint, otlp.Protocol) = (new Uri(viewer.HttpEndpoint, "v1/traces"), OtlpExportProtocol.HttpProtobuf))
            .Build();
        string traceId;
        using (var call = Partner.StartActivity("refer patient", ActivityKind.Client)!)
        {
            traceId = call.TraceId.ToString();
            using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{echo.Resource.GrpcPort}");
            await new EchoService.EchoServiceClient(channel).EchoAsync(new EchoRequest { Payload = new EchoPayload { Message = "hello" } },
                cancellationToken: TestContext.Current.CancellationToken);
        }
        partner.ForceFlush();
        (await viewer.Store.WaitUntilAsync(store => store.Trace(traceId).Any(s => s.Source.ServiceName == "echo"), TimeSpan.FromSeconds(30),
            TestContext.Current.CancellationToken)).ShouldBeTrue("the echo project's server span reached the AppHost");

        using var http = new HttpClient { BaseAddress = viewer.HttpEndpoint };
        var index = await http.GetStringAsync("/", TestContext.Current.CancellationToken);
        index.ShouldContain($"<a href=\"/traces/{traceId}\">partner: refer patient</a>");

        var page = await http.GetStringAsync($"/traces/{traceId}", TestContext.Current.CancellationToken);
        var rows = SpanRow().Matches(page).Select(m => (Depth: int.Parse(m.Groups["depth"].Value), Name: WebUtility.HtmlDecode(m.Groups["name"].Value),
            Service: m.Groups["service"].Value, Duration: m.Groups["duration"].Value)).ToList();
        var tree = string.Join(" | ", rows);
        rows.Count.ShouldBe(4, tree);
        rows[0].ShouldBe((0, "refer patient", "partner", rows[0].Duration), tree);
        // grpc-dotnet's client span; a service defaults' processor in this test process may have renamed it.
        rows[1].ShouldBe((1, rows[1].Name, "partner", rows[1].Duration), tree);
        rows[1].Name.ShouldBeOneOf("Grpc.Net.Client.GrpcOut", "dit.testing.v1.EchoService/Echo");
        rows[2].ShouldBe((2, "POST", "partner", rows[2].Duration), tree);
        rows[3].ShouldBe((3, "POST /dit.testing.v1.EchoService/Echo", "echo", rows[3].Duration), tree);
        rows.ShouldAllBe(r => r.Duration.EndsWith(" ms") || r.Duration.EndsWith(" s"));

        (await http.GetAsync($"/traces/{new string('0', 32)}", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [GeneratedRegex("""<tr class="span[^"]*" data-depth="(?<depth>\d+)"><td[^>]*><details><summary>(?<name>[^<]*)</summary>.*?</td><td>(?<service>[^<]*)</td><td class="num">(?<duration>[^<]*)</td>""")]
    private static partial Regex SpanRow();

    public void Dispose() => _state.Dispose();
}
