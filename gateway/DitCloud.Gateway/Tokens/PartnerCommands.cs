using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DitCloud.Gateway.Tokens;

/// <summary>
/// Local credentials for partner systems, run as the gateway executable with a command:
/// <c>register-partner --dir DIR --client-id ID --ods ODS --scopes "referral.submit referral.read" [--key-out FILE]</c>
/// makes an RSA key pair, registers the public half (DIR/ID.json, read by a running gateway within
/// seconds) and writes the private half to FILE (or prints it);
/// <c>client-assertion --client-id ID --key FILE --token-url URL</c> prints a signed client assertion
/// for one token request.
/// </summary>
public static class PartnerCommands
{
    public static bool TryRun(string[] args, out int exitCode)
    {
        exitCode = 0;
        if (args is not ["register-partner" or "client-assertion", ..]) return false;
        var options = ParseOptions(args[1..]);
        try
        {
            exitCode = args[0] == "register-partner" ? Register(options) : Assert(options);
        }
        catch (Exception e) when (e is IOException or CryptographicException or ArgumentException)
        {
            Console.Error.WriteLine($"{args[0]}: {e.Message}");
            exitCode = 2;
        }
        return true;
    }

    private static int Register(OptionValues options)
    {
        using var rsa = RSA.Create(4096);
        var key = new RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: false));
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(key);
        jwk.Kid = Base64UrlEncoder.Encode(jwk.ComputeJwkThumbprint());
        var registration = new PartnerOptions
        {
            ClientId = options["client-id"],
            OdsCode = options["ods"],
            Scopes = [.. options["scopes"].Split(' ', StringSplitOptions.RemoveEmptyEntries)],
            Jwks = JsonSerializer.Serialize(new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS512", kid = jwk.Kid, n = jwk.N, e = jwk.E } } }),
        };
        var problems = registration.Problems().ToList();
        if (problems.Count > 0)
        {
            foreach (var (member, problem) in problems) Console.Error.WriteLine($"register-partner: {member} {problem}");
            return 2;
        }

        var directory = Directory.CreateDirectory(options["dir"]).FullName;
        var registrationFile = Path.Combine(directory, registration.ClientId + ".json");
        File.WriteAllText(registrationFile, JsonSerializer.Serialize(registration, new JsonSerializerOptions { WriteIndented = true }));
        var privateKey = rsa.ExportPkcs8PrivateKeyPem();
        if (options.TryGetValue("key-out", out var keyFile))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(keyFile))!);
            File.WriteAllText(keyFile, privateKey);
            File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            Console.WriteLine($"Private key (keep it secret): {Path.GetFullPath(keyFile)}");
        }
        else
        {
            Console.WriteLine(privateKey);
        }
        Console.WriteLine($"Registered partner '{registration.ClientId}' (ODS {registration.OdsCode}, scopes: {string.Join(' ', registration.Scopes)}) in {registrationFile}");
        Console.WriteLine($"Key id (kid): {jwk.Kid}");
        return 0;
    }

    private static int Assert(OptionValues options)
    {
        Console.WriteLine(CreateClientAssertion(options["client-id"], File.ReadAllText(options["key"]), options["token-url"]));
        return 0;
    }

    /// <summary>A client assertion for one token request: RS512, kid (by default the key's RFC 7638 thumbprint, as register-partner names it), valid four minutes.</summary>
    public static string CreateClientAssertion(string clientId, string privateKeyPem, string tokenUrl, string? keyId = null)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(privateKeyPem);
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: false)));
        var key = new RsaSecurityKey(rsa) { KeyId = keyId ?? Base64UrlEncoder.Encode(jwk.ComputeJwkThumbprint()) };
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = tokenUrl,
            IssuedAt = now,
            Expires = now.AddMinutes(4),
            Claims = new Dictionary<string, object> { ["sub"] = clientId, ["jti"] = Guid.NewGuid().ToString() },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha512),
        });
    }

    private static OptionValues ParseOptions(string[] args)
    {
        var options = new OptionValues();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"expected an option (--name value), got '{args[i]}'.");
            options[args[i][2..]] = args[i + 1];
        }
        return options;
    }

    /// <summary>Command options by name; a missing one is reported by its name.</summary>
    private sealed class OptionValues() : Dictionary<string, string>(StringComparer.Ordinal)
    {
        public new string this[string name]
        {
            get => TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required.");
            set => base[name] = value;
        }
    }
}
