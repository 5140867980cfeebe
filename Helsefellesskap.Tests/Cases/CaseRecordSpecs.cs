using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features.Cases;
using Helsefellesskap.App.Features.Cases.Attachments;
using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.Tests.Cases;

/// <summary>What was proposed, recommended and decided holds: through the app's services on a copy of the demo database.</summary>
public sealed class CaseRecordSpecs(DemoDatabaseTemplate template) : ServiceSpec(template)
{
    private const string DecidedTitle = "Pasientforløp for personer med kols i Innlandet";

    private CaseWork Work => Service<CaseWork>();

    private async Task<Case> Load(string title)
    {
        await using var db = Database.NewContext();
        return await db.Cases.WithRecord().SingleAsync(c => c.Title == title);
    }

    private async Task<Case> Reload(Guid id)
    {
        await using var db = Database.NewContext();
        return await db.Cases.WithRecord().SingleAsync(c => c.Id == id);
    }

    [Fact]
    public async Task Autosaves_keep_the_draft_and_only_an_explicit_save_makes_a_new_version()
    {
        await As("mari.hovde");
        var ssu = await Body("SSU");
        var input = new CaseDraftInput("Felles rutine for sårbehandling", CaseType.Decision, false, CaseTag.FrailElderly, ssu, null,
            "Bakgrunn.", "Vurdering.", "SSU vedtar rutinen.");
        var id = await Work.CreateDraftAsync(input);
        await Work.RegisterAsync(id);
        var version = (await Reload(id)).Version;

        version = await Work.SaveAsync(id, version, input with { ProposedDecision = "SSU vedtar rutinen fra 1. mars." });
        version = await Work.SaveAsync(id, version, input with { ProposedDecision = "SSU vedtar rutinen fra 1. april." });
        Assert.Single((await Reload(id)).ProposalVersions);

        var (_, proposalVersion) = await Work.SaveAsProposalVersionAsync(id, version, input with { ProposedDecision = "SSU vedtar rutinen fra 1. april." });

        var saved = await Reload(id);
        Assert.Equal(2, proposalVersion);
        Assert.Equal([ProposalOrigin.Registered, ProposalOrigin.Saved], saved.ProposalVersions.OrderBy(v => v.Version).Select(v => v.Origin));
        Assert.Equal("SSU vedtar rutinen fra 1. april.", saved.ProposedDecision);
    }

    [Fact]
    public async Task The_secretariat_cannot_change_a_decided_case_and_adds_a_signed_addendum_instead()
    {
        var decided = await Load(DecidedTitle);
        await As("mari.hovde");
        var input = CaseWork.InputOf(decided);

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            Work.SaveAsync(decided.Id, decided.Version, input with { Background = "En ny bakgrunn." }));
        Assert.Contains("Tittel, saksfremstilling og vedlegg er låst", error.Message);
        await Assert.ThrowsAsync<DomainException>(() =>
            Service<CaseAttachments>().AddAsync(decided.Id, "notat.pdf", 8, _ => new MemoryStream("%PDF-1.7"u8.ToArray())));

        await Work.AddAddendumAsync(decided.Id, AddendumKind.Supplement, "Helsedirektoratet har publisert ny veileder for kols.");

        var after = await Reload(decided.Id);
        Assert.Equal(decided.Background, after.Background);
        var addendum = Assert.Single(after.Addenda);
        Assert.Equal(AddendumKind.Supplement, addendum.Kind);
        await using var db = Database.NewContext();
        var mari = await db.People.SingleAsync(p => p.Name == "Mari Hovde");
        Assert.Equal(mari.Id, addendum.ByPersonId);
        Assert.Contains(await db.AuditRecords.Select(r => r.Action).ToListAsync(), a => a == "Tilleggsopplysning lagt til");
    }

    [Fact]
    public async Task An_addendum_shows_on_the_public_decision_as_such()
    {
        var decided = await Load(DecidedTitle);
        await As("mari.hovde");
        await Work.AddAddendumAsync(decided.Id, AddendumKind.Correction, "Vedlegg 2 har feil dato.");

        var decision = (await Service<App.Features.PublicRecord.PublicRecord>().DecisionsAsync()).Single(d => d.Title == DecidedTitle);

        var line = Assert.Single(decision.Addenda);
        Assert.Equal((AddendumKind.Correction, "Vedlegg 2 har feil dato.", "Mari Hovde"), (line.Kind, line.Text, line.SignedBy));
        Assert.Equal(decided.Background, decision.Background);
    }

    [Fact]
    public async Task Only_the_secretariat_adds_addenda()
    {
        var decided = await Load(DecidedTitle);
        await As("hilde.moen");
        await Assert.ThrowsAsync<DomainException>(() => Work.AddAddendumAsync(decided.Id, AddendumKind.Supplement, "Tekst."));
        Assert.Empty((await Reload(decided.Id)).Addenda);
    }

    [Fact]
    public async Task AU_s_recommendation_becomes_the_proposal_SSU_starts_from()
    {
        await As("mari.hovde");
        var input = new CaseDraftInput("Felles rutine for ernæring", CaseType.Decision, false, CaseTag.FrailElderly, await Body("SSU"), null,
            "Bakgrunn.", "Vurdering.", "SSU vedtar rutinen.");
        var id = await Work.CreateDraftAsync(input);
        await Work.RegisterAsync(id);
        await Work.SendForPreparationAsync(id, await Body("AU"));
        var au = (await Reload(id)).OpenTreatment!.Id;
        await Work.AmendWordingAsync(id, au, "AU innstiller: SSU vedtar rutinen fra 1. mars.");
        await Work.RegisterPositionAsync(id, au, await Party("Kommunene i Innlandet (samlet)"), 2, PositionKind.Agree, null);
        await Work.RegisterPositionAsync(id, au, await Party("Sykehuset Innlandet HF"), 2, PositionKind.Agree, null);
        await As("knut.ellingsen");
        await Work.CloseWithRecommendationAsync(id, au, await Body("SSU"));

        var recommended = await Reload(id);
        var current = recommended.CurrentProposal!;
        Assert.Equal(("AU innstiller: SSU vedtar rutinen fra 1. mars.", "innstilling fra AU"), (current.Text, current.Label()));
        await using (var db = Database.NewContext())
            Assert.Equal("Knut Ellingsen", await db.People.Where(p => p.Id == current.ByPersonId).Select(p => p.Name).SingleAsync());

        // The secretariat may not silently replace it while it awaits SSU.
        await As("mari.hovde");
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            Work.SaveAsync(id, recommended.Version, CaseWork.InputOf(recommended) with { ProposedDecision = "Sekretariatets tekst." }));
        Assert.StartsWith("Forslaget til vedtak er innstilling fra AU og venter på behandling i SSU.", error.Message);
    }

    [Fact]
    public async Task The_draft_of_cases_saved_before_drafts_were_kept_is_filled_from_the_latest_version_where_missing()
    {
        var decided = await Load(DecidedTitle);
        await using (var db = Database.NewContext())
        {
            // As an existing database migrates: the new column is empty.
            await db.Database.ExecuteSqlRawAsync("""UPDATE "Cases" SET "DraftProposal" = ''""");
            var withText = await db.Cases.CountAsync(c => c.ProposalVersions.Any(v => v.Text != ""));
            Assert.Equal(withText, await ProposalDraftBackfill.RunAsync(db));
        }
        await using (var db = Database.NewContext())
            Assert.Equal(0, await ProposalDraftBackfill.RunAsync(db));

        var after = await Reload(decided.Id);
        Assert.Equal(after.CurrentProposal!.Text, after.DraftProposal);
        Assert.False(after.HasUnversionedDraft);
    }
}
