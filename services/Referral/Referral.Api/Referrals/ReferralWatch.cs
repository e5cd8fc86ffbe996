using System.Runtime.CompilerServices;
using DitCloud.Domain;
using DitCloud.Persistence;
using DitCloud.Referral.Api.Data;
using DitCloud.Referral.Api.Messaging;
using DitCloud.Referral.Api.Options;
using DitCloud.Referral.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DitCloud.Referral.Api.Referrals;

/// <summary>A cursor older than the retained window (OUT_OF_RANGE): list again, then watch from now.</summary>
public sealed class CursorExpiredException(TimeSpan retention) : Exception(
    $"after_cursor is older than the {retention.TotalDays:0.##} days of changes a stream can resume from; list the referrals again, then watch without a cursor");

/// <summary>
/// WatchReferrals: the change feed from a cursor (or from now), filtered to what the caller may see and
/// asked for, each change with the referral as that change left it. The stream waits between reads
/// for a wake-up (<see cref="ReferralChangeSignal"/>: this replica's saves and every replica's events)
/// or the poll interval, whichever comes first. Each referral sent is audited as read.
/// </summary>
public sealed class ReferralWatch(
    ReferralDbContext db,
    ReferralChangeFeed feed,
    ReferralChangeSignal changes,
    ReferralViews views,
    IAuditTrail audit,
    ReferralClock clock,
    IOptions<WatchOptions> options)
{
    private readonly WatchOptions settings = options.Value;

    /// <summary>Where a stream starts: after the cursor, or now. Separate from reading so a bad cursor fails before the stream opens.</summary>
    public async Task<FeedPosition> StartAsync(string? afterCursor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(afterCursor)) return await feed.HeadAsync(cancellationToken);
        if (!WatchCursor.TryRead(afterCursor, out var position, out var changedAt))
        {
            throw DomainException.Invalid("after_cursor",
                "after_cursor is not a cursor from WatchReferrals; pass the cursor of the last change received unchanged, or leave it empty to start from now");
        }
        if (clock.Now() - changedAt > settings.Retention) throw new CursorExpiredException(settings.Retention);
        return position;
    }

    public async IAsyncEnumerable<ReferralChangeView> WatchAsync(
        ReferralCaller caller, IReadOnlyCollection<ReferralStatus> statuses, FeedPosition start,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var position = start;
        while (true)
        {
            var wake = changes.NextChange;
            var entries = await feed.ReadAfterAsync(position, settings.BatchSize, cancellationToken);
            if (entries.Count > 0)
            {
                position = entries[^1].Position;
                var wanted = entries.Where(e => caller.MaySee(e.PartnerId) && (statuses.Count == 0 || statuses.Contains(e.To))).ToList();
                foreach (var change in await ViewsAsync(caller, wanted, cancellationToken))
                {
                    yield return change;
                }
                if (entries.Count == settings.BatchSize) continue; // more are waiting
            }
            await Task.WhenAny(wake, Task.Delay(settings.PollInterval, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private async Task<IReadOnlyList<ReferralChangeView>> ViewsAsync(ReferralCaller caller, List<FeedEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0) return [];
        var ids = entries.Select(e => e.ReferralId).Distinct().ToList();
        var rows = await db.Referrals.AsNoTracking().Complete().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        var asChanged = entries.Select(e =>
        {
            var row = rows[e.ReferralId];
            return (row, PatientReferral.Restore(ReferralRows.Snapshot(row).AsOf(e.Sequence)));
        }).ToList();
        foreach (var (row, _) in asChanged)
        {
            audit.Record(caller.Actor, AuditAction.Read, AuditResource.Referral, row.Id.ToString(), row.PatientReference, "WatchReferrals");
        }
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();

        var referralViews = await views.OfAsync(asChanged, cancellationToken);
        return [.. entries.Select((e, i) => new ReferralChangeView(referralViews[i], e.From, e.At, WatchCursor.Write(e.Position, e.At)))];
    }
}
