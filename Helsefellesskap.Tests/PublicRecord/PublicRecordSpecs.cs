using Helsefellesskap.App.Features.Cases;
using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features.PublicRecord;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.Tests.PublicRecord;

public sealed class PublicRecordSpecs(DemoDatabaseTemplate template) : ServiceSpec(template)
{
    private Helsefellesskap.App.Features.PublicRecord.PublicRecord Record => Service<Helsefellesskap.App.Features.PublicRecord.PublicRecord>();

    [Fact]
    public async Task The_public_record_holds_the_decisions_of_deciding_bodies_from_meetings_with_approved_minutes()
    {
        var decisions = await Record.DecisionsAsync();

        Assert.Equal(
            ["Etablering av fagutvalg for psykisk helse barn og unge (pilot)", "Felles kompetanseplan for sykepleiere og helsefagarbeidere",
             "Felles prosedyre for utskrivningsklare pasienter", "Helsefellesskapets prioriteringer for 2027",
             "Pasientforløp for personer med kols i Innlandet", "Årsrapport 2025 for Helsefellesskap Innlandet"],
            decisions.Select(d => d.Title).Order(StringComparer.Create(new("nb-NO"), false)));
        Assert.All(decisions, d => Assert.NotEqual("AU", d.BodyName));
        var competence = decisions.Single(d => d.Title.StartsWith("Felles kompetanseplan"));
        Assert.Equal(Outcome.NoConsensus, competence.Outcome);
        Assert.Contains(competence.Positions, p => p.Party == "Helseregion Nord-Østerdal" && p.Kind == PositionKind.Disagree);
    }

    [Fact]
    public async Task A_case_exempt_from_publication_is_not_in_the_public_record()
    {
        Guid copd;
        await using (var db = Database.NewContext())
            copd = (await db.Cases.WithRecord().ToListAsync()).Single(c => c.Title.StartsWith("Pasientforløp")).Id;
        await As("mari.hovde");

        await Service<CaseWork>().SetPublicationAsync(copd, exempt: true, "offl. § 14");

        Assert.DoesNotContain(await Record.DecisionsAsync(), d => d.Title.StartsWith("Pasientforløp"));
    }

    [Fact]
    public async Task Only_the_secretariat_exempts_a_case_from_publication()
    {
        Guid copd;
        await using (var db = Database.NewContext())
            copd = (await db.Cases.WithRecord().ToListAsync()).Single(c => c.Title.StartsWith("Pasientforløp")).Id;
        await As("torstein.vik");

        var error = await Assert.ThrowsAsync<Helsefellesskap.Domain.DomainException>(() => Service<CaseWork>().SetPublicationAsync(copd, true, "offl. § 14"));
        Assert.Equal("Bare sekretariatet kan avgjøre om en sak er unntatt offentlighet.", error.Message);
    }

    [Fact]
    public async Task The_public_searches_the_decisions_by_every_word_in_title_and_texts()
    {
        Assert.Equal(["Pasientforløp for personer med kols i Innlandet"], (await Record.SearchAsync("KOLS forankring")).Select(d => d.Title));
        Assert.Empty(await Record.SearchAsync("kols ambulanse"));
        // A case number in any form finds the decision, named with its body.
        foreach (var typed in new[] { "SSU-sak 3/2026", "003/2026", "SAK 003-2026" })
            Assert.Equal(["SSU-sak 003/2026"], (await Record.SearchAsync(typed)).Select(d => d.Number));
        Assert.Equal((await Record.DecisionsAsync()).Count, (await Record.SearchAsync("  ")).Count);
    }

    [Fact]
    public async Task Approved_minutes_are_published_and_an_exempt_case_in_them_shows_only_its_legal_basis()
    {
        var published = await Record.MinutesAsync();
        Assert.NotEmpty(published);
        Assert.Equal(published.OrderByDescending(m => m.PublishedAt), published);

        Guid copd;
        await using (var db = Database.NewContext())
            copd = (await db.Cases.WithRecord().ToListAsync()).Single(c => c.Title.StartsWith("Pasientforløp")).Id;
        await As("mari.hovde");
        await Service<CaseWork>().SetPublicationAsync(copd, exempt: true, "offl. § 14");

        Guid meeting;
        await using (var db = Database.NewContext())
            meeting = (await db.Cases.WithRecord().SingleAsync(c => c.Id == copd)).Treatments.Single(t => t.BodyName == "SSU").MeetingId!.Value;
        var minutes = (await Record.MinutesAsync(meeting))!;
        var exempt = Assert.Single(minutes.Items, i => i.ExemptionBasis is not null);
        Assert.Equal("offl. § 14", exempt.ExemptionBasis);
        Assert.Null(exempt.Wording);
        Assert.Empty(exempt.Positions);
        Assert.DoesNotContain(minutes.Items, i => i.Title.StartsWith("Pasientforløp"));
    }

    [Fact]
    public async Task Minutes_not_yet_approved_are_not_public()
    {
        Guid draft;
        await using (var db = Database.NewContext())
            draft = await db.Meetings.Where(m => m.Status == Helsefellesskap.Domain.Meetings.MeetingStatus.Closed).Select(m => m.Id).FirstAsync();
        Assert.Null(await Record.MinutesAsync(draft));
        Assert.DoesNotContain(await Record.MinutesAsync(), m => m.MeetingId == draft);
    }

    [Fact]
    public async Task The_feed_lists_every_published_minutes_as_an_Atom_entry()
    {
        var published = await Record.MinutesAsync();
        var feed = MinutesFeed.Build("https://hf.example.no", published, "Helsefellesskap Innlandet");
        System.Xml.Linq.XNamespace atom = "http://www.w3.org/2005/Atom";
        var entries = feed.Root!.Elements(atom + "entry").ToList();
        Assert.Equal(published.Count, entries.Count);
        Assert.Equal($"https://hf.example.no/offentlig/protokoll/{published[0].MeetingId}", entries[0].Element(atom + "link")!.Attribute("href")!.Value);
        Assert.StartsWith("Protokoll fra ", entries[0].Element(atom + "title")!.Value);
    }
}
