using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features.Cases;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Partnerships;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Tests.Data;

public class PersistenceSpecs(DemoDatabaseTemplate template)
{
    private static readonly DateTimeOffset At = FixedClock.DemoNow;

    private static async Task<(Guid CaseId, Guid TreatmentId)> CaseUnderTreatmentInSsu(AppDbContext db)
    {
        var ssu = await db.Bodies.SingleAsync(b => b.ShortName == "SSU");
        var secretary = await db.People.FirstAsync();
        var series = await db.CaseNumberSeries.SingleAsync(s => s.BodyId == ssu.Id && s.Year == 2026);
        var @case = new Case(ssu.PartnershipId, ssu, "Testsak", CaseType.Decision, false, CaseTag.None, "", "",
            "SSU vedtar testen.", secretary.Id, At);
        @case.Register(series);
        var treatment = @case.StartTreatment(ssu, new DateOnly(2026, 11, 22), secretary.Id, At);
        db.Cases.Add(@case);
        await db.SaveChangesAsync();
        return (@case.Id, treatment.Id);
    }

    [Fact]
    public async Task A_case_with_its_treatments_positions_and_ratifications_survives_a_round_trip()
    {
        await using var database = template.Copy();
        var (caseId, treatmentId) = await CaseUnderTreatmentInSsu(database.NewContext());

        await using (var db = database.NewContext())
        {
            var @case = await db.Cases.WithRecord().SingleAsync(c => c.Id == caseId);
            var parties = await db.Parties.ToListAsync();
            var treatment = @case.Treatments.Single();
            foreach (var partyId in treatment.RequiredParties)
                @case.RegisterPosition(treatmentId, parties.Single(p => p.Id == partyId), 1,
                    PositionKind.AgreeSubjectToRatification, null, Guid.Empty, true, At);
            @case.CloseTreatment(treatmentId, At, null, parties);
            await db.SaveChangesAsync();
        }

        await using var reread = database.NewContext();
        var saved = await reread.Cases.WithRecord().SingleAsync(c => c.Id == caseId);
        var savedTreatment = saved.Treatments.Single();
        Assert.Equal(Outcome.AdoptedPendingRatification, savedTreatment.Outcome);
        Assert.Equal(8, savedTreatment.CurrentPositions.Count());
        Assert.Equal(43, savedTreatment.Ratifications.Count);
        Assert.All(savedTreatment.Positions, p => Assert.True(p.RegisteredOnBehalf));
        Assert.Equal(At, savedTreatment.ClosedAt);
    }

    [Fact]
    public async Task Two_writers_that_loaded_the_same_version_of_a_case_cannot_both_save()
    {
        await using var database = template.Copy();
        var (caseId, treatmentId) = await CaseUnderTreatmentInSsu(database.NewContext());
        await using var first = database.NewContext();
        await using var second = database.NewContext();
        var firstCase = await first.Cases.WithRecord().SingleAsync(c => c.Id == caseId);
        var secondCase = await second.Cases.WithRecord().SingleAsync(c => c.Id == caseId);
        var parties = await first.Parties.ToListAsync();
        var hamar = parties.Single(p => p.Name == "Helseregion Hamar");
        var valdres = parties.Single(p => p.Name == "Helseregion Valdres");

        firstCase.RegisterPosition(treatmentId, hamar, 1, PositionKind.Agree, null, Guid.Empty, false, At);
        await first.SaveChangesAsync();
        secondCase.RegisterPosition(treatmentId, valdres, 1, PositionKind.Agree, null, Guid.Empty, false, At);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        await using var reread = database.NewContext();
        var saved = await reread.Cases.WithRecord().SingleAsync(c => c.Id == caseId);
        Assert.Equal(firstCase.Version, saved.Version);
        Assert.Equal(hamar.Id, Assert.Single(saved.Treatments.Single().Positions).PartyId);
    }

    [Fact]
    public async Task Each_save_of_a_case_raises_its_version_by_exactly_one_however_much_inside_it_changed()
    {
        await using var database = template.Copy();
        var (caseId, treatmentId) = await CaseUnderTreatmentInSsu(database.NewContext());
        int before;
        await using (var db = database.NewContext())
        {
            var @case = await db.Cases.WithRecord().SingleAsync(c => c.Id == caseId);
            before = @case.Version;
            var parties = await db.Parties.ToListAsync();
            foreach (var name in new[] { "Helseregion Hamar", "Helseregion Valdres", "Sykehuset Innlandet HF" })
                @case.RegisterPosition(treatmentId, parties.Single(p => p.Name == name), 1, PositionKind.Agree, null, Guid.Empty, false, At);
            @case.ReviseProposal("SSU vedtar testen, med endring.", (await db.People.FirstAsync()).Id, At);
            await db.SaveChangesAsync();
        }

        await using var reread = database.NewContext();
        Assert.Equal(before + 1, (await reread.Cases.WithRecord().SingleAsync(c => c.Id == caseId)).Version);
    }

    [Fact]
    public async Task The_database_holds_one_standing_position_per_party_per_wording()
    {
        await using var database = template.Copy();
        var (caseId, treatmentId) = await CaseUnderTreatmentInSsu(database.NewContext());
        await using (var db = database.NewContext())
        {
            var @case = await db.Cases.WithRecord().SingleAsync(c => c.Id == caseId);
            var hamar = await db.Parties.SingleAsync(p => p.Name == "Helseregion Hamar");
            @case.RegisterPosition(treatmentId, hamar, 1, PositionKind.Agree, null, Guid.Empty, false, At);
            await db.SaveChangesAsync();
        }

        // Bypass the domain: a second standing row for the same party and wording must be refused by the schema.
        var error = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => database.SqlAsync($"""
            INSERT INTO "Positions" ("Id", "TreatmentId", "PartyId", "WordingVersion", "Kind", "Text", "RegisteredByPersonId", "RegisteredOnBehalf", "RegisteredAt", "ReplacedAt")
            SELECT '{Guid.NewGuid()}', "TreatmentId", "PartyId", "WordingVersion", 'Disagree', 'Nei', "RegisteredByPersonId", "RegisteredOnBehalf", "RegisteredAt", NULL FROM "Positions" LIMIT 1
            """));
        Assert.Contains("unique", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_replaced_position_stays_in_the_database_as_history()
    {
        await using var database = template.Copy();
        var (caseId, treatmentId) = await CaseUnderTreatmentInSsu(database.NewContext());
        foreach (var kind in new[] { PositionKind.Disagree, PositionKind.Agree })
        {
            await using var db = database.NewContext();
            var @case = await db.Cases.WithRecord().SingleAsync(c => c.Id == caseId);
            var hamar = await db.Parties.SingleAsync(p => p.Name == "Helseregion Hamar");
            @case.RegisterPosition(treatmentId, hamar, 1, kind, kind == PositionKind.Disagree ? "Trenger tid." : null, Guid.Empty, false, At);
            await db.SaveChangesAsync();
        }

        await using var reread = database.NewContext();
        var positions = (await reread.Cases.WithRecord().SingleAsync(c => c.Id == caseId)).Treatments.Single().Positions;
        Assert.Equal(2, positions.Count);
        Assert.Single(positions, p => p.IsReplaced && p.Kind == PositionKind.Disagree);
    }

    [Fact]
    public async Task Case_numbers_stay_unique_and_gap_free_when_cases_are_registered_at_the_same_instant()
    {
        await using var database = template.Copy();
        var registration = database.Services.GetRequiredService<CaseRegistration>();
        var drafts = new List<Guid>();
        await using (var db = database.NewContext())
        {
            var au = await db.Bodies.SingleAsync(b => b.ShortName == "AU");
            var author = await db.People.FirstAsync();
            for (var i = 0; i < 10; i++)
            {
                var draft = new Case(au.PartnershipId, au, $"Utkast {i}", CaseType.Discussion, false, CaseTag.None, "", "", "", author.Id, At);
                db.Cases.Add(draft);
                drafts.Add(draft.Id);
            }
            await db.SaveChangesAsync();
        }

        // Without this process's write gate, as two app servers on one database file would do it.
        using var start = new ManualResetEventSlim();
        var racers = drafts.Select(id => Task.Run(async () => { start.Wait(); return await registration.RegisterUngatedAsync(id); })).ToList();
        start.Set();
        var numbers = await Task.WhenAll(racers);

        Assert.Equal(Enumerable.Range(1, 10), numbers.Select(n => n.Sequence).Order());
        Assert.All(numbers, n => Assert.Equal(2026, n.Year));
    }

    [Fact]
    public async Task Registering_through_the_write_gate_continues_the_series_of_the_body_and_year()
    {
        await using var database = template.Copy();
        var registration = database.Services.GetRequiredService<CaseRegistration>();
        Guid draftId;
        await using (var db = database.NewContext())
            draftId = (await db.Cases.WithRecord().ToListAsync()).Single(c => c.Number is null).Id;

        var number = await registration.RegisterAsync(draftId, actor: null);

        Assert.Equal("SSU-sak 010/2026", number.In("SSU"));
        await Assert.ThrowsAsync<Helsefellesskap.Domain.DomainException>(() => registration.RegisterAsync(draftId, actor: null));
    }

    [Fact]
    public async Task The_database_runs_in_WAL_mode_from_migrations()
    {
        Assert.SkipWhen(TestServices.OnPostgres, "WAL mode is a property of a SQLite file; PostgreSQL always logs ahead.");
        await using var database = template.Copy();
        await using var db = database.NewContext();
        await using var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", await pragma.ExecuteScalarAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }
}
