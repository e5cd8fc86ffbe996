using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace DitCloud.Gateway.Tokens;

/// <summary>Reads an RSA private key (PEM, PKCS#1 or PKCS#8) given inline or as a file.</summary>
internal static class SigningKeys
{
    public static RsaSecurityKey Load(string? pem, string? file, string keyId)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(file is null ? pem : File.ReadAllText(file));
        return new RsaSecurityKey(rsa) { KeyId = keyId };
    }

    /// <summary>Why the setting cannot be used, or null.</summary>
    public static string? Problem(string? pem, string? file)
    {
        if (string.IsNullOrWhiteSpace(pem) == string.IsNullOrWhiteSpace(file))
            return "set exactly one of the key as PEM text and a file holding it.";
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(file is null ? pem : File.ReadAllText(file));
            if (rsa.KeySize < 2048) return $"is a {rsa.KeySize}-bit RSA key; use 2048 bits or more.";
            _ = rsa.ExportParameters(includePrivateParameters: true);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"the key file '{file}' cannot be read ({e.GetType().Name}).";
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            return "is not an RSA private key in PEM (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----).";
        }
    }
}
