using Helsefellesskap.App;
using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features.Audit;
using Helsefellesskap.App.Features.Cases;
using Helsefellesskap.App.Features.Meetings;
using Helsefellesskap.App.Features.Meetings.Documents;
using Helsefellesskap.App.Features.Ratifications;
using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Meetings;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using PublicRecordService = Helsefellesskap.App.Features.PublicRecord.PublicRecord;

namespace Helsefellesskap.Tests.Cases;

/// <summary>
/// One case through its whole life, each step by the person who takes it in the partnership: the secretariat drafts,
/// AU recommends, SSU decides in a meeting, the minutes are approved, the municipalities ratify (one rejects), the public
/// reads it. At every step, what was recommended, decided and approved before must still read the same.
/// </summary>
public sealed class WholeLifeSpecs(DemoDatabaseTemplate template) : ServiceSpec(template)
{
    private const string Secretariat = "mari.hovde";
    private const string AuChair = "knut.ellingsen";
    private const string SsuChair = "torstein.vik";
    private const string Draft = "SSU vedtar felles rutine for utskrivning av skrøpelige eldre.";
    private const string Decided = "SSU vedtar felles rutine for utskrivning av skrøpelige eldre fra 1. mars 2027.";
    private const string Recommendation = "SSU vedtar **felles rutine** for utskrivning av skrøpelige eldre, se [rutinen](https://helsefellesskap.eksempel.no/rutiner/utskrivning).";

    private static readonly (string User, string Party)[] SsuParties =
    [
        ("hilde.moen", "Helseregion Gjøvik og Hadeland"), ("paal.rudstad", "Helseregion Hamar"),
        ("marte.kvaale", "Helseregion Nord-Gudbrandsdal"), ("jon.tangen", "Helseregion Nord-Østerdal"),
        ("eirik.lunde", "Helseregion Sør-Gudbrandsdal"), ("ingrid.nyhus", "Helseregion Sør-Østerdal"),
        ("siri.braaten", "Helseregion Valdres"), ("kjersti.haug", "Sykehuset Innlandet HF"),
    ];

    private CaseWork Cases => Service<CaseWork>();
    private MeetingWork Meetings => Service<MeetingWork>();

    [Fact]
    public async Task What_was_recommended_decided_and_approved_never_drifts_from_draft_to_public_record()
    {
        // --- The secretariat drafts: autosave keeps a draft and makes no version; registering makes the first. ---
        await As(Secretariat);
        var ssu = await Body("SSU");
        var au = await Body("AU");
        var input = new CaseDraftInput("Felles utskrivningsrutine for skrøpelige eldre", CaseType.Decision, true, CaseTag.FrailElderly,
            ssu, null, "Mange skrøpelige eldre skrives ut på fredager.", "En felles rutine gir tryggere overganger.", Draft);
        var caseId = await Cases.CreateDraftAsync(input);
        var version = await Cases.SaveAsync(caseId, await CaseVersion(caseId), input with { ProposedDecision = Draft + " Rutinen gjelder fra 1. mars." });
        await Cases.SaveAsync(caseId, version, input);
        Assert.Empty((await Case(caseId)).ProposalVersions);
        await Cases.RegisterAsync(caseId);
        Assert.Equal(ProposalOrigin.Registered, Assert.Single((await Case(caseId)).ProposalVersions).Origin);

        // --- AU prepares: amends the wording, both parties agree, the chair puts the recommendation forward to SSU. ---
        await Cases.SendForPreparationAsync(caseId, au);
        var auTreatment = (await Case(caseId)).OpenTreatment!.Id;
        await As(AuChair);
        await Cases.AmendWordingAsync(caseId, auTreatment, Recommendation);
        await Cases.RegisterPositionAsync(caseId, auTreatment, await Party("Sykehuset Innlandet HF"), 2, PositionKind.Agree, null);
        await As("perolav.nes");
        await Cases.RegisterPositionAsync(caseId, auTreatment, await Party("Kommunene i Innlandet (samlet)"), 2, PositionKind.Agree, null);
        await As(AuChair);
        await Cases.CloseWithRecommendationAsync(caseId, auTreatment, ssu);
        var recommended = (await Case(caseId)).ProposalVersions.MaxBy(v => v.Version)!;
        Assert.Equal((ProposalOrigin.Recommendation, "AU", Recommendation), (recommended.Origin, recommended.BodyName, recommended.Text));

        Later(TimeSpan.FromDays(7));
        // While the recommendation waits for SSU, the secretariat cannot replace it.
        await As(Secretariat);
        await Assert.ThrowsAsync<DomainException>(() => SaveAsync(caseId, input with { ProposedDecision = "Sekretariatets egen tekst." }));

        // --- SSU meets: the notice and the live item carry AU's recommendation, marked as AU's. ---
        var meeting = await Meetings.ScheduleAsync(new MeetingInput(ssu, new DateOnly(2027, 1, 14), new TimeOnly(10, 0), TimeSpan.FromHours(3), "Hamar", null));
        await Meetings.AddCaseAsync(meeting, caseId);
        await Meetings.SendNoticeAsync(meeting);
        var noticed = (await Service<MeetingDocuments>().NoticeAsync(meeting))!.Items.Single(i => i.CaseId == caseId);
        Assert.Equal((Recommendation, "Innstilling fra AU"), (noticed.Proposal, noticed.ProposalSource));

        Later(TimeSpan.FromDays(7));
        await As(SsuChair);
        await Meetings.OpenMeetingAsync(meeting);
        var item = (await Meetings.SnapshotAsync(meeting))!.Agenda.Single(a => a.CaseId == caseId).ItemId;
        await Meetings.OpenItemAsync(meeting, item);
        var live = (await Meetings.SnapshotAsync(meeting))!.Current!;
        Assert.Equal(Recommendation, live.Wording);
        Assert.NotNull(live.WordingSource);

        // Hamar disagrees with AU's wording; the chair amends it, and every party agrees, Valdres subject to local ratification.
        await Register(meeting, item, "paal.rudstad", "Helseregion Hamar", PositionKind.Disagree, "Kommunene trenger mer tid.");
        await As(SsuChair);
        await Meetings.AmendWordingAsync(meeting, item, Decided);
        foreach (var (user, party) in SsuParties)
            await Register(meeting, item, user, party, party == "Helseregion Valdres" ? PositionKind.AgreeSubjectToRatification : PositionKind.Agree,
                party == "Helseregion Valdres" ? "Kommunestyrene må behandle rutinen." : null);

        // A second hospital seat holder cannot replace Kjersti Haug's position without saying so.
        await As("morten.berg");
        var hospital = await Party("Sykehuset Innlandet HF");
        var board = (await Meetings.SnapshotAsync(meeting))!.Current!;
        var refused = await Assert.ThrowsAsync<DomainException>(() => Meetings.RegisterPositionAsync(meeting, item, hospital, board.WordingVersion,
            PositionKind.AgreeWithRemark, "Sykehuset stiller med koordinator.", new SeenPosition(board.RowFor(hospital)!.PositionId)));
        Assert.Contains("Kjersti Haug", refused.Message);
        await Meetings.RegisterPositionAsync(meeting, item, hospital, board.WordingVersion, PositionKind.AgreeWithRemark,
            "Sykehuset stiller med koordinator.", new SeenPosition(board.RowFor(hospital)!.PositionId, ConfirmsReplacing: true));

        await As(SsuChair);
        await Meetings.CloseItemAsync(meeting, item, new ItemClosing());
        await Meetings.CloseMeetingAsync(meeting);
        var decided = (await Case(caseId)).Treatments.Single(t => t.MeetingId == meeting);
        Assert.Equal(Outcome.AdoptedPendingRatification, decided.OutcomeAtClose);

        Later(TimeSpan.FromDays(14));
        // --- The minutes are written and approved: frozen, with the path of positions and Hamar's earlier dissent. ---
        await As(Secretariat);
        await Meetings.WriteMinutesAsync(meeting, item, "Utvalget drøftet tidspunktet for innføring.");
        await Meetings.ApproveMinutesAsync(meeting);
        var approved = (await Service<MeetingDocuments>().MinutesAsync(meeting))!;
        var approvedText = MeetingDocuments.Serialize(approved);
        var approvedItem = approved.Items.Single(i => i.ItemId == item);
        Assert.Equal("Vedtatt med forbehold om lokal forankring", approvedItem.Outcome);
        Assert.Equal(Decided, approvedItem.Wording);
        Assert.Contains(approvedItem.Dissent, d => d is { Party: "Helseregion Hamar", OnEarlierWording: true, Text: "Kommunene trenger mer tid." });
        Assert.Equal([Recommendation, Decided], approvedItem.Path.Select(w => w.Text));
        Assert.Contains(approvedItem.Path[1].Positions, p => p is { Party: "Sykehuset Innlandet HF", Replaced: true, RegisteredBy: "Kjersti Haug" });
        var publicMinutes = MeetingDocuments.Serialize((await Service<PublicRecordService>().MinutesAsync(meeting))!);

        // --- The decided case is locked; what is learnt later is a dated, signed addendum. ---
        await Assert.ThrowsAsync<DomainException>(() => SaveAsync(caseId, input with { Background = "En annen bakgrunn." }));
        await Cases.AddAddendumAsync(caseId, AddendumKind.Supplement, "Rutinen er oversatt til samisk.");

        Later(TimeSpan.FromDays(30));
        // --- Local ratification: every municipality and the hospital, one of them rejects. ---
        var parties = (await Case(caseId)).Treatments.Single(t => t.MeetingId == meeting).Ratifications.Select(r => r.PartyId).ToList();
        var today = OsloTime.Today(Service<TimeProvider>());
        await Service<RatificationWork>().RecordManyAsync(decided.Id, parties.Skip(1).ToList(),
            new RatificationEntry(RatificationStatus.Ratified, "Kommunestyret", "PS 3/27", today));
        await Service<RatificationWork>().RecordAsync(decided.Id, parties[0],
            new RatificationEntry(RatificationStatus.Rejected, "Kommunestyret", "PS 4/27", today, Comment: "Rutinen passer ikke for små kommuner."));

        // --- Afterwards: the living outcome moved on, the record did not. ---
        var after = await Case(caseId);
        var treatment = after.Treatments.Single(t => t.MeetingId == meeting);
        Assert.Equal(Outcome.NotAdopted, treatment.Outcome);
        Assert.Equal(Outcome.AdoptedPendingRatification, treatment.OutcomeAtClose);
        Assert.Equal(ssu, after.ReadyForBodyId);
        Assert.Equal(Recommendation, after.ProposalVersions.Single(v => v.Origin == ProposalOrigin.Recommendation).Text);
        Assert.Equal(Recommendation, after.Treatments.Single(t => t.Id == auTreatment).CurrentWording.Text);
        Assert.Equal(approvedText, MeetingDocuments.Serialize((await Service<MeetingDocuments>().MinutesAsync(meeting))!));
        Assert.Equal(publicMinutes, MeetingDocuments.Serialize((await Service<PublicRecordService>().MinutesAsync(meeting))!));

        var published = (await Service<PublicRecordService>().DecisionAsync(decided.Id))!;
        Assert.Equal((Outcome.NotAdopted, Outcome.AdoptedPendingRatification), (published.Outcome, published.OutcomeAtClose));
        Assert.Contains("Rutinen passer ikke for små kommuner.", Assert.Single(published.Developments).Text);
        Assert.Contains(published.Addenda, a => a.Text == "Rutinen er oversatt til samisk.");
        Assert.Equal("Mange skrøpelige eldre skrives ut på fredager.", published.Background);

        // Every change went through the audited save: the chain holds.
        var verification = await Service<AuditChain>().VerifyAsync();
        Assert.True(verification.Holds, verification.Summary);
    }

    /// <summary>The test clock stands still; a case's life takes weeks.</summary>
    private void Later(TimeSpan span) => ((FixedClock)Service<TimeProvider>()).Now += span;

    private async Task Register(Guid meeting, Guid item, string user, string party, PositionKind kind, string? text)
    {
        await As(user);
        var current = (await Meetings.SnapshotAsync(meeting))!.Current!;
        var partyId = await Party(party);
        await Meetings.RegisterPositionAsync(meeting, item, partyId, current.WordingVersion, kind, text,
            new SeenPosition(current.RowFor(partyId)?.PositionId));
    }

    private async Task SaveAsync(Guid caseId, CaseDraftInput input) => await Cases.SaveAsync(caseId, await CaseVersion(caseId), input);

    private async Task<int> CaseVersion(Guid caseId) => (await Case(caseId)).Version;

    private async Task<Case> Case(Guid caseId)
    {
        await using var db = Database.NewContext();
        return await db.Cases.AsNoTracking().WithRecord().SingleAsync(c => c.Id == caseId);
    }
}
