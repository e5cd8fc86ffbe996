using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace DitCloud.Gateway.Tokens;

/// <summary>What the replay guard knows of one client assertion's jti.</summary>
public enum ReplayCheck
{
    FirstUse,
    Replayed,

    /// <summary>Redis did not answer: whether the jti was seen before is unknown.</summary>
    Unavailable,
}

/// <summary>
/// Each client assertion's jti is accepted once, by any replica: the first SET NX in Redis wins and
/// the key lives until the assertion expires (after which the assertion is refused for its age anyway).
/// </summary>
public sealed partial class AssertionReplayGuard(IConnectionMultiplexer redis, IOptions<GatewayOptions> options, ILogger<AssertionReplayGuard> logger)
{
    private readonly string _prefix = options.Value.RedisKeyPrefix + "jti:";

    /// <summary>
    /// Whether this client presents this jti for the first time. Unavailable when Redis does not
    /// answer: the caller must then refuse the token, since without the check a captured assertion
    /// could be replayed.
    /// </summary>
    public async Task<ReplayCheck> CheckAsync(string clientId, string jti, TimeSpan keepFor)
    {
        try
        {
            return await redis.GetDatabase().StringSetAsync($"{_prefix}{clientId}:{jti}", "1", keepFor, When.NotExists)
                ? ReplayCheck.FirstUse
                : ReplayCheck.Replayed;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogUnavailable(logger, clientId, e.GetType().Name);
            return ReplayCheck.Unavailable;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token refused for client {ClientId}: the client assertion replay check is unavailable, Redis does not answer ({Error})")]
    private static partial void LogUnavailable(ILogger logger, string clientId, string error);
}
