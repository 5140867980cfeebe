using Helsefellesskap.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Helsefellesskap.Tests.Browser;

/// <summary>The steering figures: charts and a table for everyone, edited by the secretariat, linked from a case.</summary>
public class SteeringBrowserTests(AppServer app)
{
    private static async Task Shot(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("HF_SCREENSHOTS") is { Length: > 0 } folder)
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    private static ILocator Cell(IPage page, string label) => page.GetByRole(AriaRole.Textbox, new() { Name = label, Exact = true });

    [Fact]
    public async Task The_secretariat_corrects_a_figure_a_wrong_one_is_refused_in_Norwegian_and_nothing_typed_is_lost()
    {
        var page = await app.SignedInPageAsync("mari.hovde");
        await AppServer.GotoLiveAsync(page, "/oversikt");
        await page.GetByRole(AriaRole.Link, new() { Name = "Styringsdata" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Styringsdata", Level = 1 })).ToBeVisibleAsync();
        var valdres = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Valdres" });
        await Expect(valdres).ToContainTextAsync("1 056");
        await Expect(page.Locator("main svg").First).ToBeVisibleAsync(); // the chart (the menu button's icon is hidden at this width)
        await Shot(page, "steering-1-desktop");

        await page.GetByRole(AriaRole.Button, new() { Name = "Endre tallene for 2025" }).ClickAsync();
        await Cell(page, "Pasienter med kols i Helseregion Valdres").FillAsync("1 075");
        await Cell(page, "Døgnopphold i Helseregion Hamar").FillAsync("-3");
        await Cell(page, "Polikliniske kontakter i Helseregion Nord-Østerdal").FillAsync("12,5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lagre tallene" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Ingen tall er lagret. Rett de 2 feltene");
        await Expect(page.GetByText("Døgnopphold i Helseregion Hamar kan ikke være et negativt tall.")).ToBeVisibleAsync();
        await Expect(page.GetByText("Polikliniske kontakter i Helseregion Nord-Østerdal må være et helt tall, for eksempel 1056.")).ToBeVisibleAsync();
        await Expect(Cell(page, "Pasienter med kols i Helseregion Valdres")).ToHaveValueAsync("1 075");
        await Expect(Cell(page, "Døgnopphold i Helseregion Hamar")).ToHaveAttributeAsync("aria-invalid", "true");
        await Shot(page, "steering-2-refused");

        await Cell(page, "Døgnopphold i Helseregion Hamar").FillAsync("152");
        await Cell(page, "Polikliniske kontakter i Helseregion Nord-Østerdal").FillAsync("117");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lagre tallene" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Styringstallene for 2025 er lagret." })).ToBeVisibleAsync();
        await Expect(valdres).ToContainTextAsync("1 075");

        // On a case the secretariat picks the figures it rests on.
        await AppServer.GotoLiveAsync(page, "/saker");
        await page.GetByRole(AriaRole.Link, new() { Name = "Samvalg i overgangen mellom sykehus og kommune" }).ClickAsync();
        await Expect(page.GetByText("Saken er ikke knyttet til styringstall.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Polikliniske kontakter" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Lagre valget av styringstall" }).ClickAsync();
        var figures = page.GetByRole(AriaRole.Table, new() { Name = "Tall per helseregion for 2025" });
        await Expect(figures).ToContainTextAsync("Polikliniske kontakter");
        if (Environment.GetEnvironmentVariable("HF_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.GetByRole(AriaRole.Heading, new() { Name = "Styringsdata saken bygger på" }).EvaluateAsync("h => h.scrollIntoView()");
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "steering-4-case-panel.png") });
        }
        await page.Context.CloseWithinAsync();
    }

    [Fact]
    public async Task A_case_shows_the_figures_it_rests_on_and_the_page_fits_a_phone()
    {
        var page = await app.SignedInPageAsync("liv.aune", width: 375);
        await AppServer.GotoLiveAsync(page, "/styringsdata");
        await Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("Innlandet i alt");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "The steering page scrolls sideways on a 375 px phone.");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Endre tallene for 2025" })).ToHaveCountAsync(0);
        await Shot(page, "steering-3-phone");

        await AppServer.GotoLiveAsync(page, "/saker");
        await page.GetByRole(AriaRole.Link, new() { Name = "Pasientforløp for personer med kols i Innlandet" }).ClickAsync();
        var figures = page.GetByRole(AriaRole.Table, new() { Name = "Tall per helseregion for 2025" });
        await Expect(figures).ToContainTextAsync("Pasienter med kols");
        await Expect(figures).ToContainTextAsync("Døgnopphold");
        await Expect(figures).Not.ToContainTextAsync("Polikliniske kontakter");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Alle styringsdata" })).ToBeVisibleAsync();
        await page.Context.CloseWithinAsync();
    }
}
