namespace DitCloud.ServiceDefaults.Security;

/// <summary>
/// On a gRPC service method (or the whole service class): the verified caller must hold this scope,
/// or the call fails with PERMISSION_DENIED naming it. Several attributes require all their scopes.
/// Checked before the method runs, by the gRPC defaults' interceptor.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = true)]
public sealed class RequireScopeAttribute(string scope) : Attribute
{
    public string Scope { get; } = scope;
}
