using System.Buffers.Binary;
using System.Buffers.Text;
using DitCloud.Referral.Api.Data;

namespace DitCloud.Referral.Api.Referrals;

/// <summary>
/// The opaque cursor of a WatchReferrals change: its feed position and when it happened (to refuse
/// resuming from beyond the retained window without a lookup). A forged cursor gains nothing: what a
/// stream sends is still filtered by the caller's ownership.
/// </summary>
public static class WatchCursor
{
    private const byte FormatVersion = 1;
    private const int Length = 1 + 8 + 8 + 8;

    public static string Write(FeedPosition position, DateTimeOffset changedAt)
    {
        Span<byte> bytes = stackalloc byte[Length];
        bytes[0] = FormatVersion;
        BinaryPrimitives.WriteInt64BigEndian(bytes[1..], position.TransactionId);
        BinaryPrimitives.WriteInt64BigEndian(bytes[9..], position.EntryId);
        BinaryPrimitives.WriteInt64BigEndian(bytes[17..], changedAt.UtcTicks);
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryRead(string text, out FeedPosition position, out DateTimeOffset changedAt)
    {
        position = default;
        changedAt = default;
        Span<byte> bytes = stackalloc byte[Length];
        // IsValid first: decoding text that is not base64url throws rather than answering false.
        if (!Base64Url.IsValid(text, out var length) || length != Length || Base64Url.DecodeFromChars(text, bytes) != Length || bytes[0] != FormatVersion)
        {
            return false;
        }
        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes[17..]);
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }
        position = new FeedPosition(BinaryPrimitives.ReadInt64BigEndian(bytes[1..]), BinaryPrimitives.ReadInt64BigEndian(bytes[9..]));
        changedAt = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }
}
