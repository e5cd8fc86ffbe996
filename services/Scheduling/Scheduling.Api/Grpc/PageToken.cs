using System.Buffers.Text;
using System.Text;
using DitCloud.Domain;

namespace DitCloud.Scheduling.Api.Grpc;

/// <summary>
/// Keyset page tokens: the sort key and id of the last item sent, so the next page starts after it
/// whatever was added meanwhile. Opaque to callers (base64url), checked on the way back in.
/// </summary>
internal static class PageToken
{
    public static string Create(string sortKey, Guid lastId) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{lastId:N}|{sortKey}"));

    public static (string SortKey, Guid LastId)? Read(string token)
    {
        if (token.Length == 0) return null;
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            var separator = text.IndexOf('|');
            if (separator == 32 && Guid.TryParseExact(text[..separator], "N", out var id)) return (text[(separator + 1)..], id);
        }
        catch (FormatException)
        {
        }

        throw DomainException.Invalid("page_token", "is not a token this service issued; pass next_page_token back unchanged, or empty for the first page");
    }
}
