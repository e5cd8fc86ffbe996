using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DitCloud.ServiceDefaults.Security;
using DitCloud.Testing;
using DitCloud.Testing.V1;
using Google.Protobuf;

namespace DitCloud.Gateway.Tests;

/// <summary>Browsers reach the services through the gateway with gRPC-web over HTTP/1.1, from allowed origins only.</summary>
public sealed class BrowserTests(OneGateway fixture) : IClassFixture<OneGateway>
{
    private static readonly HttpClient Http = new();
    private readonly GatewayTestbed _bed = fixture.Bed;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_preflight_from_an_allowed_origin_is_answered_with_what_gRPC_web_needs()
    {
        using var response = await Http.SendAsync(Preflight(GatewayTestbed.AllowedOrigin), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        response.Headers.GetValues("Access-Control-Allow-Origin").Single().ShouldBe(GatewayTestbed.AllowedOrigin);
        response.Headers.GetValues("Access-Control-Allow-Methods").Single().ShouldContain("POST");
        var allowed = string.Join(',', response.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant();
        foreach (var header in new[] { "authorization", "content-type", "x-grpc-web", "grpc-timeout" }) allowed.ShouldContain(header);
        response.Headers.GetValues("Access-Control-Max-Age").Single().ShouldBe("600");
    }

    [Fact]
    public async Task A_preflight_from_another_origin_is_not_allowed()
    {
        using var response = await Http.SendAsync(Preflight("https://evil.example"), Ct);

        response.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }

    [Theory]
    [InlineData("application/grpc-web+proto")]
    [InlineData("application/grpc-web-text")]
    public async Task A_clinician_signed_in_at_the_development_issuer_calls_through_with_gRPC_web(string contentType)
    {
        var token = await SignInAsync("practitioner-42", "clinician");

        using var response = await GrpcWebAsync(contentType, token, new EchoRequest { Payload = new EchoPayload { Message = "from the browser" } });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("Access-Control-Allow-Origin").Single().ShouldBe(GatewayTestbed.AllowedOrigin);
        string.Join(',', response.Headers.GetValues("Access-Control-Expose-Headers")).ShouldContain("grpc-status");
        var body = await response.Content.ReadAsByteArrayAsync(Ct);
        if (contentType.EndsWith("-text", StringComparison.Ordinal)) body = FromBase64Segments(body);
        var length = BinaryPrimitives.ReadInt32BigEndian(body.AsSpan(1));
        var reply = EchoResponse.Parser.ParseFrom(body, 5, length);
        reply.EchoedMetadata["caller-id"].ShouldBe("practitioner-42");
        reply.EchoedMetadata["caller-kind"].ShouldBe("Clinician");
        reply.EchoedMetadata["caller-roles"].ShouldBe("clinician");
        Encoding.ASCII.GetString(body, 5 + length + 5, body.Length - 10 - length).ShouldContain("grpc-status: 0");
    }

    [Fact]
    public async Task A_refusal_reaches_the_browser_as_a_readable_gRPC_status()
    {
        var adminToken = await SignInAsync("admin-1", "admin");

        using var response = await GrpcWebAsync("application/grpc-web+proto", adminToken, new EchoRequest { Payload = new EchoPayload { Message = "x" } });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("grpc-status").Single().ShouldBe("7");
        Uri.UnescapeDataString(response.Headers.GetValues("grpc-message").Single()).ShouldContain("'referral.read'");
        string.Join(',', response.Headers.GetValues("Access-Control-Expose-Headers")).ShouldContain("grpc-message");
    }

    [Fact]
    public async Task Development_sign_in_refuses_unknown_roles()
    {
        using var response = await Http.PostAsJsonAsync(new Uri(_bed.Gateway.HttpAddress, "/dev/sign-in"), new { user_id = "someone", roles = new[] { "superuser" } }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("superuser");
    }

    [Fact]
    public async Task A_clinician_token_does_not_pass_for_a_partner_and_the_issuers_stay_apart()
    {
        // Signed by the development issuer's key but claiming to be a partner: that issuer vouches for clinicians only.
        var forged = TestTokens.Issue(new TestToken
        {
            Subject = "partner-a", OrganisationCode = "RX1", Scopes = [Scopes.ReferralRead], Issuer = GatewayTestbed.DevIssuer, Key = GatewayTestbed.DevSignInKey,
        });

        var error = await Should.ThrowAsync<Grpc.Core.RpcException>(async () =>
            await _bed.Client().EchoAsync(new EchoRequest { Payload = new EchoPayload { Message = "x" } }, TestTokens.Headers(forged), cancellationToken: Ct));

        error.StatusCode.ShouldBe(Grpc.Core.StatusCode.Unauthenticated);
        error.Status.Detail.ShouldContain("not trusted for partner callers");
    }

    private async Task<string> SignInAsync(string userId, string role)
    {
        using var response = await Http.PostAsJsonAsync(new Uri(_bed.Gateway.HttpAddress, "/dev/sign-in"), new { user_id = userId, roles = new[] { role } }, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.IsSuccessStatusCode.ShouldBeTrue(text);
        return JsonDocument.Parse(text).RootElement.GetProperty("access_token").GetString()!;
    }

    private HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, new Uri(_bed.Gateway.HttpAddress, "/dit.testing.v1.EchoService/Echo"));
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,x-grpc-web,grpc-timeout");
        return request;
    }

    private async Task<HttpResponseMessage> GrpcWebAsync(string contentType, string token, IMessage message)
    {
        var payload = message.ToByteArray();
        var frame = new byte[5 + payload.Length];
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1), payload.Length);
        payload.CopyTo(frame, 5);
        var body = contentType.EndsWith("-text", StringComparison.Ordinal) ? Encoding.ASCII.GetBytes(Convert.ToBase64String(frame)) : frame;
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_bed.Gateway.HttpAddress, "/dit.testing.v1.EchoService/Echo"))
        {
            Version = HttpVersion.Version11,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add("x-grpc-web", "1");
        // As grpc-web clients do: the answer comes in the format asked for.
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(contentType));
        request.Headers.Add("Origin", GatewayTestbed.AllowedOrigin);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Http.SendAsync(request, Ct);
    }

    /// <summary>grpc-web-text answers one base64 segment per frame, each padded on its own.</summary>
    private static byte[] FromBase64Segments(byte[] text)
    {
        var s = Encoding.ASCII.GetString(text);
        return [.. Enumerable.Range(0, s.Length / 4).SelectMany(i => Convert.FromBase64String(s.Substring(i * 4, 4)))];
    }
}
