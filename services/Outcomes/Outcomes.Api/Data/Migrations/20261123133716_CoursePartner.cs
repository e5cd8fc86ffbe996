using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DitCloud.Outcomes.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class CoursePartner : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "partner_id",
                table: "courses",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "partner_id",
                table: "courses");
        }
    }
}
