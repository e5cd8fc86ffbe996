using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace DitCloud.GrpcDefaults.Tests;

/// <summary>
/// Hand-made gRPC requests over plain HttpClient, for what a well-behaved client never sends
/// (broken frames, bad flags) and to look at the wire (compression flags, gRPC-web bodies).
/// Test code only: the services themselves use grpc-dotnet's framing.
/// </summary>
public static class RawGrpc
{
    public static byte[] Frame(IMessage message, bool compressedFlag = false) => Frame(message.ToByteArray(), compressedFlag);

    public static byte[] Frame(byte[] payload, bool compressedFlag = false, int? declaredLength = null)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = compressedFlag ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)(declaredLength ?? payload.Length));
        payload.CopyTo(frame, 5);
        return frame;
    }

    /// <summary>POSTs a gRPC body over prior-knowledge HTTP/2 and returns the response with its trailers read.</summary>
    public static async Task<RawResponse> PostAsync(Uri server, string path, byte[] body, IDictionary<string, string>? headers = null, CancellationToken ct = default)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, path))
        {
            Content = new ByteArrayContent(body),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        foreach (var (key, value) in headers ?? new Dictionary<string, string>()) request.Headers.TryAddWithoutValidation(key, value);
        using var response = await http.SendAsync(request, ct);
        var content = await response.Content.ReadAsByteArrayAsync(ct);
        string? Header(string name) =>
            response.TrailingHeaders.TryGetValues(name, out var t) ? t.First()
            : response.Headers.TryGetValues(name, out var h) ? h.First() : null;
        return new RawResponse((int)response.StatusCode, Header("grpc-status"), Header("grpc-message"), Header("grpc-encoding"), content);
    }
}

public sealed record RawResponse(int HttpStatus, string? GrpcStatus, string? GrpcMessage, string? GrpcEncoding, byte[] Body);
