using Microsoft.EntityFrameworkCore.Migrations;

namespace DitCloud.Persistence;

/// <summary>
/// Makes a table append-only in the database itself, so no code path (ours, a migration, a person
/// with psql and the service's credentials) can rewrite history: UPDATE, DELETE and TRUNCATE raise.
/// </summary>
public static class AppendOnlyMigrations
{
    private const string Function = "dit_refuse_change_to_append_only_table";

    public static void MakeAppendOnly(this MigrationBuilder migrationBuilder, string table)
    {
        migrationBuilder.Sql($"""
            CREATE OR REPLACE FUNCTION {Function}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
            END $$;
            CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
              FOR EACH ROW EXECUTE FUNCTION {Function}();
            CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}
              FOR EACH STATEMENT EXECUTE FUNCTION {Function}();
            """);
    }
}
