using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace DitCloud.Gateway.Limits;

/// <summary>The answer to "may this caller make one more call now?"; when not, how long to wait.</summary>
public readonly record struct RateDecision(bool Allowed, TimeSpan RetryAfter);

/// <summary>
/// Per-caller rate limits that every gateway replica shares: a generic cell rate algorithm (GCRA)
/// run as one Redis script, so replicas agree without coordinating and Redis's clock is the only
/// clock. A caller may make <c>burst</c> calls at once, then one every 1/<c>rate</c> seconds.
/// </summary>
public sealed partial class RateLimiter(IConnectionMultiplexer redis, IOptions<GatewayOptions> options, ILogger<RateLimiter> logger)
{
    // KEYS[1] holds the theoretical arrival time (TAT) in ms. ARGV: emission interval ms, burst.
    // Allowed while the backlog (TAT - now) is within (burst - 1) emission intervals.
    private static readonly LuaScript Gcra = LuaScript.Prepare("""
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local emission = tonumber(@emission)
        local tolerance = emission * (tonumber(@burst) - 1)
        local tat = tonumber(redis.call('GET', @key) or now)
        if tat < now then tat = now end
        if tat - now > tolerance then
          return math.ceil(tat - now - tolerance)
        end
        local next_tat = tat + emission
        redis.call('SET', @key, tostring(next_tat), 'PX', math.ceil(next_tat - now) + 1)
        return -1
        """);

    private readonly string _prefix = options.Value.RedisKeyPrefix + "rate:";

    /// <summary>One call by <paramref name="callerKey"/> at <paramref name="perSecond"/> with <paramref name="burst"/>.</summary>
    public async Task<RateDecision> TryAcquireAsync(string callerKey, double perSecond, int burst)
    {
        try
        {
            var emission = 1000.0 / perSecond;
            var result = (long)await redis.GetDatabase().ScriptEvaluateAsync(Gcra, new { key = (RedisKey)(_prefix + callerKey), emission, burst });
            return result < 0 ? new(true, TimeSpan.Zero) : new(false, TimeSpan.FromMilliseconds(result));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // Rate limits protect capacity, not data: with Redis unreachable calls go on (and say so),
            // where the replay guard on tokens refuses instead.
            LogRedisUnavailable(logger, e.GetType().Name);
            return new(true, TimeSpan.Zero);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limits not enforced: Redis is unreachable ({Error})")]
    private static partial void LogRedisUnavailable(ILogger logger, string error);
}
