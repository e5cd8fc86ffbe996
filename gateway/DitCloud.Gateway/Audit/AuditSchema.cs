using Npgsql;

namespace DitCloud.Gateway.Audit;

/// <summary>
/// The gateway database's one table, created at start if missing. Append-only: a trigger refuses
/// UPDATE, DELETE and TRUNCATE, whoever asks (retention is a partition drop by an operator, not the gateway).
/// </summary>
internal static class AuditSchema
{
    private const string Ddl = """
        CREATE TABLE IF NOT EXISTS gateway_audit (
          id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          occurred_at       timestamptz NOT NULL,
          instance          text NOT NULL,
          caller_kind       text,
          caller_id         text,
          organisation_code text,
          method            text NOT NULL,
          transport         text NOT NULL,
          outcome           text NOT NULL,
          status_code       integer NOT NULL,
          duration_ms       double precision NOT NULL,
          patient_reference text,
          trace_id          text
        );
        CREATE INDEX IF NOT EXISTS gateway_audit_caller ON gateway_audit (caller_id, occurred_at);
        CREATE INDEX IF NOT EXISTS gateway_audit_patient ON gateway_audit (patient_reference, occurred_at) WHERE patient_reference IS NOT NULL;
        CREATE OR REPLACE FUNCTION gateway_audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
        END $$;
        DO $$
        BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'gateway_audit_append_only') THEN
            CREATE TRIGGER gateway_audit_append_only BEFORE UPDATE OR DELETE ON gateway_audit
              FOR EACH ROW EXECUTE FUNCTION gateway_audit_refuse_change();
            CREATE TRIGGER gateway_audit_no_truncate BEFORE TRUNCATE ON gateway_audit
              FOR EACH STATEMENT EXECUTE FUNCTION gateway_audit_refuse_change();
          END IF;
        END $$;
        """;

    public static async Task EnsureAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        // Replicas start together: one at a time creates the schema.
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(7355608)", connection, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var command = new NpgsqlCommand(Ddl, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }
}
