using System;
using DitCloud.Formulation.Api.Data;
using DitCloud.Persistence;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DitCloud.Formulation.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "attended_sessions",
                columns: table => new
                {
                    appointment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    course_id = table.Column<Guid>(type: "uuid", nullable: false),
                    session_number = table.Column<int>(type: "integer", nullable: false),
                    phase = table.Column<int>(type: "integer", nullable: false),
                    practitioner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    session_started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_attended_sessions", x => x.appointment_id);
                });

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
                name: "courses",
                columns: table => new
                {
                    course_id = table.Column<Guid>(type: "uuid", nullable: false),
                    patient_reference = table.Column<Guid>(type: "uuid", nullable: true),
                    planned_sessions = table.Column<int>(type: "integer", nullable: true),
                    initial_phase_last_session = table.Column<int>(type: "integer", nullable: true),
                    middle_phase_last_session = table.Column<int>(type: "integer", nullable: true),
                    practitioner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    supervisor_id = table.Column<Guid>(type: "uuid", nullable: true),
                    assigned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    overdue_raised_at_session = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_courses", x => x.course_id);
                });

            migrationBuilder.CreateTable(
                name: "goodbye_letters",
                columns: table => new
                {
                    course_id = table.Column<Guid>(type: "uuid", nullable: false),
                    formulation_version = table.Column<int>(type: "integer", nullable: false),
                    self_representation = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    other_representation = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    conscious_affect = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    less_conscious_affect = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    defensive_function = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    therapy_relationship = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    progress_made = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    what_to_watch_for = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    managing_setbacks = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    drafted_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    drafted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_edited_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    issued_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    issued_at_session = table.Column<int>(type: "integer", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_goodbye_letters", x => x.course_id);
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
                name: "ipaf_versions",
                columns: table => new
                {
                    course_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    self_representation = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    other_representation = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    conscious_affect = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    less_conscious_affect = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    defensive_function = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    therapy_relationship = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    revision_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    drafted_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    drafted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_edited_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    shared_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    shared_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    agreed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    agreed_at_session = table.Column<int>(type: "integer", nullable: true),
                    agreement_recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    agreement_recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ipaf_versions", x => new { x.course_id, x.number });
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
                name: "relationship_revisions",
                columns: table => new
                {
                    relationship_id = table.Column<Guid>(type: "uuid", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    course_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    who = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    timeframe = table.Column<int>(type: "integer", nullable: false),
                    quality = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    closeness = table.Column<int>(type: "integer", nullable: false),
                    conflict = table.Column<int>(type: "integer", nullable: false),
                    link_to_pattern = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    archived = table.Column<bool>(type: "boolean", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_relationship_revisions", x => new { x.relationship_id, x.revision });
                });

            migrationBuilder.CreateTable(
                name: "session_notes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    course_id = table.Column<Guid>(type: "uuid", nullable: false),
                    appointment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    session_number = table.Column<int>(type: "integer", nullable: false),
                    phase = table.Column<int>(type: "integer", nullable: false),
                    author_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    techniques = table.Column<int[]>(type: "integer[]", nullable: false),
                    focus_work = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    text = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_edited_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    signed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    countersigned_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    countersigned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_session_notes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "session_note_addenda",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    note_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    author_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    written_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_session_note_addenda", x => x.id);
                    table.ForeignKey(
                        name: "fk_session_note_addenda_session_notes_note_id",
                        column: x => x.note_id,
                        principalTable: "session_notes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_attended_sessions_course_id_session_number",
                table: "attended_sessions",
                columns: new[] { "course_id", "session_number" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_records_patient_reference",
                table: "audit_records",
                column: "patient_reference");

            migrationBuilder.CreateIndex(
                name: "ix_audit_records_resource_type_resource_id",
                table: "audit_records",
                columns: new[] { "resource_type", "resource_id" });

            migrationBuilder.CreateIndex(
                name: "ix_courses_practitioner_id",
                table: "courses",
                column: "practitioner_id");

            migrationBuilder.CreateIndex(
                name: "ix_courses_supervisor_id",
                table: "courses",
                column: "supervisor_id");

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
                name: "ix_relationship_revisions_course_id",
                table: "relationship_revisions",
                column: "course_id");

            migrationBuilder.CreateIndex(
                name: "ix_session_note_addenda_note_id_sequence",
                table: "session_note_addenda",
                columns: new[] { "note_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_session_notes_appointment_id",
                table: "session_notes",
                column: "appointment_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_session_notes_course_id_session_number",
                table: "session_notes",
                columns: new[] { "course_id", "session_number" },
                unique: true);

            // What was recorded is never rewritten: the audit trail and the history tables are
            // append-only; shared IPAF versions, signed notes and issued letters are final.
            migrationBuilder.MakeAppendOnly("audit_records");
            migrationBuilder.MakeAppendOnly("relationship_revisions");
            migrationBuilder.MakeAppendOnly("session_note_addenda");
            migrationBuilder.MakeFinalOnceSet("ipaf_versions", "shared_at", "agreed_on", "agreed_at_session", "agreement_recorded_by", "agreement_recorded_at");
            migrationBuilder.MakeFinalOnceSet("session_notes", "signed_at", "countersigned_by", "countersigned_at");
            migrationBuilder.MakeFinalOnceSet("goodbye_letters", "issued_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "attended_sessions");

            migrationBuilder.DropTable(
                name: "audit_records");

            migrationBuilder.DropTable(
                name: "courses");

            migrationBuilder.DropTable(
                name: "goodbye_letters");

            migrationBuilder.DropTable(
                name: "inbox_state");

            migrationBuilder.DropTable(
                name: "ipaf_versions");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "relationship_revisions");

            migrationBuilder.DropTable(
                name: "session_note_addenda");

            migrationBuilder.DropTable(
                name: "session_notes");
        }
    }
}
