using System;
using System.Collections.Generic;
using DitCloud.Persistence;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DitCloud.Referral.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_records",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    actor_kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    action = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    resource_type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    resource_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    patient_reference = table.Column<Guid>(type: "uuid", nullable: true),
                    detail = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    trace_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_records", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inbox_state",
                columns: table => new
                {
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    consumer_id = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox_state", x => new { x.message_id, x.consumer_id });
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    sequence_number = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    message_type = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    body = table.Column<string>(type: "jsonb", nullable: false),
                    partition_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    trace_parent = table.Column<string>(type: "character varying(55)", maxLength: 55, nullable: true),
                    trace_state = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    enqueued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.sequence_number);
                });

            migrationBuilder.CreateTable(
                name: "patient_pseudonyms",
                columns: table => new
                {
                    nhs_number = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    reference = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_patient_pseudonyms", x => x.nhs_number);
                });

            migrationBuilder.CreateTable(
                name: "referrals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    partner_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    partner_referral_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    fingerprint = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    referring_ods_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    ubrn = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    patient_reference = table.Column<Guid>(type: "uuid", nullable: false),
                    submission = table.Column<string>(type: "jsonb", nullable: false),
                    preferred_delivery_mode = table.Column<int>(type: "integer", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    withdrawal_reason = table.Column<int>(type: "integer", nullable: true),
                    discharge_reason = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_referrals", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "referral_history",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    referral_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    change = table.Column<int>(type: "integer", nullable: false),
                    from_status = table.Column<int>(type: "integer", nullable: true),
                    to_status = table.Column<int>(type: "integer", nullable: false),
                    detail = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    transaction_id = table.Column<long>(type: "bigint", nullable: false, defaultValueSql: "(pg_current_xact_id()::text::bigint)")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_referral_history", x => x.id);
                    table.ForeignKey(
                        name: "fk_referral_history_referrals_referral_id",
                        column: x => x.referral_id,
                        principalTable: "referrals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "screening_decisions",
                columns: table => new
                {
                    referral_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    suitable = table.Column<bool>(type: "boolean", nullable: false),
                    reasons = table.Column<List<string>>(type: "text[]", nullable: false),
                    signpost_destination = table.Column<int>(type: "integer", nullable: true),
                    other_destination = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    clinician_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_screening_decisions", x => new { x.referral_id, x.sequence });
                    table.ForeignKey(
                        name: "fk_screening_decisions_referrals_referral_id",
                        column: x => x.referral_id,
                        principalTable: "referrals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_audit_records_patient_reference",
                table: "audit_records",
                column: "patient_reference");

            migrationBuilder.CreateIndex(
                name: "ix_audit_records_resource_type_resource_id",
                table: "audit_records",
                columns: new[] { "resource_type", "resource_id" });

            migrationBuilder.CreateIndex(
                name: "ix_inbox_state_received_at",
                table: "inbox_state",
                column: "received_at");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_message_id",
                table: "outbox_messages",
                column: "message_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_patient_pseudonyms_reference",
                table: "patient_pseudonyms",
                column: "reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_referral_history_referral_id_sequence",
                table: "referral_history",
                columns: new[] { "referral_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_referral_history_transaction_id_id",
                table: "referral_history",
                columns: new[] { "transaction_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_referrals_partner_id_partner_referral_id",
                table: "referrals",
                columns: new[] { "partner_id", "partner_referral_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_referrals_partner_id_received_at_id",
                table: "referrals",
                columns: new[] { "partner_id", "received_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_referrals_patient_reference",
                table: "referrals",
                column: "patient_reference");

            migrationBuilder.CreateIndex(
                name: "ix_referrals_received_at_id",
                table: "referrals",
                columns: new[] { "received_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_referrals_waiting",
                table: "referrals",
                columns: new[] { "received_at", "id" },
                filter: "status IN (1, 2, 3)");

            // Nothing clinical is overwritten or lost: history, decisions, pseudonyms and the audit
            // trail only grow, and a referral row keeps what was received and only moves forward.
            migrationBuilder.MakeAppendOnly("audit_records");
            migrationBuilder.MakeAppendOnly("referral_history");
            migrationBuilder.MakeAppendOnly("screening_decisions");
            migrationBuilder.MakeAppendOnly("patient_pseudonyms");
            migrationBuilder.Sql("""
                CREATE FUNCTION referrals_keep_what_was_received() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF TG_OP <> 'UPDATE' THEN
                    RAISE EXCEPTION 'referrals are never deleted: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
                  END IF;
                  IF (NEW.id, NEW.partner_id, NEW.partner_referral_id, NEW.fingerprint, NEW.referring_ods_code, NEW.ubrn,
                      NEW.patient_reference, NEW.submission, NEW.preferred_delivery_mode, NEW.received_at)
                     IS DISTINCT FROM
                     (OLD.id, OLD.partner_id, OLD.partner_referral_id, OLD.fingerprint, OLD.referring_ods_code, OLD.ubrn,
                      OLD.patient_reference, OLD.submission, OLD.preferred_delivery_mode, OLD.received_at) THEN
                    RAISE EXCEPTION 'what a referral received is never changed' USING ERRCODE = 'insufficient_privilege';
                  END IF;
                  IF NEW.version <= OLD.version THEN
                    RAISE EXCEPTION 'a referral only moves forward: version % after %', NEW.version, OLD.version USING ERRCODE = 'insufficient_privilege';
                  END IF;
                  RETURN NEW;
                END $$;
                CREATE TRIGGER referrals_keep_what_was_received BEFORE UPDATE OR DELETE ON referrals
                  FOR EACH ROW EXECUTE FUNCTION referrals_keep_what_was_received();
                CREATE TRIGGER referrals_no_truncate BEFORE TRUNCATE ON referrals
                  FOR EACH STATEMENT EXECUTE FUNCTION referrals_keep_what_was_received();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER referrals_keep_what_was_received ON referrals; DROP TRIGGER referrals_no_truncate ON referrals; DROP FUNCTION referrals_keep_what_was_received();");

            migrationBuilder.DropTable(
                name: "audit_records");

            migrationBuilder.DropTable(
                name: "inbox_state");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "patient_pseudonyms");

            migrationBuilder.DropTable(
                name: "referral_history");

            migrationBuilder.DropTable(
                name: "screening_decisions");

            migrationBuilder.DropTable(
                name: "referrals");
        }
    }
}
