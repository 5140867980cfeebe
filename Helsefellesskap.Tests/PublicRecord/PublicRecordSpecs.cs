using Helsefellesskap.App.Features.Cases;
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
            copd = (await db.Cases.ToListAsync()).Single(c => c.Title.StartsWith("Pasientforløp")).Id;
        await As("mari.hovde");

        await Service<CaseWork>().SetPublicationAsync(copd, exempt: true, "offl. § 14");

        Assert.DoesNotContain(await Record.DecisionsAsync(), d => d.Title.StartsWith("Pasientforløp"));
    }

    [Fact]
    public async Task Only_the_secretariat_exempts_a_case_from_publication()
    {
        Guid copd;
        await using (var db = Database.NewContext())
            copd = (await db.Cases.ToListAsync()).Single(c => c.Title.StartsWith("Pasientforløp")).Id;
        await As("torstein.vik");

        var error = await Assert.ThrowsAsync<Helsefellesskap.Domain.DomainException>(() => Service<CaseWork>().SetPublicationAsync(copd, true, "offl. § 14"));
        Assert.Equal("Bare sekretariatet kan avgjøre om en sak er unntatt offentlighet.", error.Message);
    }
}
