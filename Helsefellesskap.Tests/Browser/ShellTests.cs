using Helsefellesskap.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Helsefellesskap.Tests.Browser;

/// <summary>What only a browser shows: the app running, signing in, and the seeded partnership on screen.</summary>
public class ShellTests(AppServer app)
{
    [Fact]
    public async Task The_app_migrates_and_seeds_its_own_database_file_and_reports_healthy()
    {
        var page = await app.NewPageAsync();
        var health = await page.GotoAsync("/health");

        Assert.Equal(200, health!.Status);
        Assert.True(File.Exists(app.DatabasePath));
        await page.Context.CloseWithinAsync();
    }

    [Fact]
    public async Task A_visitor_sees_the_public_front_page_and_must_sign_in_for_the_rest()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Helsefellesskap Innlandet");

        await page.GotoAsync("/utvalg");

        await page.WaitForURLAsync(url => url.Contains("/Account/Login"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Logg inn");
        await page.Context.CloseWithinAsync();
    }

    [Fact]
    public async Task A_wrong_password_gets_a_Norwegian_message_and_keeps_the_user_name()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Brukernavn").FillAsync("hilde.moen");
        await page.GetByLabel("Passord", new() { Exact = true }).FillAsync("feil-passord");
        await page.GetByRole(AriaRole.Button, new() { Name = "Logg inn" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Feil brukernavn eller passord");
        await Expect(page.GetByLabel("Brukernavn")).ToHaveValueAsync("hilde.moen");
        await page.Context.CloseWithinAsync();
    }

    [Fact]
    public async Task A_member_signs_in_sees_their_seats_and_finds_the_seeded_bodies()
    {
        var page = await app.SignedInPageAsync("siri.braaten");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Oversikt");
        await Expect(page.GetByText("Medlem i Strategisk samarbeidsutvalg")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Utvalg", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Utvalg");
        foreach (var body in new[] { "Partnerskapsmøtet (PM)", "Strategisk samarbeidsutvalg (SSU)", "Arbeidsutvalget (AU)" })
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = body })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Strategisk samarbeidsutvalg (SSU)" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Parter som må være enige (8)" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Siri Bråten")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Logg ut" }).ClickAsync();
        // The front page, or the sign-in page when the tab's own circuit ended first (signing out ends every tab).
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Logg inn" }).Or(page.GetByRole(AriaRole.Button, new() { Name = "Logg inn" })).First).ToBeVisibleAsync();
        await page.Context.CloseWithinAsync();
    }

    [Fact]
    public async Task The_case_register_links_to_a_case_whose_path_shows_each_party_s_position()
    {
        var page = await app.SignedInPageAsync("mari.hovde");
        await page.GetByRole(AriaRole.Link, new() { Name = "Saker", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Felles kompetanseplan for sykepleiere og helsefagarbeidere" }).ClickAsync();

        await Expect(page.GetByText("SSU-sak 004/2026 · Strategisk samarbeidsutvalg")).ToBeVisibleAsync();
        await Expect(page.GetByText("7 av 8 parter enige – uenig: Helseregion Nord-Østerdal")).ToBeVisibleAsync();
        await Expect(page.GetByText("Videre: Tilbake til arbeidsutvalget")).ToBeVisibleAsync();
        await page.Context.CloseWithinAsync();
    }

    [Fact]
    public async Task A_meeting_has_its_own_page_listing_the_cases_treated_there_and_their_outcome()
    {
        var page = await app.SignedInPageAsync("liv.aune");
        await AppServer.GotoLiveAsync(page, "/moter");
        await page.GetByRole(AriaRole.Link, new() { Name = "onsdag 21. januar 2026 kl. 09:00" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Møte i Strategisk samarbeidsutvalg");
        var item = page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Årsrapport 2025 for Helsefellesskap Innlandet" });
        await Expect(item).ToContainTextAsync("Tatt til orientering");
        await item.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Årsrapport 2025 for Helsefellesskap Innlandet");
        Assert.Contains("#behandling-", page.Url);
        await page.Context.CloseWithinAsync();
    }

    [Fact]
    public async Task A_visitor_reads_the_public_decisions_without_signing_in_but_not_the_case_register()
    {
        var page = await app.NewPageAsync();
        await AppServer.GotoLiveAsync(page, "/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Se offentlige vedtak" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Felles kompetanseplan for sykepleiere og helsefagarbeidere" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Felles kompetanseplan for sykepleiere og helsefagarbeidere");
        await Expect(page.GetByText("Helseregion Nord-Østerdal: Uenig")).ToBeVisibleAsync();

        await page.GotoAsync("/saker");
        await page.WaitForURLAsync(url => url.Contains("/Account/Login"));
        await page.Context.CloseWithinAsync();
    }
}
