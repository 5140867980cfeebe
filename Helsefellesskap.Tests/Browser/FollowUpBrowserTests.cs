using Helsefellesskap.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Helsefellesskap.Tests.Browser;

/// <summary>Follow-up in a real browser: the owner reports progress, the secretariat gives a mandate from the decision.</summary>
public class FollowUpBrowserTests(AppServer app)
{
    private static async Task Shot(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("HF_SCREENSHOTS") is { Length: > 0 } folder)
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    [Fact]
    public async Task The_owner_sees_the_overdue_action_first_and_reports_progress_on_her_own()
    {
        var owner = await app.SignedInPageAsync("silje.vang");
        await AppServer.GotoLiveAsync(owner, "/oppfolging");
        var rows = owner.GetByRole(AriaRole.Row).Filter(new() { HasText = "Forfalt" });
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(owner.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("Sende kolsforløpet til politisk behandling");
        await Shot(owner, "oppfolging-desktop");

        // Only her own action offers an update.
        await Expect(owner.GetByRole(AriaRole.Button, new() { Name = "Oppdater fremdrift: Sende kolsforløpet til politisk behandling i alle kommunene" })).ToHaveCountAsync(0);
        await owner.GetByRole(AriaRole.Button, new() { Name = "Oppdater fremdrift: Evaluere piloten og foreslå mandat for flere fagutvalg" }).ClickAsync();
        await owner.GetByLabel("Fremdrift (prosent)").FillAsync("60");
        await owner.GetByLabel("Kort notat om fremdriften").FillAsync("Intervjuer med alle regionene er gjennomført.");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Lagre fremdrift" }).ClickAsync();

        var row = owner.GetByRole(AriaRole.Row).Filter(new() { HasText = "Evaluere piloten" });
        await Expect(row).ToContainTextAsync("60 %");
        await Expect(row).ToContainTextAsync("Intervjuer med alle regionene er gjennomført.");
        await owner.Context.CloseWithinAsync();
    }

    [Fact]
    public async Task The_list_on_a_phone_says_overdue_in_words()
    {
        var page = await app.SignedInPageAsync("hilde.moen", 375);
        await AppServer.GotoLiveAsync(page, "/oppfolging");
        await Expect(page.GetByText("Forfalt", new() { Exact = true })).ToBeVisibleAsync();
        await Shot(page, "oppfolging-375");
        await page.Context.CloseWithinAsync();
    }

    [Fact]
    public async Task The_secretariat_gives_the_professional_committee_a_mandate_from_a_decision()
    {
        var secretary = await app.SignedInPageAsync("mari.hovde");
        await AppServer.GotoLiveAsync(secretary, "/vedtak");
        await secretary.GetByRole(AriaRole.Link, new() { Name = "Felles prosedyre for utskrivningsklare pasienter" }).ClickAsync();
        await Expect(secretary.GetByRole(AriaRole.Heading, new() { Name = "Oppfølging" })).ToBeVisibleAsync();
        await AppServer.WhenLiveAsync(secretary);

        await secretary.GetByRole(AriaRole.Button, new() { Name = "Gi mandat til et utvalg" }).ClickAsync();
        await secretary.GetByLabel("Utvalg som får mandatet").ClickAsync();
        await secretary.GetByRole(AriaRole.Option, new() { Name = "Fagutvalg psykisk helse barn og unge (pilot)" }).ClickAsync();
        await secretary.GetByLabel("Frist for å melde tilbake").FillAsync("2027-04-30");
        await secretary.GetByLabel("Tittel på saken i utvalget").FillAsync("Utskrivning av barn og unge fra BUP");
        await secretary.GetByLabel("Mandat", new() { Exact = true }).FillAsync("Fagutvalget tilpasser prosedyren for barn og unge.");
        await Shot(secretary, "mandat-skjema");
        await secretary.GetByRole(AriaRole.Button, new() { Name = "Gi mandatet" }).ClickAsync();

        var row = secretary.GetByRole(AriaRole.Row).Filter(new() { HasText = "Mandat til FU-PHBU: Utskrivning av barn og unge fra BUP" });
        await Expect(row).ToContainTextAsync("Silje Vang");
        await Expect(row).ToContainTextAsync("30.04.2027");
        await Shot(secretary, "vedtak-oppfolging");
        await row.GetByRole(AriaRole.Link, new() { Name = "Mandatsaken i utvalget" }).ClickAsync();
        await Expect(secretary.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Utskrivning av barn og unge fra BUP");
        await Expect(secretary.GetByText("Utkast · Fagutvalg psykisk helse barn og unge (pilot)")).ToBeVisibleAsync();
        await secretary.Context.CloseWithinAsync();
    }

    [Fact]
    public async Task The_secretariat_adds_an_action_to_a_decision_and_moves_its_deadline()
    {
        var secretary = await app.SignedInPageAsync("geir.lien");
        await AppServer.GotoLiveAsync(secretary, "/vedtak");
        await secretary.GetByRole(AriaRole.Link, new() { Name = "Etablering av fagutvalg for psykisk helse barn og unge (pilot)" }).ClickAsync();
        await Expect(secretary.GetByRole(AriaRole.Heading, new() { Name = "Oppfølging" })).ToBeVisibleAsync();
        await AppServer.WhenLiveAsync(secretary);

        await secretary.GetByRole(AriaRole.Button, new() { Name = "Nytt tiltak" }).ClickAsync();
        await secretary.GetByLabel("Hva skal gjøres").FillAsync("Gi de minste kommunene plass i fagutvalget");
        await secretary.GetByLabel("Eier (part)").ClickAsync();
        await secretary.GetByRole(AriaRole.Option, new() { Name = "Helseregion Valdres" }).ClickAsync();
        await secretary.GetByLabel("Ansvarlig person").ClickAsync();
        await secretary.GetByRole(AriaRole.Option, new() { Name = "Siri Bråten" }).ClickAsync();
        await secretary.GetByLabel("Frist").FillAsync("2027-02-01");
        await secretary.GetByRole(AriaRole.Button, new() { Name = "Opprett tiltaket" }).ClickAsync();

        var row = secretary.GetByRole(AriaRole.Row).Filter(new() { HasText = "Gi de minste kommunene plass i fagutvalget" });
        await Expect(row).ToContainTextAsync("01.02.2027");
        await Expect(row).ToContainTextAsync("Siri Bråten");

        await row.GetByRole(AriaRole.Button, new() { Name = "Endre tiltaket: Gi de minste kommunene plass i fagutvalget" }).ClickAsync();
        await secretary.GetByLabel("Frist").FillAsync("2027-03-15");
        await secretary.GetByRole(AriaRole.Button, new() { Name = "Lagre endringene" }).ClickAsync();
        await Expect(row).ToContainTextAsync("15.03.2027");
        await secretary.Context.CloseWithinAsync();
    }
}
