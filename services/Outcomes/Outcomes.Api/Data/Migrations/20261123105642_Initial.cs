using System;
using DitCloud.Persistence;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DitCloud.Outcomes.Api.Data.Migrations
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
                name: "courses",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    referral_id = table.Column<Guid>(type: "uuid", nullable: true),
                    patient_reference = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    planned_sessions = table.Column<int>(type: "integer", nullable: true),
                    referral_received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    practitioner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    supervisor_id = table.Column<Guid>(type: "uuid", nullable: true),
                    practitioner_assigned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ended_early = table.Column<bool>(type: "boolean", nullable: false),
                    end_reason = table.Column<int>(type: "integer", nullable: true),
                    sessions_attended_at_end = table.Column<int>(type: "integer", nullable: true),
                    referred_on = table.Column<DateOnly>(type: "date", nullable: true),
                    first_session_on = table.Column<DateOnly>(type: "date", nullable: true),
                    second_session_on = table.Column<DateOnly>(type: "date", nullable: true),
                    ended_on = table.Column<DateOnly>(type: "date", nullable: true),
                    measure_gap_count = table.Column<int>(type: "integer", nullable: false),
                    outcome = table.Column<string>(type: "jsonb", nullable: true),
                    assessed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_courses", x => x.id);
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
                name: "measure_sets",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    course_id = table.Column<Guid>(type: "uuid", nullable: false),
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    occasion = table.Column<int>(type: "integer", nullable: false),
                    session_number = table.Column<int>(type: "integer", nullable: false),
                    phase = table.Column<int>(type: "integer", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false),
                    corrects_id = table.Column<Guid>(type: "uuid", nullable: true),
                    correction_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    measured_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(220)", maxLength: 220, nullable: false),
                    phq9_items = table.Column<int[]>(type: "integer[]", nullable: true),
                    gad7_items = table.Column<int[]>(type: "integer[]", nullable: true),
                    wsas_items = table.Column<int[]>(type: "integer[]", nullable: true),
                    wsas_work_item_not_applicable = table.Column<bool>(type: "boolean", nullable: false),
                    phq9_total = table.Column<int>(type: "integer", nullable: true),
                    phq9_item9 = table.Column<int>(type: "integer", nullable: true),
                    gad7_total = table.Column<int>(type: "integer", nullable: true),
                    wsas_total = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_measure_sets", x => x.id);
                    table.ForeignKey(
                        name: "fk_measure_sets_courses_course_id",
                        column: x => x.course_id,
                        principalTable: "courses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_measure_sets_measure_sets_corrects_id",
                        column: x => x.corrects_id,
                        principalTable: "measure_sets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "session_attendance",
                columns: table => new
                {
                    appointment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    course_id = table.Column<Guid>(type: "uuid", nullable: false),
                    session_number = table.Column<int>(type: "integer", nullable: false),
                    phase = table.Column<int>(type: "integer", nullable: false),
                    practitioner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    supervisor_id = table.Column<Guid>(type: "uuid", nullable: true),
                    code = table.Column<int>(type: "integer", nullable: false),
                    attended = table.Column<bool>(type: "boolean", nullable: false),
                    session_started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reported_on = table.Column<DateOnly>(type: "date", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_session_attendance", x => x.appointment_id);
                    table.ForeignKey(
                        name: "fk_session_attendance_courses_course_id",
                        column: x => x.course_id,
                        principalTable: "courses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "risk_flags",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    course_id = table.Column<Guid>(type: "uuid", nullable: false),
                    measure_set_id = table.Column<Guid>(type: "uuid", nullable: false),
                    session_number = table.Column<int>(type: "integer", nullable: true),
                    reason = table.Column<int>(type: "integer", nullable: false),
                    phq9_item9 = table.Column<int>(type: "integer", nullable: true),
                    rises = table.Column<string>(type: "jsonb", nullable: true),
                    raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_risk_flags", x => x.id);
                    table.ForeignKey(
                        name: "fk_risk_flags_courses_course_id",
                        column: x => x.course_id,
                        principalTable: "courses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_risk_flags_measure_sets_measure_set_id",
                        column: x => x.measure_set_id,
                        principalTable: "measure_sets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "risk_acknowledgements",
                columns: table => new
                {
                    risk_flag_id = table.Column<Guid>(type: "uuid", nullable: false),
                    practitioner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    acknowledged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    action = table.Column<int>(type: "integer", nullable: false),
                    note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_risk_acknowledgements", x => x.risk_flag_id);
                    table.ForeignKey(
                        name: "fk_risk_acknowledgements_risk_flags_risk_flag_id",
                        column: x => x.risk_flag_id,
                        principalTable: "risk_flags",
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
                name: "ix_courses_ended_on",
                table: "courses",
                column: "ended_on");

            migrationBuilder.CreateIndex(
                name: "ix_courses_first_session_on",
                table: "courses",
                column: "first_session_on");

            migrationBuilder.CreateIndex(
                name: "ix_courses_practitioner_id_id",
                table: "courses",
                columns: new[] { "practitioner_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_courses_supervisor_id_id",
                table: "courses",
                columns: new[] { "supervisor_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_inbox_state_received_at",
                table: "inbox_state",
                column: "received_at");

            migrationBuilder.CreateIndex(
                name: "ix_measure_sets_corrects_id",
                table: "measure_sets",
                column: "corrects_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_measure_sets_course_id_occasion_session_number_version",
                table: "measure_sets",
                columns: new[] { "course_id", "occasion", "session_number", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_measure_sets_request_id",
                table: "measure_sets",
                column: "request_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_message_id",
                table: "outbox_messages",
                column: "message_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_risk_flags_course_id_sequence",
                table: "risk_flags",
                columns: new[] { "course_id", "sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_risk_flags_measure_set_id",
                table: "risk_flags",
                column: "measure_set_id");

            migrationBuilder.CreateIndex(
                name: "ix_risk_flags_sequence",
                table: "risk_flags",
                column: "sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_session_attendance_course_id_session_number",
                table: "session_attendance",
                columns: new[] { "course_id", "session_number" });

            migrationBuilder.CreateIndex(
                name: "ix_session_attendance_reported_on",
                table: "session_attendance",
                column: "reported_on");

            // Nothing clinical is rewritten or deleted, whoever connects: the audit trail, every
            // version of every measure set, risk flags as raised and their acknowledgements.
            migrationBuilder.MakeAppendOnly("audit_records");
            migrationBuilder.MakeAppendOnly("measure_sets");
            migrationBuilder.MakeAppendOnly("risk_flags");
            migrationBuilder.MakeAppendOnly("risk_acknowledgements");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_records");

            migrationBuilder.DropTable(
                name: "inbox_state");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "risk_acknowledgements");

            migrationBuilder.DropTable(
                name: "session_attendance");

            migrationBuilder.DropTable(
                name: "risk_flags");

            migrationBuilder.DropTable(
                name: "measure_sets");

            migrationBuilder.DropTable(
                name: "courses");
        }
    }
}
