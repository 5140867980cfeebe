using Bunit;
using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features.Bodies;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Helsefellesskap.Tests.Bodies;

/// <summary>The bodies pages rendered by bUnit from the real, migrated and seeded SQLite database.</summary>
public sealed class BodiesPageTests : BunitContext
{
    private readonly TestDatabase database;

    public BodiesPageTests(DemoDatabaseTemplate template)
    {
        database = template.Copy();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(o => o.PopoverOptions.CheckForPopoverProvider = false);
        Services.AddSingleton(database.Services.GetRequiredService<IDbContextFactory<AppDbContext>>());
        Services.AddSingleton<TimeProvider>(new FixedClock(FixedClock.DemoNow));
        Services.AddScoped<BodyQueries>();
        // The body's page asks who is signed in (the reminder form is for the secretariat): here nobody is.
        Services.AddSingleton(database.Services.GetRequiredService<App.Data.WriteGate>());
        Services.AddScoped<App.Features.Access.Actors>();
        Services.AddScoped<BodySettings>();
        AddAuthorization();
        Services.AddSingleton<Helsefellesskap.App.Shared.PartnershipName>();
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await database.DisposeAsync();
    }

    [Fact]
    public void The_bodies_page_lists_each_body_with_its_mandate_chair_and_parties_that_must_agree()
    {
        var page = Render<BodiesPage>();

        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("h2 a").Count));
        var cards = page.FindAll("h2 a").Select(a => a.TextContent).ToList();
        Assert.Equal(["Partnerskapsmøtet (PM)", "Strategisk samarbeidsutvalg (SSU)", "Arbeidsutvalget (AU)",
            "Fagutvalg psykisk helse barn og unge (pilot) (FU-PHBU)"], cards);
        Assert.Contains("8 parter må være enige", page.Markup);
        Assert.Contains("43 parter må være enige", page.Markup);
        Assert.Contains("Mandat: forbereder saker (innstiller)", page.Markup);
        Assert.Contains("Leder: Torstein Vik (kommunene)", page.Markup);
    }

    [Fact]
    public void The_bodies_page_shows_the_seven_health_regions_and_their_municipalities()
    {
        var page = Render<BodiesPage>();

        page.WaitForAssertion(() => Assert.Contains("Helseregion Valdres", page.Markup));
        Assert.Contains("Sykehuset Innlandet og de 42 kommunene, samordnet i 7 helseregioner", page.Markup);
        Assert.Contains("Etnedal, Nord-Aurdal, Sør-Aurdal, Vang, Vestre Slidre, Øystre Slidre", page.Markup);
    }

    [Fact]
    public void A_body_s_page_shows_its_seats_terms_and_the_chair_alternating_between_the_sides()
    {
        var page = Render<BodyPage>(p => p.Add(x => x.Slug, "ssu"));

        page.WaitForAssertion(() => Assert.Contains("Strategisk samarbeidsutvalg (SSU)", page.Find("h1").TextContent));
        Assert.Contains("Parter som må være enige (8)", page.Markup);
        Assert.Contains("Ledervervet går på omgang mellom kommunene og sykehuset; nå leder kommunene", page.Markup);
        Assert.Contains("Observatører (7)", page.Markup);
        var chair = page.FindAll(".seat-list li").First(li => li.TextContent.Contains("Torstein Vik"));
        Assert.Contains("leder", chair.TextContent);
        Assert.Contains("Periode 01.01.2026–31.12.2027", chair.TextContent);
        // Earlier terms are kept: the hospital chaired 2024–2025.
        Assert.Contains("Tidligere og kommende verv (2)", page.Markup);
    }

    [Fact]
    public void An_unknown_body_gets_a_clear_message()
    {
        var page = Render<BodyPage>(p => p.Add(x => x.Slug, "finnes-ikke"));

        page.WaitForAssertion(() => Assert.Contains("Fant ikke utvalget", page.Markup));
    }
}
