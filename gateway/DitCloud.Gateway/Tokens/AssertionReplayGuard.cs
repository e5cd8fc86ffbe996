using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace DitCloud.Gateway.Tokens;

/// <summary>
/// Each client assertion's jti is accepted once, by any replica: the first SET NX in Redis wins and
/// the key lives until the assertion expires (after which the assertion is refused for its age anyway).
/// </summary>
public sealed class AssertionReplayGuard(IConnectionMultiplexer redis, IOptions<GatewayOptions> options)
{
    private readonly string _prefix = options.Value.RedisKeyPrefix + "jti:";

    /// <summary>True the first time this client presents this jti; false for a replay. Throws when Redis is unreachable (refuse rather than risk a replay).</summary>
    public Task<bool> FirstUseAsync(string clientId, string jti, TimeSpan keepFor) =>
        redis.GetDatabase().StringSetAsync($"{_prefix}{clientId}:{jti}", "1", keepFor, When.NotExists);
}
