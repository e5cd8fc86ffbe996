using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DitCloud.Gateway.Tokens;

/// <summary>
/// The bearer token handler of the gateway's caller authentication (JwtBearer's TokenHandlers). A
/// caller sends the same access token on every call for its lifetime, and RSA verification of its
/// signature is the dearest part of checking it; so a signature that has verified is remembered,
/// by the SHA-256 of the whole token, until the token's exp and never beyond. A remembered token is
/// still checked in full but for the signature: issuer, audience, lifetime and claims, every call.
/// A changed token, signature or claims, hashes differently and is verified afresh.
/// </summary>
public sealed class RecentlyVerifiedTokens : JsonWebTokenHandler, IDisposable
{
    /// <summary>At most this many tokens remembered; beyond it a new token is verified every call until room is made.</summary>
    public const int Capacity = 10_000;

    private readonly MemoryCache _verified = new(new MemoryCacheOptions { SizeLimit = Capacity });

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        if (_verified.TryGetValue(key, out _))
        {
            var remembered = validationParameters.Clone();
            remembered.SignatureValidator = (verified, _) => new JsonWebToken(verified);
            return await base.ValidateTokenAsync(token, remembered);
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is JsonWebToken { ValidTo: var expires } && expires > DateTime.UtcNow)
        {
            _verified.Set(key, true, new MemoryCacheEntryOptions { AbsoluteExpiration = new DateTimeOffset(expires, TimeSpan.Zero), Size = 1 });
        }
        return result;
    }

    public void Dispose() => _verified.Dispose();
}
