using Helsefellesskap.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Helsefellesskap.Tests.Browser;

/// <summary>Anyone, without signing in, searches the decisions, reads approved minutes and finds the feed.</summary>
public class PublicRecordBrowserTests(AppServer app)
{
    [Fact]
    public async Task The_public_searches_decisions_reads_approved_minutes_and_follows_the_feed()
    {
        var page = await app.NewPageAsync(375);
        // Typed only once the page is live: the first interactive render would otherwise redraw the field.
        await AppServer.GotoLiveAsync(page, "/offentlig");
        await page.GetByLabel("Søk i vedtakene").FillAsync("kols");
        await page.GetByRole(AriaRole.Button, new() { Name = "Søk" }).ClickAsync();
        await page.WaitForURLAsync("**/offentlig?q=kols");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Pasientforløp for personer med kols i Innlandet" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Felles prosedyre for utskrivningsklare pasienter" })).ToHaveCountAsync(0);

        await page.GotoAsync("/offentlig/protokoller");
        await page.GetByRole(AriaRole.Link, new() { Name = "Strategisk samarbeidsutvalg, 18. mars 2026" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Protokoll fra møte i Strategisk samarbeidsutvalg");
        await Expect(page.Locator("section.minutes-item", new() { HasText = "Pasientforløp for personer med kols" })).ToContainTextAsync("Vedtatt med forbehold om lokal forankring");

        var feed = await page.APIRequest.GetAsync("/offentlig/protokoller.atom");
        Assert.Equal(200, feed.Status);
        Assert.StartsWith("application/atom+xml", feed.Headers["content-type"]);
        Assert.Contains("Protokoll fra Strategisk samarbeidsutvalg 18. mars 2026", await feed.TextAsync());
    }
}
