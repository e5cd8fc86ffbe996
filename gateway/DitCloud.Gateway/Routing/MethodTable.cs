using Microsoft.Extensions.Options;

namespace DitCloud.Gateway.Routing;

/// <summary>What the gateway knows about one callable method.</summary>
public sealed record GatewayMethod(string Path, string Service, IReadOnlyList<string> AnyOfScopes, bool Streaming);

/// <summary>The methods callers may use through the gateway, by path ("/dit.referral.v1.ReferralService/GetReferral").</summary>
public sealed class MethodTable(IOptions<GatewayOptions> options)
{
    private readonly Dictionary<string, GatewayMethod> _methods = options.Value.Services
        .SelectMany(service => service.Value.Methods.Select(method => new GatewayMethod(
            service.Value.PathPrefix + method.Key,
            service.Key,
            method.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            service.Value.StreamingMethods.Contains(method.Key))))
        .ToDictionary(method => method.Path, StringComparer.Ordinal);

    public GatewayMethod? Find(string path) => _methods.GetValueOrDefault(path);
}
