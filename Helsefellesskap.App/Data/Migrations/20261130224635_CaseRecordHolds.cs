using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Helsefellesskap.App.Data.Migrations
{
    /// <inheritdoc />
    public partial class CaseRecordHolds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "StartedFromProposalVersion",
                table: "Treatments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BodyName",
                table: "ProposalVersions",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Origin",
                table: "ProposalVersions",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "Saved");

            migrationBuilder.AddColumn<string>(
                name: "DraftProposal",
                table: "Cases",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "CaseAddenda",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ByPersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseAddenda", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseAddenda_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CaseAddenda_People_ByPersonId",
                        column: x => x.ByPersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaseAddenda_ByPersonId",
                table: "CaseAddenda",
                column: "ByPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseAddenda_CaseId",
                table: "CaseAddenda",
                column: "CaseId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseAddenda");

            migrationBuilder.DropColumn(
                name: "StartedFromProposalVersion",
                table: "Treatments");

            migrationBuilder.DropColumn(
                name: "BodyName",
                table: "ProposalVersions");

            migrationBuilder.DropColumn(
                name: "Origin",
                table: "ProposalVersions");

            migrationBuilder.DropColumn(
                name: "DraftProposal",
                table: "Cases");
        }
    }
}
