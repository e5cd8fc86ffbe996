using DitCloud.Domain;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace DitCloud.Scheduling.Api.Booking;

/// <summary>
/// Short Redis holds on a practitioner's and a patient's slot while a booking is confirmed, so
/// concurrent requests for one slot (through any replica) are turned away at once instead of
/// racing to the database. A hold is SET NX PX with a random token, released only by its owner,
/// and expires by itself if the holder dies. The database's exclusion constraints stay the final
/// guard: if Redis is unreachable the booking goes ahead on that guard alone.
/// </summary>
public sealed partial class SlotHolds(IConnectionMultiplexer redis, IOptions<SchedulingOptions> options, ILogger<SlotHolds> logger)
{
    private readonly string prefix = options.Value.RedisKeyPrefix + "hold:";
    private readonly TimeSpan expiry = options.Value.SlotHold;

    /// <summary>Holds both slots or neither; ABORTED when another request holds one of them.</summary>
    public async Task<IAsyncDisposable> HoldAsync(Guid practitionerId, Guid patientReference, DateTimeOffset start)
    {
        var slot = start.ToUnixTimeMilliseconds();
        var practitionerHold = await TryTakeAsync($"{prefix}practitioner:{practitionerId}:{slot}")
            ?? throw new DomainException(DomainErrorKind.Aborted,
                "another booking for this practitioner at this time is being confirmed right now; find slots again");
        var patientHold = await TryTakeAsync($"{prefix}patient:{patientReference}:{slot}");
        if (patientHold is null)
        {
            await practitionerHold.DisposeAsync();
            throw new DomainException(DomainErrorKind.Aborted,
                "another booking for this patient at this time is being confirmed right now; read the course again");
        }

        return new Holds(practitionerHold, patientHold);
    }

    /// <summary>The hold, or null when someone else has it. Redis being down counts as held by us, with nothing to release.</summary>
    private async Task<IAsyncDisposable?> TryTakeAsync(string key)
    {
        var token = Guid.NewGuid().ToString("N");
        try
        {
            return await redis.GetDatabase().LockTakeAsync(key, token, expiry) ? new Hold(redis, key, token, this) : null;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            LogHoldUnavailable(exception.GetType().Name);
            return NoHold.Instance;
        }
    }

    [LoggerMessage(LogLevel.Warning, "Slot hold: Redis unavailable ({Error}); the database constraint alone guards this booking")]
    private partial void LogHoldUnavailable(string error);

    [LoggerMessage(LogLevel.Warning, "Slot hold: release failed ({Error}); the hold expires by itself")]
    private partial void LogReleaseFailed(string error);

    private sealed class Hold(IConnectionMultiplexer redis, string key, string token, SlotHolds owner) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await redis.GetDatabase().LockReleaseAsync(key, token);
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                owner.LogReleaseFailed(exception.GetType().Name);
            }
        }
    }

    private sealed class NoHold : IAsyncDisposable
    {
        public static readonly NoHold Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class Holds(IAsyncDisposable first, IAsyncDisposable second) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await second.DisposeAsync();
            await first.DisposeAsync();
        }
    }
}
