using Helsefellesskap.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Helsefellesskap.Tests.Browser;

/// <summary>Whatever is typed into an address or a form, the page answers with a Norwegian message and stays up.</summary>
public class FailSoftBrowserTests(AppServer app)
{
    private static async Task Shot(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("HF_SCREENSHOTS") is { Length: > 0 } folder)
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    [Theory]
    [InlineData("/saker?side=abc", "«abc» er ikke et sidetall. Viser første side.")]
    [InlineData("/saker?side=2147483647", "«2147483647» er ikke et sidetall. Viser første side.")]
    [InlineData("/saker?aar=99999999999", "«99999999999» er ikke et år som kan vises. Velg et år mellom 2000 og 2100.")]
    [InlineData("/saker?prinsipiell=kanskje", "«kanskje» er ikke ja eller nei (true eller false); valget er ikke brukt.")]
    [InlineData("/arsrapport?aar=9999", "«9999» er ikke et år som kan vises. Velg et år mellom 2000 og 2100.")]
    [InlineData("/arsrapport?aar=0", "«0» er ikke et år som kan vises.")]
    [InlineData("/arsrapport?aar=-1", "«-1» er ikke et år som kan vises.")]
    [InlineData("/arsrapport?aar=abc", "«abc» er ikke et år som kan vises.")]
    public async Task A_query_parameter_that_cannot_be_read_gives_a_Norwegian_message_not_an_error(string url, string message)
    {
        var page = await app.SignedInPageAsync("liv.aune");

        var response = await page.GotoAsync(url);

        Assert.Equal(200, response!.Status);
        await Expect(page.GetByText(message)).ToBeVisibleAsync();
        await AppServer.WhenLiveAsync(page);
        await Expect(page.GetByText(message)).ToBeVisibleAsync();
        if (url == "/saker?side=abc") await Shot(page, "failsoft-saker-side");
        if (url == "/arsrapport?aar=9999") await Shot(page, "failsoft-arsrapport");
        await page.Context.CloseWithinAsync();
    }

    [Fact]
    public async Task A_meeting_at_the_end_of_time_is_refused_with_a_message_and_the_page_stays_live()
    {
        var page = await app.SignedInPageAsync("mari.hovde");
        await AppServer.GotoLiveAsync(page, "/moter/ny");
        await page.GetByLabel("Utvalg").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Strategisk samarbeidsutvalg" }).ClickAsync();
        await page.GetByLabel("Dato").FillAsync("9999-12-31");
        await page.GetByLabel("Klokkeslett").FillAsync("23:00");
        await page.GetByLabel("Varighet i minutter").FillAsync("720");
        await page.GetByLabel("Sted", new() { Exact = true }).FillAsync("Hamar");

        await page.GetByRole(AriaRole.Button, new() { Name = "Planlegg møtet" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Møtetidspunktet må være mellom år 2000 og 2100.");
        await Shot(page, "failsoft-meeting");
        // Still live: the next submission gets its own answer.
        await page.GetByLabel("Dato").FillAsync("2001-01-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Planlegg møtet" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Et nytt møte kan ikke legges til en dag som har vært.");
        await page.Context.CloseWithinAsync();
    }

    [Fact]
    public async Task A_steering_figure_beyond_the_sensible_range_is_refused_and_the_page_stays_up()
    {
        var page = await app.SignedInPageAsync("mari.hovde");
        await AppServer.GotoLiveAsync(page, "/styringsdata");
        await page.GetByRole(AriaRole.Button, new() { Name = "Endre tallene for 2025" }).ClickAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Pasienter med kols i Helseregion Valdres", Exact = true }).FillAsync("2147483647");

        await page.GetByRole(AriaRole.Button, new() { Name = "Lagre tallene" }).ClickAsync();

        await Expect(page.GetByText("Pasienter med kols i Helseregion Valdres kan ikke være over 100 000 000.")).ToBeVisibleAsync();
        var reload = await page.GotoAsync("/styringsdata");
        Assert.Equal(200, reload!.Status);
        await page.Context.CloseWithinAsync();
    }
}
