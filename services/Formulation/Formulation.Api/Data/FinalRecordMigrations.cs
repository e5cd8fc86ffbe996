using Microsoft.EntityFrameworkCore.Migrations;

namespace DitCloud.Formulation.Api.Data;

/// <summary>
/// Makes a table's records final in the database itself once a marker column is set (a shared IPAF
/// version, a signed note, an issued letter): from then on no column may change, except the named
/// ones that are recorded once later (an agreement, a countersignature), each from empty to a value
/// and never again. DELETE and TRUNCATE are refused always: nothing clinical is hard-deleted. The
/// refusal names the table, never a value.
/// </summary>
public static class FinalRecordMigrations
{
    private const string Function = "dit_refuse_change_to_final_record";

    /// <param name="finalWhenSet">The column whose value makes a record final.</param>
    /// <param name="recordedOnceAfter">Columns that may still be filled in once after that.</param>
    public static void MakeFinalOnceSet(this MigrationBuilder migrationBuilder, string table, string finalWhenSet, params string[] recordedOnceAfter)
    {
        migrationBuilder.Sql($"""
            CREATE OR REPLACE FUNCTION {Function}() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
              marker text := TG_ARGV[0];
              once text[] := TG_ARGV[1:TG_NARGS - 1];
              old_row jsonb;
              new_row jsonb;
              col text;
            BEGIN
              IF TG_OP <> 'UPDATE' THEN
                RAISE EXCEPTION '% keeps every record: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
              END IF;
              old_row := to_jsonb(OLD);
              new_row := to_jsonb(NEW);
              IF old_row ->> marker IS NULL THEN
                RETURN NEW;
              END IF;
              IF (new_row - once) IS DISTINCT FROM (old_row - once) THEN
                RAISE EXCEPTION '% record is final once % is set: it never changes', TG_TABLE_NAME, marker USING ERRCODE = 'insufficient_privilege';
              END IF;
              FOREACH col IN ARRAY once LOOP
                IF old_row -> col <> 'null'::jsonb AND new_row -> col IS DISTINCT FROM old_row -> col THEN
                  RAISE EXCEPTION '%.% is recorded once and never changes', TG_TABLE_NAME, col USING ERRCODE = 'insufficient_privilege';
                END IF;
              END LOOP;
              RETURN NEW;
            END $$;
            CREATE TRIGGER {table}_final BEFORE UPDATE OR DELETE ON {table}
              FOR EACH ROW EXECUTE FUNCTION {Function}({string.Join(", ", new[] { finalWhenSet }.Concat(recordedOnceAfter).Select(c => $"'{c}'"))});
            CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}
              FOR EACH STATEMENT EXECUTE FUNCTION {Function}('{finalWhenSet}');
            """);
    }
}
