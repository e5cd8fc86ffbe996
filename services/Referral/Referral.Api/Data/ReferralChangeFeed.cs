using DitCloud.Persistence;
using DitCloud.Referral.Domain;
using Npgsql;

namespace DitCloud.Referral.Api.Data;

/// <summary>A place in the change feed: after every change at or before it. Ordered by transaction, then entry.</summary>
public readonly record struct FeedPosition(long TransactionId, long EntryId) : IComparable<FeedPosition>
{
    public int CompareTo(FeedPosition other) => (TransactionId, EntryId).CompareTo((other.TransactionId, other.EntryId));
}

/// <summary>One history entry as the feed gives it.</summary>
public sealed record FeedEntry(FeedPosition Position, Guid ReferralId, string PartnerId, int Sequence, ReferralStatus? From, ReferralStatus To, DateTimeOffset At);

/// <summary>
/// Every change to every referral, in a total order that readers can resume from without gaps: the
/// history table read by (writing transaction id, entry id). Entries are only read once every
/// transaction with a smaller id has finished (below the snapshot's xmin), so a transaction that
/// started earlier but commits later can never land behind a position already handed out. The price
/// is that a long-running write transaction delays the feed until it ends.
/// </summary>
public sealed class ReferralChangeFeed(ServiceDatabase database)
{
    private const string Settled = "pg_snapshot_xmin(pg_current_snapshot())::text::bigint";

    /// <summary>The position of "now": what is read after it is what has not finished yet.</summary>
    public async Task<FeedPosition> HeadAsync(CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand($"SELECT {Settled}");
        var settled = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return new FeedPosition(settled - 1, long.MaxValue);
    }

    /// <summary>Up to <paramref name="limit"/> settled changes after <paramref name="after"/>, in feed order.</summary>
    public async Task<IReadOnlyList<FeedEntry>> ReadAfterAsync(FeedPosition after, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand($"""
            SELECT h.transaction_id, h.id, h.referral_id, r.partner_id, h.sequence, h.from_status, h.to_status, h.at
              FROM referral_history h JOIN referrals r ON r.id = h.referral_id
             WHERE (h.transaction_id, h.id) > ($1, $2) AND h.transaction_id < {Settled}
             ORDER BY h.transaction_id, h.id
             LIMIT $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = after.TransactionId });
        command.Parameters.Add(new NpgsqlParameter { Value = after.EntryId });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var entries = new List<FeedEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new FeedEntry(
                new FeedPosition(reader.GetInt64(0), reader.GetInt64(1)),
                reader.GetGuid(2),
                reader.GetString(3),
                reader.GetInt32(4),
                reader.IsDBNull(5) ? null : (ReferralStatus)reader.GetInt32(5),
                (ReferralStatus)reader.GetInt32(6),
                reader.GetFieldValue<DateTimeOffset>(7)));
        }
        return entries;
    }
}
