using Microsoft.IdentityModel.Tokens;

namespace DitCloud.Gateway.Tokens;

/// <summary>A partner's public keys (JWKS): RSA only, each with a kid, never a private part.</summary>
internal static class PartnerKeys
{
    public static IReadOnlyList<JsonWebKey> Load(string? jwks, string? file)
    {
        var set = new JsonWebKeySet(file is null ? jwks : File.ReadAllText(file));
        return [.. set.Keys];
    }

    public static string? Problem(string? jwks, string? file)
    {
        if (string.IsNullOrWhiteSpace(jwks) == string.IsNullOrWhiteSpace(file))
            return "set exactly one of Jwks (the partner's public JWKS) and JwksFile.";
        IReadOnlyList<JsonWebKey> keys;
        try
        {
            keys = Load(jwks, file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"the file '{file}' cannot be read ({e.GetType().Name}).";
        }
        catch (ArgumentException)
        {
            return "is not a JSON Web Key Set ({\"keys\":[{\"kty\":\"RSA\",\"kid\":...,\"n\":...,\"e\":...}]}).";
        }
        if (keys.Count == 0) return "holds no keys.";
        if (keys.Any(k => k.Kty != "RSA" || string.IsNullOrEmpty(k.N) || string.IsNullOrEmpty(k.E))) return "holds a key that is not an RSA public key.";
        if (keys.Any(k => string.IsNullOrEmpty(k.Kid))) return "holds a key without a kid.";
        if (keys.Any(k => !string.IsNullOrEmpty(k.D))) return "includes a private key part (d); register public keys only.";
        return null;
    }
}
