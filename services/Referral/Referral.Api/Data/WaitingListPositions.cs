using DitCloud.Persistence;
using DitCloud.Referral.Domain;
using Npgsql;

namespace DitCloud.Referral.Api.Data;

/// <summary>
/// Waiting-list positions counted in the database: the domain's order (<see cref="WaitingList"/>:
/// open referrals, oldest received first, then by id) without loading the whole list. A position is
/// the number waiting (kept by a trigger in <c>waiting_list_counts</c>, migration WaitingListCounts)
/// less those received after the referral, read in one statement so both see the same snapshot. The
/// hot path, a referral just received, reads only the few received since; the cost grows with how
/// many were received after the referral asked about.
/// </summary>
public sealed class WaitingListPositions(ServiceDatabase database)
{
    private static readonly string Waiting = string.Join(", ", WaitingList.WaitingStatuses.Order().Select(s => (int)s));

    private static readonly string Sql = $"""
        SELECT r.id,
               (SELECT sum(waiting) FROM waiting_list_counts)::bigint
               - (SELECT count(*) FROM referrals w
                   WHERE w.status IN ({Waiting}) AND (w.received_at, w.id) > (r.received_at, r.id))
          FROM referrals r
         WHERE r.id = ANY($1) AND r.status IN ({Waiting})
        """;

    /// <summary>1-based positions of those of <paramref name="referralIds"/> that are waiting; others are absent.</summary>
    public async Task<IReadOnlyDictionary<Guid, int>> ForAsync(IReadOnlyCollection<Guid> referralIds, CancellationToken cancellationToken)
    {
        var positions = new Dictionary<Guid, int>(referralIds.Count);
        if (referralIds.Count == 0) return positions;
        await using var command = database.DataSource.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter { Value = referralIds.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            positions[reader.GetGuid(0)] = checked((int)reader.GetInt64(1));
        }
        return positions;
    }
}
