using DitCloud.Persistence;
using DitCloud.Referral.Domain;
using Npgsql;

namespace DitCloud.Referral.Api.Data;

/// <summary>
/// Waiting-list positions counted in the database: the domain's order (<see cref="WaitingList"/>:
/// open referrals, oldest received first, then by id) without loading the whole list. A position is
/// the number waiting (kept by a trigger in <c>waiting_list_counts</c>, migration WaitingListCounts)
/// less those received after the referral, read in one statement so both see the same snapshot. Each
/// referral's receipt time goes in as a value, not a join, so PostgreSQL plans the count with it: for a
/// referral just received that is a read of a few index entries, where a join left the planner
/// guessing and scanning the whole table. The cost grows with how many were received after the
/// referral asked about.
/// </summary>
public sealed class WaitingListPositions(ServiceDatabase database)
{
    private static readonly string Waiting = string.Join(", ", WaitingList.WaitingStatuses.Order().Select(s => (int)s));

    // No row when the referral is not waiting (any more).
    private static readonly string Sql = $"""
        SELECT (SELECT sum(waiting) FROM waiting_list_counts)::bigint
               - (SELECT count(*) FROM referrals w
                   WHERE w.status IN ({Waiting}) AND (w.received_at, w.id) > ($2, $1))
          FROM referrals r
         WHERE r.id = $1 AND r.status IN ({Waiting})
        """;

    /// <summary>1-based positions of those of <paramref name="referrals"/> that are waiting; others are absent.</summary>
    public async Task<IReadOnlyDictionary<Guid, int>> ForAsync(
        IReadOnlyCollection<(Guid Id, DateTimeOffset ReceivedAt)> referrals, CancellationToken cancellationToken)
    {
        var positions = new Dictionary<Guid, int>(referrals.Count);
        if (referrals.Count == 0) return positions;
        await using var batch = database.DataSource.CreateBatch();
        foreach (var (id, receivedAt) in referrals)
        {
            var command = new NpgsqlBatchCommand(Sql);
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = receivedAt });
            batch.BatchCommands.Add(command);
        }
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        foreach (var (id, _) in referrals)
        {
            if (await reader.ReadAsync(cancellationToken)) positions[id] = checked((int)reader.GetInt64(0));
            await reader.NextResultAsync(cancellationToken);
        }
        return positions;
    }
}
