using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Helsefellesskap.App.Data.Migrations
{
    /// <inheritdoc />
    public partial class ChairWithoutPositionAndNextStepBody : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "NextStepBodyId",
                table: "Treatments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "WithoutPosition",
                table: "Seats",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_Treatments_NextStepBodyId",
                table: "Treatments",
                column: "NextStepBodyId");

            migrationBuilder.AddForeignKey(
                name: "FK_Treatments_Bodies_NextStepBodyId",
                table: "Treatments",
                column: "NextStepBodyId",
                principalTable: "Bodies",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Treatments_Bodies_NextStepBodyId",
                table: "Treatments");

            migrationBuilder.DropIndex(
                name: "IX_Treatments_NextStepBodyId",
                table: "Treatments");

            migrationBuilder.DropColumn(
                name: "NextStepBodyId",
                table: "Treatments");

            migrationBuilder.DropColumn(
                name: "WithoutPosition",
                table: "Seats");
        }
    }
}
