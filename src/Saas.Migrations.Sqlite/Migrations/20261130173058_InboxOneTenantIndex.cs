using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Saas.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InboxOneTenantIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_InboxEvents_TenantId_State_NextAttemptAt",
                table: "InboxEvents");

            migrationBuilder.DropIndex(
                name: "IX_InboxEvents_TenantId_State_TicketId_Id",
                table: "InboxEvents");

            migrationBuilder.CreateIndex(
                name: "IX_InboxEvents_TenantId_State_Id_TicketId",
                table: "InboxEvents",
                columns: new[] { "TenantId", "State", "Id", "TicketId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_InboxEvents_TenantId_State_Id_TicketId",
                table: "InboxEvents");

            migrationBuilder.CreateIndex(
                name: "IX_InboxEvents_TenantId_State_NextAttemptAt",
                table: "InboxEvents",
                columns: new[] { "TenantId", "State", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_InboxEvents_TenantId_State_TicketId_Id",
                table: "InboxEvents",
                columns: new[] { "TenantId", "State", "TicketId", "Id" });
        }
    }
}
