using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DitCloud.Referral.Api.Data.Migrations
{
    /// <summary>
    /// How many referrals are waiting, kept by the database itself in the transaction that changes a
    /// referral's status, spread over 128 rows so concurrent
    /// submissions rarely wait on the same row (a referral always counts in the shard of its id).
    /// A position is then the total less the waiting referrals received after it (see
    /// <see cref="WaitingListPositions"/>): a just-received referral's position costs one small range
    /// read instead of a count over the whole list. The waiting statuses are those of
    /// WaitingList.WaitingStatuses when this was written (received, screening, accepted); a change to
    /// that set needs a migration that replaces the function and recounts.
    /// </summary>
    [DbContext(typeof(ReferralDbContext))]
    [Migration("20261123170000_WaitingListCounts")]
    public partial class WaitingListCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE waiting_list_counts (
                  shard smallint PRIMARY KEY,
                  waiting bigint NOT NULL
                );
                INSERT INTO waiting_list_counts (shard, waiting)
                SELECT s, 0 FROM generate_series(0, 127) AS s;
                UPDATE waiting_list_counts c SET waiting = n.waiting
                  FROM (SELECT hashtext(id::text) & 127 AS shard, count(*) AS waiting
                          FROM referrals WHERE status IN (1, 2, 3) GROUP BY 1) AS n
                 WHERE c.shard = n.shard;

                CREATE FUNCTION referrals_count_waiting() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                  delta integer := 0;
                BEGIN
                  IF TG_OP <> 'INSERT' AND OLD.status IN (1, 2, 3) THEN delta := delta - 1; END IF;
                  IF TG_OP <> 'DELETE' AND NEW.status IN (1, 2, 3) THEN delta := delta + 1; END IF;
                  IF delta <> 0 THEN
                    UPDATE waiting_list_counts SET waiting = waiting + delta
                     WHERE shard = hashtext(COALESCE(NEW.id, OLD.id)::text) & 127;
                  END IF;
                  RETURN NULL;
                END $$;
                CREATE TRIGGER referrals_count_waiting AFTER INSERT OR UPDATE OF status OR DELETE ON referrals
                  FOR EACH ROW EXECUTE FUNCTION referrals_count_waiting();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER referrals_count_waiting ON referrals;
                DROP FUNCTION referrals_count_waiting();
                DROP TABLE waiting_list_counts;
                """);
        }
    }
}
