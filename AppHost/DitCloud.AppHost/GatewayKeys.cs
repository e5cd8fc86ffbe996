using System.Security.Cryptography;
using System.Text.Json;
using DitCloud.Hosting.Model;

namespace DitCloud.AppHost;

/// <summary>
/// The local system's token keys, made on the first run and kept in the state directory
/// (state/gateway/*.pem, owner-readable only): the gateway signs partners' access tokens with one
/// and development clinician sign-ins with the other; every project, the gateway included, is
/// given both public halves as its trusted issuers (Auth__TrustedIssuers__*), so each service
/// verifies a token itself. Partner registrations live in state/gateway/partners (README).
/// </summary>
internal static class GatewayKeys
{
    public const string PartnerTokenIssuer = "urn:ditcloud:gateway"; // an identifier, not an address
    public const string DevelopmentSignInIssuer = "urn:ditcloud:development-sign-in";
    public const string Audience = "ditcloud-api";

    /// <summary>Where partners are registered while the system runs (the gateway re-reads it).</summary>
    public static string PartnersDirectory(DistributedApplicationBuilder builder) =>
        Path.Combine(builder.Options.StateDirectory, "gateway", "partners");

    /// <summary>Gives the gateway its keys and every project declared so far its trusted issuers; the gateway reaches every other project.</summary>
    public static void Configure(DistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> gateway)
    {
        var directory = Path.Combine(builder.Options.StateDirectory, "gateway");
        var tokens = LoadOrCreate(Path.Combine(directory, "token-signing.pem"));
        var signIn = LoadOrCreate(Path.Combine(directory, "dev-sign-in.pem"));

        // Inline rather than as a file path: --fresh empties the state directory after this runs.
        gateway
            .WithEnvironment("Gateway__Tokens__Issuer", PartnerTokenIssuer)
            .WithEnvironment("Gateway__Tokens__Audience", Audience)
            .WithEnvironment("Gateway__Tokens__KeyId", tokens.KeyId)
            .WithEnvironment("Gateway__Tokens__SigningKey", tokens.PrivatePem)
            .WithEnvironment("Gateway__PartnersDirectory", PartnersDirectory(builder))
            .WithEnvironment("Gateway__DevelopmentSignIn__Enabled", "true")
            .WithEnvironment("Gateway__DevelopmentSignIn__Issuer", DevelopmentSignInIssuer)
            .WithEnvironment("Gateway__DevelopmentSignIn__Audience", Audience)
            .WithEnvironment("Gateway__DevelopmentSignIn__KeyId", signIn.KeyId)
            .WithEnvironment("Gateway__DevelopmentSignIn__SigningKey", signIn.PrivatePem);

        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            if (project != gateway.Resource) gateway.WithReference(new ResourceReference(builder, project));
            var trusting = new ResourceReference(builder, project);
            Trust(trusting, 0, PartnerTokenIssuer, tokens, "Partner");
            Trust(trusting, 1, DevelopmentSignInIssuer, signIn, "Clinician");
        }
    }

    private static void Trust(IResourceBuilder<ProjectResource> project, int index, string issuer, Key key, string kind)
    {
        var prefix = $"Auth__TrustedIssuers__{index}__";
        project
            .WithEnvironment(prefix + "Issuer", issuer)
            .WithEnvironment(prefix + "Audience", Audience)
            .WithEnvironment(prefix + "Jwks", key.PublicJwks)
            .WithEnvironment(prefix + "CallerKinds__0", kind);
    }

    private sealed record Key(string KeyId, string PrivatePem, string PublicJwks);

    private static Key LoadOrCreate(string path)
    {
        using var rsa = RSA.Create();
        if (File.Exists(path))
        {
            rsa.ImportFromPem(File.ReadAllText(path));
        }
        else
        {
            rsa.KeySize = 3072;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, rsa.ExportPkcs8PrivateKeyPem());
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        var n = Base64Url(parameters.Modulus!);
        var e = Base64Url(parameters.Exponent!);
        // RFC 7638 thumbprint: the kid is the key's own fingerprint, the same every run.
        var kid = Base64Url(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{{\"e\":\"{e}\",\"kty\":\"RSA\",\"n\":\"{n}\"}}")));
        var jwks = JsonSerializer.Serialize(new { keys = new[] { new { kty = "RSA", use = "sig", kid, n, e } } });
        return new Key(kid, rsa.ExportPkcs8PrivateKeyPem(), jwks);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>A resource builder for a project declared elsewhere in Program.cs.</summary>
    private sealed record ResourceReference(DistributedApplicationBuilder ApplicationBuilder, ProjectResource Resource) : IResourceBuilder<ProjectResource>;
}
