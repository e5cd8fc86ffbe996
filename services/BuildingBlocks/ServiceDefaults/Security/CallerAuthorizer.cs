using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace DitCloud.ServiceDefaults.Security;

/// <summary>
/// Before every gRPC call of a service that authenticates callers: a verified caller is required
/// (unless the method or service is [AllowAnonymous], or it is grpc.health / reflection), and it
/// must hold every scope the method's <see cref="RequireScopeAttribute"/>s name.
/// </summary>
internal sealed class CallerAuthorizer
{
    public void Authorize(ServerCallContext context)
    {
        if (context.Method.StartsWith("/grpc.health.", StringComparison.Ordinal) ||
            context.Method.StartsWith("/grpc.reflection.", StringComparison.Ordinal))
        {
            return;
        }
        var metadata = context.GetHttpContext().GetEndpoint()?.Metadata;
        if (metadata?.GetMetadata<IAllowAnonymous>() is not null) return;

        var caller = context.GetCaller();
        foreach (var required in metadata?.GetOrderedMetadata<RequireScopeAttribute>() ?? [])
        {
            if (!caller.HasScope(required.Scope)) throw CallerContextExtensions.MissingScope(required.Scope);
        }
    }
}
