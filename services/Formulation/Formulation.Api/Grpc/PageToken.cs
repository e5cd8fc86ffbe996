using System.Buffers.Text;
using System.Text;

namespace DitCloud.Formulation.Api.Grpc;

/// <summary>The next_page_token of ListSessionNotes: the last session number of the page, opaque to callers.</summary>
internal static class PageToken
{
    private const string Prefix = "after-session:";

    public static string After(int sessionNumber) => Base64Url.EncodeToString(Encoding.ASCII.GetBytes(Prefix + sessionNumber));

    /// <summary>The session number to start after; 0 for an empty token; null when the token is not one of ours.</summary>
    public static int? Read(string token)
    {
        if (token.Length == 0) return 0;
        if (token.Length > 64 || !Base64Url.IsValid(token)) return null;
        var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(token));
        return text.StartsWith(Prefix, StringComparison.Ordinal) && int.TryParse(text.AsSpan(Prefix.Length), out var after) && after >= 1 ? after : null;
    }
}
