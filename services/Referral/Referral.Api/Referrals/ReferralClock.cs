using DitCloud.Referral.Api.Options;
using Microsoft.Extensions.Options;

namespace DitCloud.Referral.Api.Referrals;

/// <summary>The service's time: instants as PostgreSQL stores them, and today's date where the service is.</summary>
public sealed class ReferralClock(TimeProvider time, IOptions<EligibilityOptions> eligibility)
{
    private readonly TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(eligibility.Value.TimeZone);

    /// <summary>
    /// Now, cut to whole microseconds (PostgreSQL's precision), so an instant reads back exactly as it
    /// was written: page tokens, cursors and responses agree with the stored rows.
    /// </summary>
    public DateTimeOffset Now()
    {
        var now = time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }

    /// <summary>The calendar date in the service's time zone (ages and "not in the future" count by it).</summary>
    public DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
}
