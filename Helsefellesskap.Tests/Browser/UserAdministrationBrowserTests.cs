using Helsefellesskap.App.Data;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Helsefellesskap.Tests.Browser;

/// <summary>
/// User administration in real browsers. Deactivating Per Olav Nes would break a test that signs him in at the
/// same moment, so this class shares a collection (and so never runs at once) with the other test that uses him.
/// </summary>
[Collection(BrowserUsers.PerOlavNes)]
public class UserAdministrationBrowserTests(AppServer app)
{
    private const string SharedDecisions = "Samvalg i overgangen mellom sykehus og kommune";

    private static async Task Shot(IPage page, string name)
    {
        // Set HF_SCREENSHOTS to a folder to keep screenshots of the pages for a look by eye.
        if (Environment.GetEnvironmentVariable("HF_SCREENSHOTS") is { Length: > 0 } folder)
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    private async Task<(Guid CaseId, int Positions)> SharedDecisionsAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var @case = await db.Cases.WithRecord().SingleAsync(c => c.Title == SharedDecisions);
        return (@case.Id, @case.OpenTreatment!.Positions.Count);
    }

    [Fact]
    public async Task A_deactivated_user_s_open_tab_stops_at_once_and_nothing_more_is_registered()
    {
        // Per Olav Nes speaks for the municipalities in AU, where the case waits for their position.
        var (caseId, positionsBefore) = await SharedDecisionsAsync();
        var member = await app.SignedInPageAsync("perolav.nes");
        await AppServer.GotoLiveAsync(member, $"/saker/{caseId}");
        await Expect(member.GetByText("Part: Kommunene i Innlandet (samlet)")).ToBeVisibleAsync();

        // Meanwhile, on another device, the administrator deactivates him.
        var admin = await app.SignedInPageAsync("admin");
        // Let the page go live first: a click while the circuit starts can be lost.
        await admin.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Brukere", Exact = true }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Brukere");
        await Shot(admin, "admin-1-users");
        var search = admin.GetByRole(AriaRole.Textbox, new() { Name = "Søk etter navn eller brukernavn" });
        await search.FillAsync("Per Olav");
        var row = admin.GetByRole(AriaRole.Row).Filter(new() { HasText = "perolav.nes" });
        await Expect(admin.GetByRole(AriaRole.Status).Filter(new() { HasText = "1 bruker" })).ToBeVisibleAsync();
        // Leave the search field by keyboard before clicking in the list: a click's own mouse-down would blur it, and
        // the field's redraw on blur could land between mouse-down and mouse-up, so the click never happened.
        await search.BlurAsync();
        await Expect(search).Not.ToBeFocusedAsync();
        try
        {
            await row.GetByRole(AriaRole.Button, new() { Name = "Deaktiver Per Olav Nes" }).ClickAsync();
            await Expect(ConfirmDialog.Of(admin)).ToContainTextAsync("Deaktivere Per Olav Nes?");
            await Shot(admin, "admin-1b-confirm-deactivation");
            await ConfirmDialog.ConfirmAsync(admin, "Deaktiver brukeren");
            await Expect(row).ToContainTextAsync("Deaktivert");
            await Shot(admin, "admin-2-deactivated");

            // His open tab ends at once: it goes to the sign-in page, and nothing is registered.
            await Expect(member.GetByRole(AriaRole.Button, new() { Name = "Logg inn" })).ToBeVisibleAsync();
            await Shot(member, "admin-3-refused");
            Assert.Equal(positionsBefore, (await SharedDecisionsAsync()).Positions);

            // Reactivated, he may act again.
            await row.GetByRole(AriaRole.Button, new() { Name = "Aktiver Per Olav Nes" }).ClickAsync();
            await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Deaktiver Per Olav Nes" })).ToBeVisibleAsync();
            await Expect(row.GetByRole(AriaRole.Cell).Filter(new() { HasText = "Deaktivert" })).ToHaveCountAsync(0);

            await row.GetByRole(AriaRole.Link, new() { Name = "Per Olav Nes" }).ClickAsync();
            await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Verv", Exact = true })).ToBeVisibleAsync();
            await Expect(admin.GetByText("Nestleder i AU", new() { Exact = true })).ToBeVisibleAsync();
            await Shot(admin, "admin-6-user-detail");
        }
        finally
        {
            await ReactivateAsync("perolav.nes");
        }
        foreach (var page in new[] { member, admin }) await page.Context.CloseWithinAsync();
    }

    [Fact]
    public async Task The_secretariat_creates_a_user_on_a_phone_links_a_seat_and_the_new_user_signs_in_to_it()
    {
        var token = Guid.NewGuid().ToString("N")[..6];
        var userName = $"ny.bruker.{token}";
        var secretary = await app.SignedInPageAsync("mari.hovde", width: 375);
        await AppServer.GotoLiveAsync(secretary, "/admin/brukere/ny");

        await secretary.GetByLabel("Navn", new() { Exact = true }).FillAsync($"Ida Nybakk {token}");
        await secretary.GetByLabel("Tittel").FillAsync("seniorrådgiver, Høgskolen i Innlandet");
        await secretary.GetByLabel("Brukernavn").FillAsync(userName);
        await secretary.GetByLabel("Startpassord").FillAsync("kort");
        await secretary.GetByRole(AriaRole.Button, new() { Name = "Opprett bruker" }).ClickAsync();
        await Expect(secretary.GetByRole(AriaRole.Alert)).ToContainTextAsync("Se meldingen under «Startpassord»");
        await Expect(secretary.GetByText("Passordet må ha minst 10 tegn.", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(secretary.GetByLabel("Brukernavn")).ToHaveValueAsync(userName);
        await Shot(secretary, "admin-4-new-user-refused-375");

        await secretary.GetByLabel("Startpassord").FillAsync("Velkommen-til-HFI-2026");
        await secretary.GetByRole(AriaRole.Button, new() { Name = "Opprett bruker" }).ClickAsync();
        await Expect(secretary.GetByText("Brukeren er opprettet. Knytt den til verv nedenfor.")).ToBeVisibleAsync();

        await secretary.GetByLabel("Utvalg", new() { Exact = true }).ClickAsync();
        await secretary.GetByRole(AriaRole.Option, new() { Name = "Fagutvalg psykisk helse barn og unge (pilot) (FU-PHBU)" }).ClickAsync();
        // A chair or deputy may lead without giving the party's position; other roles are not offered that.
        var withoutPosition = secretary.GetByRole(AriaRole.Checkbox, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Leder møtene uten å gi standpunkt") });
        await secretary.GetByLabel("Rolle", new() { Exact = true }).ClickAsync();
        await secretary.GetByRole(AriaRole.Option, new() { Name = "Leder", Exact = true }).ClickAsync();
        await Expect(withoutPosition).ToBeVisibleAsync();
        await Shot(secretary, "admin-4b-chair-without-position-375");
        await secretary.GetByLabel("Rolle", new() { Exact = true }).ClickAsync();
        await secretary.GetByRole(AriaRole.Option, new() { Name = "Observatør" }).ClickAsync();
        await Expect(withoutPosition).ToHaveCountAsync(0);
        await secretary.GetByLabel("Organisasjon", new() { Exact = true }).FillAsync("Høgskolen i Innlandet");
        await secretary.GetByRole(AriaRole.Button, new() { Name = "Legg til vervet" }).ClickAsync();
        await Expect(secretary.GetByText("Vervet er lagt til.")).ToBeVisibleAsync();
        await Expect(secretary.GetByText("Observatør i FU-PHBU", new() { Exact = true })).ToBeVisibleAsync();
        await Shot(secretary, "admin-5-user-detail-375");

        var newcomer = await app.NewPageAsync();
        await newcomer.GotoAsync("/Account/Login");
        await newcomer.GetByLabel("Brukernavn").FillAsync(userName);
        await newcomer.GetByLabel("Passord", new() { Exact = true }).FillAsync("Velkommen-til-HFI-2026");
        await newcomer.GetByRole(AriaRole.Button, new() { Name = "Logg inn" }).ClickAsync();
        await Expect(newcomer.GetByText("Observatør i Fagutvalg psykisk helse barn og unge (pilot)")).ToBeVisibleAsync();
        // An observer administers nothing: no link, and the page says so.
        await Expect(newcomer.GetByRole(AriaRole.Link, new() { Name = "Brukere", Exact = true })).ToHaveCountAsync(0);
        await AppServer.GotoLiveAsync(newcomer, "/admin/brukere");
        await Expect(newcomer.GetByText("Du har ikke tilgang til brukeradministrasjonen.")).ToBeVisibleAsync();

        foreach (var page in new[] { secretary, newcomer }) await page.Context.CloseWithinAsync();
    }

    /// <summary>Leaves the shared database as the other browser tests expect it, whatever happened above.</summary>
    private async Task ReactivateAsync(string userName)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var user = await db.Users.SingleAsync(u => u.UserName == userName);
        if (!user.IsDeactivated) return;
        user.LockoutEnd = null;
        await db.SaveChangesAsync();
    }
}
