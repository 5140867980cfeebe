using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Helsefellesskap.App.Data.Migrations
{
    /// <inheritdoc />
    public partial class AfterTheDecision : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Comment",
                table: "Ratifications",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "Deadline",
                table: "Ratifications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Link",
                table: "Ratifications",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LocalBody",
                table: "Ratifications",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RecordedById",
                table: "Ratifications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CaseSteeringLinks",
                columns: table => new
                {
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Indicator = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseSteeringLinks", x => new { x.CaseId, x.Indicator, x.Year });
                    table.ForeignKey(
                        name: "FK_CaseSteeringLinks_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FollowUpActions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TreatmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    What = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    OwnerPartyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerPersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Deadline = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ProgressPercent = table.Column<int>(type: "INTEGER", nullable: false),
                    ProgressNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CancellationReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    GoalTitle = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    GoalUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    MandateCaseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastUpdatedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    LastUpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUpActions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FollowUpActions_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_FollowUpActions_Cases_MandateCaseId",
                        column: x => x.MandateCaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_FollowUpActions_Parties_OwnerPartyId",
                        column: x => x.OwnerPartyId,
                        principalTable: "Parties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FollowUpActions_Partnerships_PartnershipId",
                        column: x => x.PartnershipId,
                        principalTable: "Partnerships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_FollowUpActions_People_OwnerPersonId",
                        column: x => x.OwnerPersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FollowUpActions_Treatments_TreatmentId",
                        column: x => x.TreatmentId,
                        principalTable: "Treatments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RatificationGrants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GrantedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    GrantedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RatificationGrants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RatificationGrants_Parties_PartyId",
                        column: x => x.PartyId,
                        principalTable: "Parties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RatificationGrants_People_GrantedById",
                        column: x => x.GrantedById,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RatificationGrants_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SteeringFigures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Indicator = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SteeringFigures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SteeringFigures_Parties_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Parties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SteeringFigures_Partnerships_PartnershipId",
                        column: x => x.PartnershipId,
                        principalTable: "Partnerships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Ratifications_RecordedById",
                table: "Ratifications",
                column: "RecordedById");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpActions_CaseId",
                table: "FollowUpActions",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpActions_MandateCaseId",
                table: "FollowUpActions",
                column: "MandateCaseId");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpActions_OwnerPartyId",
                table: "FollowUpActions",
                column: "OwnerPartyId");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpActions_OwnerPersonId",
                table: "FollowUpActions",
                column: "OwnerPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpActions_PartnershipId",
                table: "FollowUpActions",
                column: "PartnershipId");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpActions_Status_Deadline",
                table: "FollowUpActions",
                columns: new[] { "Status", "Deadline" });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpActions_TreatmentId",
                table: "FollowUpActions",
                column: "TreatmentId");

            migrationBuilder.CreateIndex(
                name: "IX_RatificationGrants_GrantedById",
                table: "RatificationGrants",
                column: "GrantedById");

            migrationBuilder.CreateIndex(
                name: "IX_RatificationGrants_PartyId",
                table: "RatificationGrants",
                column: "PartyId");

            migrationBuilder.CreateIndex(
                name: "IX_RatificationGrants_PersonId_PartyId",
                table: "RatificationGrants",
                columns: new[] { "PersonId", "PartyId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SteeringFigures_PartnershipId",
                table: "SteeringFigures",
                column: "PartnershipId");

            migrationBuilder.CreateIndex(
                name: "IX_SteeringFigures_RegionId_Indicator_Year",
                table: "SteeringFigures",
                columns: new[] { "RegionId", "Indicator", "Year" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Ratifications_People_RecordedById",
                table: "Ratifications",
                column: "RecordedById",
                principalTable: "People",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Ratifications_People_RecordedById",
                table: "Ratifications");

            migrationBuilder.DropTable(
                name: "CaseSteeringLinks");

            migrationBuilder.DropTable(
                name: "FollowUpActions");

            migrationBuilder.DropTable(
                name: "RatificationGrants");

            migrationBuilder.DropTable(
                name: "SteeringFigures");

            migrationBuilder.DropIndex(
                name: "IX_Ratifications_RecordedById",
                table: "Ratifications");

            migrationBuilder.DropColumn(
                name: "Comment",
                table: "Ratifications");

            migrationBuilder.DropColumn(
                name: "Deadline",
                table: "Ratifications");

            migrationBuilder.DropColumn(
                name: "Link",
                table: "Ratifications");

            migrationBuilder.DropColumn(
                name: "LocalBody",
                table: "Ratifications");

            migrationBuilder.DropColumn(
                name: "RecordedById",
                table: "Ratifications");
        }
    }
}
