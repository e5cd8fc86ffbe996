using DitCloud.ServiceDefaults.Security;
using DitCloud.Testing;
using Grpc.Core;

namespace DitCloud.Referral.Api.Tests;

/// <summary>A caller with a test token, as the service sees callers from the gateway.</summary>
public sealed record TestCaller(string Id, string Token)
{
    /// <summary>A partner system with the scopes partners are registered with.</summary>
    public static TestCaller Partner(string id, params string[] scopes) =>
        new(id, TestTokens.Partner(id, "A81001", scopes.Length > 0 ? scopes : [Scopes.ReferralSubmit, Scopes.ReferralRead]));

    /// <summary>A clinician who screens and decides.</summary>
    public static TestCaller Clinician(string id = "clinician-7f3a", params string[] scopes) =>
        new(id, TestTokens.Clinician(id, [Roles.Clinician], scopes.Length > 0 ? scopes : [Scopes.ReferralRead, Scopes.ReferralManage]));

    public Metadata Metadata() => TestTokens.Headers(Token);
}
