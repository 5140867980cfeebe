using Helsefellesskap.App.Data;
using Helsefellesskap.App.Data.Seeding;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Partnerships;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.Tests.Data;

public class SeedingSpecs(DemoDatabaseTemplate template)
{
    [Fact]
    public async Task The_demo_partnership_has_Sykehuset_Innlandet_42_municipalities_in_7_health_regions()
    {
        await using var database = template.Copy();
        await using var db = database.NewContext();

        var parties = await db.Parties.ToListAsync();
        Assert.Single(parties, p => p.Kind == PartyKind.HospitalTrust && p.Name == "Sykehuset Innlandet HF");
        Assert.Equal(42, parties.Count(p => p.Kind == PartyKind.Municipality));
        Assert.Equal(7, parties.Count(p => p.Kind == PartyKind.HealthRegion));
        Assert.All(parties.Where(p => p.Kind == PartyKind.Municipality), m => Assert.NotNull(m.RegionId));
        Assert.Equal(8, await db.HospitalDivisions.CountAsync());
    }

    [Fact]
    public async Task The_four_bodies_have_their_mandates_and_the_parties_that_must_agree()
    {
        await using var database = template.Copy();
        await using var db = database.NewContext();
        var today = new DateOnly(2026, 11, 22);

        var bodies = await db.Bodies.ToDictionaryAsync(b => b.ShortName);
        Assert.Equal(["AU", "FU-PHBU", "PM", "SSU"], bodies.Keys.Order());
        Assert.Equal(Mandate.Decides, bodies["SSU"].Mandate);
        Assert.Equal(Mandate.Prepares, bodies["AU"].Mandate);
        Assert.Equal(Mandate.Advises, bodies["FU-PHBU"].Mandate);
        // SSU: one representative per region and the hospital. The partnership meeting: every municipality and the hospital.
        Assert.Equal(8, bodies["SSU"].PartiesThatMustAgree(today).Count);
        Assert.Equal(43, bodies["PM"].PartiesThatMustAgree(today).Count);
        Assert.Equal(4, bodies["AU"].SeatsOn(today).Count());
        Assert.Equal(7, bodies["SSU"].SeatsOn(today).Count(s => s.Role == SeatRole.Observer));
    }

    [Fact]
    public async Task Every_person_signs_in_as_a_user_and_there_is_an_administrator()
    {
        await using var database = template.Copy();
        await using var db = database.NewContext();

        var people = await db.People.Select(p => p.Id).ToListAsync();
        var users = await db.Users.ToListAsync();
        Assert.Equal(people.Order(), users.Where(u => u.PersonId != null).Select(u => u.PersonId!.Value).Order());
        Assert.Single(users, u => u.IsAdministrator && u.PersonId == null);
    }

    [Fact]
    public async Task The_demo_cases_show_every_state_a_case_can_be_in()
    {
        await using var database = template.Copy();
        await using var db = database.NewContext();

        var statuses = (await db.Cases.WithRecord().ToListAsync()).Select(c => c.Status).ToHashSet();
        Assert.Superset(new HashSet<CaseStatus>
        {
            CaseStatus.Draft, CaseStatus.UnderTreatment, CaseStatus.Recommended, CaseStatus.Advised, CaseStatus.Binding,
            CaseStatus.AdoptedPendingRatification, CaseStatus.NoConsensus, CaseStatus.Noted,
        }, statuses);
    }

    [Fact]
    public async Task Seeding_happens_only_into_an_empty_database()
    {
        await using var database = template.Copy();
        await database.Services.MigrateAndSeedAsync();

        await using var db = database.NewContext();
        Assert.Equal(1, await db.Partnerships.CountAsync());
        Assert.Equal(42, await db.Parties.CountAsync(p => p.Kind == PartyKind.Municipality));
    }

    [Fact]
    public void The_embedded_csv_is_the_shared_demo_data()
    {
        var rows = InnlandetCsv.Read();
        Assert.Equal(7, rows.Count);
        Assert.Equal(42, rows.Sum(r => r.Municipalities.Count));
        Assert.Equal(5692, rows.Single(r => r.Region == "Hamar").CopdPatients);
    }
}
