using System.Diagnostics.Metrics;
using DitCloud.ServiceDefaults.Telemetry;
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
/// <remarks>
/// With Redis unreachable the limiter fails open: calls go on unlimited, counted in
/// <c>dit.gateway.unlimited_calls</c> and logged when the outage starts and ends. The trade-off: a
/// clinician reading a risk flag or a partner booking an appointment matters more than capacity
/// protection for the minutes Redis is away, and every other check still holds (token signature and
/// lifetime, scope, deadline caps, request size limits, the audit). Redis holds rate-limit windows as
/// state that may be lost (docs/deployment.md). Tokens are not affected: the replay check on the token
/// endpoint fails closed (<see cref="Tokens.AssertionReplayGuard"/>), so no new partner token is
/// issued meanwhile and the limit on token requests is never reached unchecked.
/// </remarks>
public sealed partial class RateLimiter
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

    private readonly IConnectionMultiplexer _redis;
    private readonly ILogger<RateLimiter> _logger;
    private readonly string _prefix;
    private readonly Counter<long> _unlimitedCalls;
    private int _unenforced;

    public RateLimiter(IConnectionMultiplexer redis, IOptions<GatewayOptions> options, ILogger<RateLimiter> logger, IMeterFactory meters)
    {
        _redis = redis;
        _logger = logger;
        _prefix = options.Value.RedisKeyPrefix + "rate:";
        _unlimitedCalls = meters.Create(DitMetrics.MeterName("Gateway"))
            .CreateCounter<long>("dit.gateway.unlimited_calls", "{call}", "Calls let through without a rate-limit check because Redis did not answer");
    }

    /// <summary>One call by <paramref name="callerKey"/> at <paramref name="perSecond"/> with <paramref name="burst"/>.</summary>
    public async Task<RateDecision> TryAcquireAsync(string callerKey, double perSecond, int burst)
    {
        RateDecision decision;
        try
        {
            var emission = 1000.0 / perSecond;
            var result = (long)await _redis.GetDatabase().ScriptEvaluateAsync(Gcra, new { key = (RedisKey)(_prefix + callerKey), emission, burst });
            decision = result < 0 ? new(true, TimeSpan.Zero) : new(false, TimeSpan.FromMilliseconds(result));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            _unlimitedCalls.Add(1);
            // Once per outage, not once per call: at full load a line per call would drown the log.
            if (Interlocked.Exchange(ref _unenforced, 1) == 0) LogRedisUnavailable(_logger, e.GetType().Name);
            return new(true, TimeSpan.Zero);
        }
        if (Volatile.Read(ref _unenforced) == 1 && Interlocked.Exchange(ref _unenforced, 0) == 1) LogEnforcedAgain(_logger);
        return decision;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limits not enforced: Redis does not answer ({Error}); calls go on unlimited, counted in dit.gateway.unlimited_calls")]
    private static partial void LogRedisUnavailable(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rate limits enforced again: Redis answers")]
    private static partial void LogEnforcedAgain(ILogger logger);
}
