using Helsefellesskap.App;
using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features.Meetings;
using Helsefellesskap.App.Features.Meetings.Documents;
using PublicRecordService = Helsefellesskap.App.Features.PublicRecord.PublicRecord;
using Helsefellesskap.App.Features.Ratifications;
using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Meetings;
using Helsefellesskap.Domain.Partnerships;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.Tests.Meetings;

/// <summary>Minutes that hold, through the app's services on the demo's December SSU meeting.</summary>
public sealed class MinutesSpecs(DemoDatabaseTemplate template) : ServiceSpec(template)
{
    private MeetingWork Work => Service<MeetingWork>();
    private MeetingDocuments Documents => Service<MeetingDocuments>();
    private const string Absence = "Sykdom i familien";

    private static readonly (string User, string Party)[] EveryParty =
    [
        ("hilde.moen", "Helseregion Gjøvik og Hadeland"), ("paal.rudstad", "Helseregion Hamar"),
        ("marte.kvaale", "Helseregion Nord-Gudbrandsdal"), ("jon.tangen", "Helseregion Nord-Østerdal"),
        ("eirik.lunde", "Helseregion Sør-Gudbrandsdal"), ("ingrid.nyhus", "Helseregion Sør-Østerdal"),
        ("ola.grindvold", "Helseregion Valdres"), ("kjersti.haug", "Sykehuset Innlandet HF"),
    ];

    private sealed record Scene(Guid Meeting, Guid Item, Guid Treatment);

    /// <summary>
    /// The December meeting: a participant reports absence with a reason; Hamar disagrees with the proposal, the chair
    /// amends it, and every party agrees to the new wording, Valdres subject to local ratification; meeting closed.
    /// </summary>
    private async Task<Scene> ClosedMeetingWithReservedDecision()
    {
        Guid meeting, absentee;
        await using (var db = Database.NewContext())
        {
            var m = await db.Meetings.SingleAsync(x => x.Status == MeetingStatus.NoticeSent);
            meeting = m.Id;
            absentee = m.Attendance.First(a => a.Role == SeatRole.Participant).PersonId;
        }
        await As("mari.hovde");
        await Work.ReportAbsenceAsync(meeting, absentee, Absence);
        await As("torstein.vik");
        await Work.OpenMeetingAsync(meeting);
        var item = (await Work.SnapshotAsync(meeting))!.Agenda.Single(a => a.Title == "Felles plan for digital hjemmeoppfølging").ItemId;
        await Work.OpenItemAsync(meeting, item);
        await Register(meeting, item, "paal.rudstad", "Helseregion Hamar", PositionKind.Disagree, "Kostnadsfordelingen mangler.");
        await As("torstein.vik");
        await Work.AmendWordingAsync(meeting, item, "SSU slutter seg til planen for digital hjemmeoppfølging, med kostnadsfordeling etter folketall.");
        foreach (var (user, party) in EveryParty)
            await Register(meeting, item, user, party, party == "Helseregion Valdres" ? PositionKind.AgreeSubjectToRatification : PositionKind.Agree,
                party == "Helseregion Valdres" ? "Kommunestyrene må behandle saken." : null);
        await As("torstein.vik");
        await Work.CloseItemAsync(meeting, item, new ItemClosing());
        await Work.CloseMeetingAsync(meeting);
        var treatment = (await Work.SnapshotAsync(meeting))!.Agenda.Single(a => a.ItemId == item).TreatmentId!.Value;
        return new Scene(meeting, item, treatment);
    }

    private async Task Register(Guid meeting, Guid item, string user, string party, PositionKind kind, string? text)
    {
        await As(user);
        var current = (await Work.SnapshotAsync(meeting))!.Current!;
        var partyId = await Party(party);
        await Work.RegisterPositionAsync(meeting, item, partyId, current.WordingVersion, kind, text, new SeenPosition(current.RowFor(partyId)?.PositionId));
    }

    private async Task Approve(Scene scene)
    {
        await As("mari.hovde");
        await Work.WriteMinutesAsync(scene.Meeting, scene.Item, "Utvalget drøftet kostnadsfordelingen.");
        await Work.ApproveMinutesAsync(scene.Meeting);
    }

    private async Task RejectInOneMunicipality(Scene scene)
    {
        Guid municipality;
        await using (var db = Database.NewContext())
        {
            var treatment = (await db.Cases.WithRecord().SingleAsync(c => c.Treatments.Any(t => t.Id == scene.Treatment))).Treatments.Single(t => t.Id == scene.Treatment);
            municipality = treatment.Ratifications.First().PartyId;
        }
        var today = OsloTime.Today(Service<TimeProvider>());
        await As("mari.hovde");
        await Service<RatificationWork>().RecordAsync(scene.Treatment, municipality,
            new RatificationEntry(RatificationStatus.Rejected, "Kommunestyret", "PS 40/26", today, Comment: "Kostnadene er for usikre."));
    }

    [Fact]
    public async Task Approved_minutes_never_change_after_a_later_rejection_and_the_rejection_is_a_dated_development()
    {
        var scene = await ClosedMeetingWithReservedDecision();
        var draftItem = (await Documents.MinutesAsync(scene.Meeting))!.Items.Single(i => i.ItemId == scene.Item);
        Assert.Equal("Vedtatt med forbehold om lokal forankring", draftItem.Outcome);
        await Approve(scene);
        var internalBefore = MeetingDocuments.Serialize((await Documents.MinutesAsync(scene.Meeting))!);
        var publicBefore = MeetingDocuments.Serialize((await Service<PublicRecordService>().MinutesAsync(scene.Meeting))!);

        await RejectInOneMunicipality(scene);

        var after = (await Documents.MinutesAsync(scene.Meeting))!;
        Assert.Equal(internalBefore, MeetingDocuments.Serialize(after));
        Assert.Equal(publicBefore, MeetingDocuments.Serialize((await Service<PublicRecordService>().MinutesAsync(scene.Meeting))!));
        Assert.Equal("Vedtatt med forbehold om lokal forankring", after.Items.Single(i => i.ItemId == scene.Item).Outcome);
        Assert.Equal("Vedtatt med forbehold om lokal forankring", (await Work.SnapshotAsync(scene.Meeting))!.Agenda.Single(a => a.ItemId == scene.Item).OutcomeLabel);

        var decision = (await Service<PublicRecordService>().DecisionAsync(scene.Treatment))!;
        Assert.Equal(Outcome.NotAdopted, decision.Outcome);
        Assert.Equal(Outcome.AdoptedPendingRatification, decision.OutcomeAtClose);
        Assert.Contains("avviste vedtaket i kommunestyret – begrunnelse: Kostnadene er for usikre.", Assert.Single(decision.Developments).Text);
    }

    [Fact]
    public async Task Approval_stores_the_document_and_its_checksum_in_the_same_save_with_an_audit_record()
    {
        var scene = await ClosedMeetingWithReservedDecision();
        await Approve(scene);

        await using var db = Database.NewContext();
        var stored = await db.ApprovedMinutes.SingleAsync(a => a.MeetingId == scene.Meeting);
        Assert.Equal(ApprovedMinutes.Hash(stored.Document), stored.Sha256);
        Assert.Contains("Utvalget drøftet kostnadsfordelingen.", stored.Document);
        Assert.False(stored.FrozenAtUpgrade);
        var minutes = (await Documents.MinutesAsync(scene.Meeting))!;
        Assert.Equal(stored.Sha256, minutes.Seal!.Sha256);
        Assert.Equal("Mari Hovde", minutes.ApprovedBy);
        var audit = await db.AuditRecords.Where(r => r.Action == "Protokoll godkjent og låst").Select(r => r.EntityType).ToListAsync();
        Assert.Contains(nameof(ApprovedMinutes), audit);
        Assert.Contains(nameof(Meeting), audit);
    }

    [Fact]
    public async Task A_correction_is_registered_by_those_who_may_approve_minutes_and_shown_after_the_unchanged_minutes()
    {
        var scene = await ClosedMeetingWithReservedDecision();
        await Approve(scene);
        var before = MeetingDocuments.Serialize((await Documents.MinutesAsync(scene.Meeting))!);

        await As("kjersti.haug");
        var member = await Assert.ThrowsAsync<DomainException>(() => Work.CorrectMinutesAsync(scene.Meeting, "Riktig: møtet sluttet 15.00.", "Feil klokkeslett."));
        Assert.Contains("Bare lederen eller nestlederen i SSU kan rette en godkjent protokoll", member.Message);
        await As("torstein.vik");
        await Work.CorrectMinutesAsync(scene.Meeting, "Riktig: møtet sluttet 15.00.", "Feil klokkeslett.");

        var minutes = (await Documents.MinutesAsync(scene.Meeting))!;
        Assert.Equal(before, MeetingDocuments.Serialize(minutes));
        var correction = Assert.Single(minutes.Corrections);
        Assert.Equal((1, "Torstein Vik", "Riktig: møtet sluttet 15.00.", "Feil klokkeslett."), (correction.Number, correction.By, correction.Text, correction.Reason));
        Assert.Single((await Service<PublicRecordService>().MinutesAsync(scene.Meeting))!.Corrections);
    }

    [Fact]
    public async Task Absence_reasons_are_internal_and_the_public_minutes_say_only_forfall()
    {
        var scene = await ClosedMeetingWithReservedDecision();
        await Approve(scene);
        Assert.Contains((await Documents.MinutesAsync(scene.Meeting))!.Absent, a => a.Reason == Absence);
        var published = (await Service<PublicRecordService>().MinutesAsync(scene.Meeting))!;
        Assert.NotEmpty(published.Absent);
        Assert.All(published.Absent, a => Assert.Null(a.Reason));
        Assert.DoesNotContain(Absence, MeetingDocuments.Serialize(published));
    }

    [Fact]
    public async Task The_minutes_show_the_path_positions_on_each_wording_the_amendment_and_dissent_on_an_earlier_wording()
    {
        var scene = await ClosedMeetingWithReservedDecision();
        var item = (await Documents.MinutesAsync(scene.Meeting))!.Items.Single(i => i.ItemId == scene.Item);

        Assert.Equal([1, 2], item.Path.Select(w => w.Version));
        var first = Assert.Single(item.Path[0].Positions);
        Assert.Equal(("Helseregion Hamar", PositionKind.Disagree, "Pål Rudstad"), (first.Party, first.Kind, first.RegisteredBy));
        Assert.Equal("Torstein Vik", item.Path[1].By);
        Assert.Equal(8, item.Path[1].Positions.Count);
        Assert.Equal(8, item.Positions.Count);
        var dissent = Assert.Single(item.Dissent);
        Assert.Equal(("Helseregion Hamar", "Kostnadsfordelingen mangler.", 1, true), (dissent.Party, dissent.Text, dissent.WordingVersion, dissent.OnEarlierWording));
    }

    [Fact]
    public async Task Standard_items_not_clicked_through_are_not_printed_as_not_treated_and_people_are_ordered_by_party_role_and_name()
    {
        var scene = await ClosedMeetingWithReservedDecision();
        var minutes = (await Documents.MinutesAsync(scene.Meeting))!;
        Assert.All(minutes.Items.Where(i => i.Kind != AgendaItemKind.Case), i => Assert.True(i.Treated));
        var notice = (await Documents.NoticeAsync(scene.Meeting))!;
        var parties = notice.Called.Select(c => c.Contains(", ") ? c[(c.LastIndexOf(", ", StringComparison.Ordinal) + 2)..^1] : "~").ToList();
        Assert.Equal(parties.Where(x => x != "~").Order(StringComparer.Create(Norwegian.Culture, false)), parties.Where(x => x != "~"));
    }

    [Fact]
    public async Task The_start_up_backfill_fills_outcomes_at_close_and_freezes_approved_minutes_where_missing_once()
    {
        Guid meeting;
        await using (var db = Database.NewContext())
        {
            // A database from before: approved minutes with no stored document, closed treatments with no recorded outcome.
            meeting = await db.ApprovedMinutes.Select(a => a.MeetingId).FirstAsync();
            await db.Database.ExecuteSqlRawAsync("""DELETE FROM "ApprovedMinutes" WHERE "MeetingId" = {0}""", meeting);
            await db.Database.ExecuteSqlRawAsync("""UPDATE "Treatments" SET "OutcomeAtClose" = NULL""");
        }

        await RecordBackfill.RunAsync(Database.Services);
        await RecordBackfill.RunAsync(Database.Services);

        await using var after = Database.NewContext();
        var frozen = await after.ApprovedMinutes.SingleAsync(a => a.MeetingId == meeting);
        Assert.True(frozen.FrozenAtUpgrade);
        Assert.True(frozen.IsIntact);
        var treatments = await after.Cases.SelectMany(c => c.Treatments).Where(t => t.ClosedAt != null).ToListAsync();
        Assert.All(treatments, t => Assert.NotNull(t.OutcomeAtClose));
        Assert.DoesNotContain(treatments, t => t.OutcomeAtClose is Outcome.NotAdopted);
        Assert.True((await Documents.MinutesAsync(meeting))!.Seal!.FrozenAtUpgrade);
    }
}
