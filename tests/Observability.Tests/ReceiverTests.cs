using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using DitCloud.Hosting.Telemetry;
using DitCloud.Hosting.Telemetry.Otlp;
using Google.Protobuf;

namespace DitCloud.Observability.Tests;

/// <summary>The OTLP receiver itself: what it accepts over OTLP/HTTP, what it refuses, and how it links spans.</summary>
public sealed class ReceiverTests
{
    [Fact]
    public async Task A_gzip_protobuf_export_is_decoded_into_spans_with_their_resource()
    {
        await using var receiver = await OtlpReceiver.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var request = new ExportTraceServiceRequest
        {
            ResourceSpans =
            {
                new ResourceSpans
                {
                    Resource = new Resource { Attributes = { Attribute("service.name", "hand-made") } },
                    ScopeSpans =
                    {
                        new ScopeSpans
                        {
                            Scope = new InstrumentationScope { Name = "DitCloud.Tests" },
                            Spans =
                            {
                                new Span
                                {
                                    TraceId = ByteString.CopyFrom(Convert.FromHexString("0af7651916cd43dd8448eb211c80319c")),
                                    SpanId = ByteString.CopyFrom(Convert.FromHexString("b7ad6b7169203331")),
                                    Name = "work",
                                    Kind = Span.Types.SpanKind.Internal,
                                    StartTimeUnixNano = 1_700_000_000_000_000_000,
                                    EndTimeUnixNano = 1_700_000_000_012_500_000,
                                    Attributes = { Attribute("dit.step", "one") },
                                    Status = new Status { Code = Status.Types.StatusCode.Error },
                                },
                            },
                        },
                    },
                },
            },
        };
        using var body = new MemoryStream();
        await using (var gzip = new GZipStream(body, CompressionLevel.Fastest, leaveOpen: true)) request.WriteTo(gzip);
        using var content = new ByteArrayContent(body.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        content.Headers.ContentEncoding.Add("gzip");

        using var http = new HttpClient { BaseAddress = receiver.HttpEndpoint };
        using var response = await http.PostAsync("/v1/traces", content, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var span = receiver.Store.Trace("0af7651916cd43dd8448eb211c80319c").ShouldHaveSingleItem();
        span.SpanId.ShouldBe("b7ad6b7169203331");
        span.ParentSpanId.ShouldBeNull();
        span.Duration.ShouldBe(TimeSpan.FromMilliseconds(12.5));
        span.Status.ShouldBe(ReceivedSpanStatus.Error);
        span.Attributes["dit.step"].ShouldBe("one");
        span.Scope.ShouldBe("DitCloud.Tests");
        span.Source.ServiceName.ShouldBe("hand-made");
    }

    [Fact]
    public async Task Json_and_malformed_bodies_are_refused_with_a_reason()
    {
        await using var receiver = await OtlpReceiver.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = receiver.HttpEndpoint };

        using var json = await http.PostAsync("/v1/logs", new StringContent("{}", MediaTypeHeaderValue.Parse("application/json")), TestContext.Current.CancellationToken);
        json.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await json.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("http/protobuf");

        using var garbage = new ByteArrayContent([0xff, 0xff, 0xff]);
        garbage.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        using var malformed = await http.PostAsync("/v1/metrics", garbage, TestContext.Current.CancellationToken);
        malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await malformed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("not an OTLP metrics export request");
    }

    [Fact]
    public void A_span_whose_parent_never_arrived_is_a_root_marked_as_such()
    {
        var now = DateTimeOffset.UtcNow;
        TelemetrySource source = new(new Dictionary<string, object?> { ["service.name"] = "s" });
        ReceivedSpan Span(string id, string? parent, int startMs) =>
            new("t", id, parent, id, ReceivedSpanKind.Internal, now.AddMilliseconds(startMs), TimeSpan.FromMilliseconds(1), ReceivedSpanStatus.Unset, "",
                new Dictionary<string, object?>(), [], "", source);

        var roots = TraceNode.Build([Span("child2", "root", 2), Span("root", null, 0), Span("child1", "root", 1), Span("grandchild", "child1", 3), Span("orphan", "gone", 4)]);

        roots.Select(r => (r.Span.SpanId, r.ParentMissing)).ShouldBe([("root", false), ("orphan", true)]);
        roots[0].DepthFirst().Select(n => (n.Span.SpanId, n.Depth)).ShouldBe([("root", 0), ("child1", 1), ("grandchild", 2), ("child2", 1)]);
    }

    private static KeyValue Attribute(string key, string value) => new() { Key = key, Value = new AnyValue { StringValue = value } };
}
