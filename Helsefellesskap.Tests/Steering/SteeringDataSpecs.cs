using Helsefellesskap.App.Features.Steering;
using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Steering;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.Tests.Steering;

/// <summary>The steering figures through the app's service, on the seeded demo database.</summary>
public sealed class SteeringDataSpecs(DemoDatabaseTemplate template) : ServiceSpec(template)
{
    private SteeringData Data => Service<SteeringData>();

    private async Task<Guid> CopdCase()
    {
        await using var db = Database.NewContext();
        return await db.Cases.Where(c => c.Title == "Pasientforløp for personer med kols i Innlandet").Select(c => c.Id).SingleAsync();
    }

    [Fact]
    public async Task The_figures_of_innlandet_csv_are_seeded_for_every_region()
    {
        await As("liv.aune");

        var table = await Data.TableAsync();

        Assert.Equal(2025, table.Year);
        Assert.Equal(7, table.Regions.Count);
        var valdres = table.Regions.Single(r => r.ShortName == "Valdres");
        Assert.Equal((1056, 25, 40), (valdres.Values[SteeringIndicator.CopdPatients], valdres.Values[SteeringIndicator.InpatientStays],
            valdres.Values[SteeringIndicator.OutpatientContacts]));
        Assert.Equal(20510L, table.Total(SteeringIndicator.CopdPatients));
    }

    [Fact]
    public async Task The_secretariat_revises_a_figure_and_adds_a_new_year()
    {
        await As("mari.hovde");
        var valdres = await Party("Helseregion Valdres");

        var errors = await Data.SaveAsync(2025, [new(valdres, SteeringIndicator.CopdPatients, "1 070")]);
        Assert.Empty(errors);
        await Data.SaveAsync(2026, [new(valdres, SteeringIndicator.InpatientStays, "31")]);

        Assert.Equal(1070, (await Data.TableAsync(2025)).Regions.Single(r => r.RegionId == valdres).Values[SteeringIndicator.CopdPatients]);
        var latest = await Data.TableAsync();
        Assert.Equal(2026, latest.Year);
        Assert.Equal([2026, 2025], latest.Years);
        Assert.Equal(31, latest.Regions.Single(r => r.RegionId == valdres).Values[SteeringIndicator.InpatientStays]);
    }

    [Fact]
    public async Task Figures_that_are_not_whole_numbers_of_zero_or_more_are_refused_each_with_its_message_and_nothing_is_saved()
    {
        await As("mari.hovde");
        var valdres = await Party("Helseregion Valdres");
        var hamar = await Party("Helseregion Hamar");
        var before = await DatabaseFingerprint.OfAsync(Database.Path);

        var errors = await Data.SaveAsync(2025, [
            new(valdres, SteeringIndicator.CopdPatients, "1100"),
            new(valdres, SteeringIndicator.InpatientStays, "-2"),
            new(hamar, SteeringIndicator.OutpatientContacts, "4,5"),
        ]);

        Assert.Equal("Døgnopphold i Helseregion Valdres kan ikke være et negativt tall.", errors[(valdres, SteeringIndicator.InpatientStays)]);
        Assert.Equal("Polikliniske kontakter i Helseregion Hamar må være et helt tall, for eksempel 1056.", errors[(hamar, SteeringIndicator.OutpatientContacts)]);
        Assert.Equal(2, errors.Count);
        Assert.Equal(before, await DatabaseFingerprint.OfAsync(Database.Path));
    }

    [Fact]
    public async Task A_new_year_may_be_filled_in_bit_by_bit_but_a_figure_once_given_is_never_blanked()
    {
        await As("mari.hovde");
        var valdres = await Party("Helseregion Valdres");
        var hamar = await Party("Helseregion Hamar");

        var errors = await Data.SaveAsync(2026, [new(valdres, SteeringIndicator.CopdPatients, "1080"), new(hamar, SteeringIndicator.CopdPatients, " ")]);
        Assert.Empty(errors);
        Assert.Null((await Data.TableAsync(2026)).Regions.Single(r => r.RegionId == hamar).Values[SteeringIndicator.CopdPatients]);

        errors = await Data.SaveAsync(2026, [new(valdres, SteeringIndicator.CopdPatients, "")]);
        Assert.Equal("Fyll inn pasienter med kols i Helseregion Valdres.", errors[(valdres, SteeringIndicator.CopdPatients)]);
    }

    [Theory]
    [InlineData("hilde.moen")]
    [InlineData("admin")]
    public async Task Only_the_secretariat_edits_the_figures(string user)
    {
        await As(user);
        var valdres = await Party("Helseregion Valdres");

        var error = await Assert.ThrowsAsync<DomainException>(() => Data.SaveAsync(2025, [new(valdres, SteeringIndicator.CopdPatients, "1")]));

        Assert.Equal("Bare sekretariatet kan endre styringstall.", error.Message);
    }

    [Fact]
    public async Task A_case_shows_the_figures_it_rests_on_as_the_secretariat_chose_them()
    {
        await As("mari.hovde");
        var copd = await CopdCase();
        Assert.Equal([SteeringIndicator.CopdPatients, SteeringIndicator.InpatientStays], (await Data.ForCaseAsync(copd))!.Indicators);

        await Data.LinkCaseAsync(copd, 2025, [SteeringIndicator.OutpatientContacts]);

        var linked = (await Data.ForCaseAsync(copd))!;
        Assert.Equal([SteeringIndicator.OutpatientContacts], linked.Indicators);
        Assert.Equal(2025, linked.Year);
        await Data.LinkCaseAsync(copd, 2025, []);
        Assert.Null(await Data.ForCaseAsync(copd));
    }

    [Fact]
    public async Task Only_the_secretariat_links_a_case_to_figures()
    {
        await As("torstein.vik");
        var copd = await CopdCase();

        var error = await Assert.ThrowsAsync<DomainException>(() => Data.LinkCaseAsync(copd, 2025, [SteeringIndicator.CopdPatients]));

        Assert.Equal("Bare sekretariatet kan knytte styringstall til en sak.", error.Message);
    }

    [Fact]
    public void Totals_are_summed_so_they_never_overflow()
    {
        var indicator = SteeringIndicator.CopdPatients;
        var regions = Enumerable.Range(0, 7).Select(i => new RegionFigures(Guid.NewGuid(), $"Helseregion {i}",
            new Dictionary<SteeringIndicator, int?> { [indicator] = int.MaxValue })).ToList();

        Assert.Equal(7L * int.MaxValue, new SteeringTable(2025, [2025], regions).Total(indicator));
    }
}
