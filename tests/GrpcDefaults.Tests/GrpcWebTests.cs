using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DitCloud.Testing.V1;
using Google.Protobuf;

namespace DitCloud.GrpcDefaults.Tests;

/// <summary>Browsers reach every service with gRPC-web over HTTP/1.1, binary and text.</summary>
public sealed class GrpcWebTests : IAsyncLifetime
{
    private EchoServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await EchoServer.StartAsync();

    [Theory]
    [InlineData("application/grpc-web+proto", false)]
    [InlineData("application/grpc-web", false)]
    [InlineData("application/grpc-web-text", true)]
    public async Task A_unary_call_over_HTTP_1_1_answers_the_message_then_the_trailers(string contentType, bool base64)
    {
        var frame = RawGrpc.Frame(new EchoRequest { Payload = new EchoPayload { Message = "from a browser" } });
        var body = await PostAsync(contentType, base64 ? Encoding.ASCII.GetBytes(Convert.ToBase64String(frame)) : frame);
        if (base64) body = FromBase64Segments(body);

        body[0].ShouldBe((byte)0, "a message frame comes first");
        var length = (body[1] << 24) | (body[2] << 16) | (body[3] << 8) | body[4];
        EchoResponse.Parser.ParseFrom(body, 5, length).Message.ShouldBe("from a browser");
        var trailer = body[(5 + length)..];
        trailer[0].ShouldBe((byte)0x80, "then a trailers frame");
        Encoding.ASCII.GetString(trailer, 5, trailer.Length - 5).ShouldContain("grpc-status: 0");
    }

    [Fact]
    public async Task A_validation_failure_reaches_the_browser_as_status_and_details()
    {
        var frame = RawGrpc.Frame(new EchoRequest { Payload = new EchoPayload { Message = "" } });

        using var response = await SendAsync("application/grpc-web+proto", frame);
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        var text = response.Headers.TryGetValues("grpc-status", out var status)
            ? string.Join("\n", response.Headers.Select(h => $"{h.Key}: {h.Value.First()}"))
            : Encoding.ASCII.GetString(body, 5, body.Length - 5);

        text.ShouldContain("grpc-status: 3");
        text.ShouldContain("grpc-status-details-bin");
    }

    private async Task<byte[]> PostAsync(string contentType, byte[] body)
    {
        using var response = await SendAsync(contentType, body);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
    }

    private async Task<HttpResponseMessage> SendAsync(string contentType, byte[] body)
    {
        using var http = new HttpClient();
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.HttpAddress, "/dit.testing.v1.EchoService/Echo"))
        {
            Version = HttpVersion.Version11,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add("x-grpc-web", "1");
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(contentType));
        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// grpc-web-text answers with one base64 segment per frame, each padded on its own; every segment
    /// is a whole number of 4-character groups, so decoding group by group reads them all.
    /// </summary>
    private static byte[] FromBase64Segments(byte[] text)
    {
        var s = Encoding.ASCII.GetString(text);
        return [.. Enumerable.Range(0, s.Length / 4).SelectMany(i => Convert.FromBase64String(s.Substring(i * 4, 4)))];
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}
