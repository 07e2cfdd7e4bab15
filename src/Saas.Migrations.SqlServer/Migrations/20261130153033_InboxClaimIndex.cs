using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Saas.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class InboxClaimIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_InboxEvents_TenantId_State_NextAttemptAt",
                table: "InboxEvents",
                columns: new[] { "TenantId", "State", "NextAttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_InboxEvents_TenantId_State_NextAttemptAt",
                table: "InboxEvents");
        }
    }
}
