using System.Security.Cryptography;

namespace DitCloud.Hosting.Servers;

/// <summary>Generated passwords kept in a server's state directory, readable only by its owner.</summary>
internal static class Secrets
{
    public static string LoadOrCreate(string path)
    {
        if (File.Exists(path)) return File.ReadAllText(path).Trim();
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        File.WriteAllText(path, secret);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return secret;
    }
}
