using System.Buffers.Binary;
using DitCloud.Domain;

namespace DitCloud.Outcomes.Api.Grpc;

/// <summary>
/// Where the next page starts, as an opaque token: base64url of the last item's key (a risk
/// flag's sequence number, a course's id). A token that does not decode is INVALID_ARGUMENT.
/// </summary>
public static class PageTokens
{
    public const int DefaultSize = 25;
    public const int MaxSize = 100;

    public static int Size(int requested) => requested == 0 ? DefaultSize : requested;

    public static string Of(long sequence)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, sequence);
        return Encode(bytes);
    }

    public static string Of(Guid id) => Encode(id.ToByteArray(bigEndian: true));

    public static long? Sequence(string token) =>
        Decode(token, 8) is { } bytes && BinaryPrimitives.ReadInt64BigEndian(bytes) is > 0 and var sequence ? sequence
        : token.Length == 0 ? null : throw Invalid();

    public static Guid? Id(string token) =>
        Decode(token, 16) is { } bytes ? new Guid(bytes, bigEndian: true)
        : token.Length == 0 ? null : throw Invalid();

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? Decode(string token, int length)
    {
        if (token.Length == 0) return null;
        var padded = token.Replace('-', '+').Replace('_', '/') + new string('=', (4 - token.Length % 4) % 4);
        var bytes = new byte[length];
        return Convert.TryFromBase64String(padded, bytes, out var written) && written == length ? bytes : throw Invalid();
    }

    private static DomainException Invalid() => DomainException.Invalid("page_token",
        "page_token is not one this service issued; pass next_page_token unchanged, or leave it empty for the first page");
}
