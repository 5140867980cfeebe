using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Helsefellesskap.App.Data.Migrations
{
    /// <inheritdoc />
    public partial class ARecordThatHolds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "NextStepBodyId",
                table: "Treatments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OutcomeAtClose",
                table: "Treatments",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "StartedFromProposalVersion",
                table: "Treatments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "WithoutPosition",
                table: "Seats",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

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
                name: "ApprovedMinutes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Document = table.Column<string>(type: "TEXT", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ApprovedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ApprovedByPersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    FrozenAtUpgrade = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApprovedMinutes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApprovedMinutes_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ApprovedMinutes_People_ApprovedByPersonId",
                        column: x => x.ApprovedByPersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

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

            migrationBuilder.CreateTable(
                name: "MinutesCorrections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ByPersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MinutesCorrections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MinutesCorrections_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MinutesCorrections_People_ByPersonId",
                        column: x => x.ByPersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Treatments_NextStepBodyId",
                table: "Treatments",
                column: "NextStepBodyId");

            migrationBuilder.CreateIndex(
                name: "IX_ApprovedMinutes_ApprovedByPersonId",
                table: "ApprovedMinutes",
                column: "ApprovedByPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_ApprovedMinutes_MeetingId",
                table: "ApprovedMinutes",
                column: "MeetingId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaseAddenda_ByPersonId",
                table: "CaseAddenda",
                column: "ByPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseAddenda_CaseId",
                table: "CaseAddenda",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_MinutesCorrections_ByPersonId",
                table: "MinutesCorrections",
                column: "ByPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_MinutesCorrections_MeetingId_Number",
                table: "MinutesCorrections",
                columns: new[] { "MeetingId", "Number" },
                unique: true);

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

            migrationBuilder.DropTable(
                name: "ApprovedMinutes");

            migrationBuilder.DropTable(
                name: "CaseAddenda");

            migrationBuilder.DropTable(
                name: "MinutesCorrections");

            migrationBuilder.DropIndex(
                name: "IX_Treatments_NextStepBodyId",
                table: "Treatments");

            migrationBuilder.DropColumn(
                name: "NextStepBodyId",
                table: "Treatments");

            migrationBuilder.DropColumn(
                name: "OutcomeAtClose",
                table: "Treatments");

            migrationBuilder.DropColumn(
                name: "StartedFromProposalVersion",
                table: "Treatments");

            migrationBuilder.DropColumn(
                name: "WithoutPosition",
                table: "Seats");

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
