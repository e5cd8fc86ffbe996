using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace DitCloud.Referral.Api.Referrals;

/// <summary>
/// The opaque ListReferrals page token: the last referral of the page (receipt time and id, the keyset
/// order) and a hash of the filters and caller it was issued for, so that a token is only honoured with
/// the same filters.
/// </summary>
public static class ListPageToken
{
    private const byte FormatVersion = 1;
    private const int Length = 1 + 8 + 8 + 16;

    public static string Write(string filterKey, DateTimeOffset receivedAt, Guid id)
    {
        Span<byte> bytes = stackalloc byte[Length];
        bytes[0] = FormatVersion;
        FilterHash(filterKey).CopyTo(bytes[1..]);
        BinaryPrimitives.WriteInt64BigEndian(bytes[9..], receivedAt.UtcTicks);
        id.TryWriteBytes(bytes[17..], bigEndian: true, out _);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>The position after which the next page starts; false if the token is malformed or was issued for other filters.</summary>
    public static bool TryRead(string token, string filterKey, out (DateTimeOffset ReceivedAt, Guid Id) after, out string? failure)
    {
        after = default;
        Span<byte> bytes = stackalloc byte[Length];
        // IsValid first: decoding text that is not base64url throws rather than answering false.
        if (!Base64Url.IsValid(token, out var length) || length != Length || Base64Url.DecodeFromChars(token, bytes) != Length || bytes[0] != FormatVersion)
        {
            failure = "page_token is not a token from ListReferrals; pass the next_page_token of the previous page unchanged, or leave it empty for the first page";
            return false;
        }
        if (!bytes[1..9].SequenceEqual(FilterHash(filterKey)))
        {
            failure = "page_token was issued for different filters; use the same filters as the call that returned it, or start again without a token";
            return false;
        }
        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes[9..]);
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            failure = "page_token is not a token from ListReferrals; pass the next_page_token of the previous page unchanged";
            return false;
        }
        after = (new DateTimeOffset(ticks, TimeSpan.Zero), new Guid(bytes[17..Length], bigEndian: true));
        failure = null;
        return true;
    }

    private static byte[] FilterHash(string filterKey) => SHA256.HashData(Encoding.UTF8.GetBytes(filterKey))[..8];
}
