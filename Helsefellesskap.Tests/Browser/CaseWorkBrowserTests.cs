using Helsefellesskap.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Helsefellesskap.Tests.Browser;

/// <summary>The secretariat drafts a case, AU prepares it, and anyone finds it in the register: four people, four browsers.</summary>
[Collection(BrowserUsers.PerOlavNes)]
public class CaseWorkBrowserTests(AppServer app)
{
    private static async Task Shot(IPage page, string name)
    {
        // Set HF_SCREENSHOTS to a folder to keep screenshots of the flow for a look by eye.
        if (Environment.GetEnvironmentVariable("HF_SCREENSHOTS") is { Length: > 0 } folder)
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    [Fact]
    public async Task A_case_is_drafted_registered_prepared_in_AU_put_forward_to_SSU_and_found_in_the_register()
    {
        var token = Guid.NewGuid().ToString("N")[..8];
        var title = $"Felles rutine for legemiddelsamstemming {token}";

        // The secretariat drafts the case; it is saved as she types.
        var secretary = await app.SignedInPageAsync("mari.hovde");
        await AppServer.GotoLiveAsync(secretary, "/saker");
        // The search field shows once the page is live; a click before that can be lost while the circuit starts.
        await Expect(secretary.GetByRole(AriaRole.Textbox, new() { Name = "Søk i tittel og tekst" })).ToBeVisibleAsync();
        await secretary.GetByRole(AriaRole.Link, new() { Name = "Ny sak" }).ClickAsync();
        // On the editor first: "Tittel" also matches the register's "Søk i tittel og tekst", which the fill would
        // find if it ran before the navigation had landed.
        await Expect(secretary.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ny sak");
        await secretary.GetByRole(AriaRole.Textbox, new() { Name = "Tittel" }).FillAsync(title);
        await secretary.GetByRole(AriaRole.Textbox, new() { Name = "Bakgrunn" }).FillAsync("Legemiddellistene er **ulike** i sykehus og kommune.");
        await secretary.GetByRole(AriaRole.Textbox, new() { Name = "Forslag til vedtak" }).FillAsync("SSU vedtar felles rutine for legemiddelsamstemming.");
        await Expect(secretary.GetByRole(AriaRole.Status).Filter(new() { HasText = "Alle endringer er lagret" })).ToBeVisibleAsync();
        await Expect(secretary.Locator(".preview strong")).ToHaveTextAsync("ulike");
        await Shot(secretary, "1-editor");

        await secretary.GetByRole(AriaRole.Link, new() { Name = "Ferdig – vis saken" }).ClickAsync();
        await secretary.GetByRole(AriaRole.Button, new() { Name = "Registrer og gi saksnummer" }).ClickAsync();
        await Expect(secretary.GetByText(new System.Text.RegularExpressions.Regex(@"SSU-sak \d{3}/2026 · Strategisk samarbeidsutvalg"))).ToBeVisibleAsync();
        await secretary.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Expect(secretary.GetByText("Til behandling i AU").First).ToBeVisibleAsync();
        var caseUrl = secretary.Url;

        // AU: each side states its position, from its own browser.
        var municipalities = await app.SignedInPageAsync("perolav.nes");
        await AppServer.GotoLiveAsync(municipalities, "/forberedelse");
        await municipalities.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Expect(municipalities.GetByText("Part: Kommunene i Innlandet (samlet)")).ToBeVisibleAsync();
        await municipalities.GetByRole(AriaRole.Button, new() { Name = "Registrer standpunkt" }).ClickAsync();
        await Expect(municipalities.GetByText("1 av 2 parter enige – venter på Sykehuset Innlandet HF")).ToBeVisibleAsync();

        var hospital = await app.SignedInPageAsync("geir.lien");
        await AppServer.GotoLiveAsync(hospital, caseUrl);
        await hospital.GetByRole(AriaRole.Radio, new() { Name = "Enig med merknad" }).CheckAsync();
        await hospital.GetByRole(AriaRole.Textbox, new() { Name = "Merknad (kommer i protokollen)" }).FillAsync("Divisjonene trenger opplæring.");
        await hospital.GetByRole(AriaRole.Button, new() { Name = "Registrer standpunkt" }).ClickAsync();
        await Expect(hospital.GetByText("2 av 2 parter enige")).ToBeVisibleAsync();
        await Shot(hospital, "2-au-positions");

        // AU's chair concludes: the recommendation goes forward to SSU.
        var chair = await app.SignedInPageAsync("knut.ellingsen");
        await AppServer.GotoLiveAsync(chair, caseUrl);
        await chair.GetByRole(AriaRole.Button, new() { Name = "Vedta innstillingen og legg den fram" }).ClickAsync();
        await Expect(chair.GetByText("Lagt fram for SSU", new() { Exact = true })).ToBeVisibleAsync();
        await Shot(chair, "3-recommended");

        // Anyone finds it in the register, searching for a word of its title.
        var observer = await app.SignedInPageAsync("liv.aune");
        await AppServer.GotoLiveAsync(observer, "/saker");
        await observer.GetByRole(AriaRole.Textbox, new() { Name = "Søk i tittel og tekst" }).FillAsync(token);
        await Expect(observer.GetByText("1 sak med disse valgene")).ToBeVisibleAsync();
        var row = observer.GetByRole(AriaRole.Row).Filter(new() { HasText = title });
        await Expect(row.GetByText("Innstilling fra AU til SSU")).ToBeVisibleAsync();
        Assert.Contains("q=" + token, observer.Url);
        await Shot(observer, "4-register");

        // An observer reads but is offered none of the secretariat's actions.
        await row.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Expect(observer.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        await Expect(observer.GetByRole(AriaRole.Link, new() { Name = "Rediger" })).ToHaveCountAsync(0);

        foreach (var page in new[] { secretary, municipalities, hospital, chair, observer }) await page.Context.CloseWithinAsync();
    }

    [Fact]
    public async Task An_empty_title_gets_a_Norwegian_message_and_keeps_what_was_typed()
    {
        var page = await app.SignedInPageAsync("geir.lien");
        await AppServer.GotoLiveAsync(page, "/saker/ny");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Vurdering" }).FillAsync("Teksten min skal ikke forsvinne.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lagre nå" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Ikke lagret" })).ToContainTextAsync("Skriv en tittel");
        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Vurdering" })).ToHaveValueAsync("Teksten min skal ikke forsvinne.");
        await page.Context.CloseWithinAsync();
    }
}
