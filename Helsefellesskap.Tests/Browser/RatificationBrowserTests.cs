using Helsefellesskap.App.Data;
using Helsefellesskap.App.Data.Seeding;
using Helsefellesskap.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Helsefellesskap.Tests.Browser;

/// <summary>The secretariat records the last local ratifications of a decision until it binds, and sees it bind.</summary>
public class RatificationBrowserTests(AppServer app)
{
    /// <summary>A screenshot of the page, or of a band of it (long pages on a phone are too tall to look at whole).</summary>
    private static async Task Shot(IPage page, string name, float? fromY = null, float height = 1400)
    {
        if (Environment.GetEnvironmentVariable("HF_SCREENSHOTS") is not { Length: > 0 } folder) return;
        var width = page.ViewportSize!.Width;
        await page.ScreenshotAsync(new()
        {
            Path = Path.Combine(folder, name + ".png"), FullPage = true,
            Clip = fromY is { } y ? new() { X = 0, Y = y, Width = width, Height = height } : null,
        });
    }

    private static async Task RecordRatifiedAsync(IPage page, string party, string localBody, string meetingDate)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = $"Registrer forankring for {party}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Registrer forankring" })).ToBeFocusedAsync();
        await page.GetByLabel("Status", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Forankret", Exact = true }).ClickAsync();
        await page.GetByLabel("Behandlet i (lokalt organ)").FillAsync(localBody);
        await page.GetByLabel("Møtedato").FillAsync(meetingDate);
        await page.GetByRole(AriaRole.Button, new() { Name = "Lagre forankring" }).ClickAsync();
        await Expect(page.GetByText($"Forankringen for {party} er lagret: forankret.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_secretariat_records_ratifications_until_the_decision_binds_and_the_decision_page_says_so()
    {
        var page = await app.SignedInPageAsync("mari.hovde");
        await AppServer.GotoLiveAsync(page, "/saker");
        await page.GetByRole(AriaRole.Link, new() { Name = AfterDecisionSeeding.ReservedDecisionTitle }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Se og registrer forankringen i hver kommune" }).ClickAsync();
        await AppServer.WhenLiveAsync(page);
        await Expect(page.GetByText("Forankret i 5 av 7", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Vedtatt med forbehold om lokal forankring" })).ToBeVisibleAsync();
        await Shot(page, "ratification-1-pending");

        // A link that is not a web address is refused in Norwegian, and what was typed stays.
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrer forankring for Tolga" }).ClickAsync();
        // The form takes the item's values when it opens; typing before that would be overwritten.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Registrer forankring" })).ToBeFocusedAsync();
        await page.GetByLabel("Lenke til saken lokalt").FillAsync("javascript:alert(1)");
        await page.GetByLabel("Behandlet i (lokalt organ)").FillAsync("Kommunestyret");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lagre forankring" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Lenken må være en fullstendig nettadresse");
        await Expect(page.GetByLabel("Behandlet i (lokalt organ)")).ToHaveValueAsync("Kommunestyret");
        await page.GetByLabel("Lenke til saken lokalt").FillAsync("https://www.tolga.kommune.no/politikk/ps-61-26");
        await page.GetByLabel("Status", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Forankret", Exact = true }).ClickAsync();
        await page.GetByLabel("Møtedato").FillAsync("2026-11-19");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lagre forankring" }).ClickAsync();
        await Expect(page.GetByText("Forankringen for Tolga er lagret: forankret.")).ToBeVisibleAsync();
        await Expect(page.GetByText("Forankret i 6 av 7", new() { Exact = true })).ToBeVisibleAsync();

        await RecordRatifiedAsync(page, "Sykehuset Innlandet HF", "Styret i Sykehuset Innlandet HF", "2026-11-20");

        await Expect(page.GetByText("Forankret i 7 av 7", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Bindende vedtak" })).ToBeVisibleAsync();
        await Shot(page, "ratification-2-binding");

        // The case's decision card says the same.
        await page.GetByRole(AriaRole.Link, new() { Name = "← Til saken" }).ClickAsync();
        await Expect(page.GetByText("Bindende vedtak", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByText("Vedtatt (bindende)").First).ToBeVisibleAsync();
        await page.Context.CloseWithinAsync();
    }

    [Fact]
    public async Task The_secretariat_records_several_municipalities_at_once_and_the_form_keeps_its_choices()
    {
        const string Copd = "Pasientforløp for personer med kols i Innlandet";
        List<(Guid Id, string Name)> waiting;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            var treatment = (await db.Cases.WithRecord().SingleAsync(c => c.Title == Copd)).LatestTreatment!;
            var names = await db.Parties.ToDictionaryAsync(p => p.Id, p => p.Name);
            waiting = treatment.Ratifications.Where(r => r.Status == RatificationStatus.Sent)
                .Select(r => (r.PartyId, names[r.PartyId])).Where(p => p.Item2 != "Trysil").Take(3).ToList();
        }
        Assert.Equal(3, waiting.Count);

        var page = await app.SignedInPageAsync("mari.hovde");
        await AppServer.GotoLiveAsync(page, "/saker");
        await page.GetByRole(AriaRole.Link, new() { Name = Copd }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Se og registrer forankringen i hver kommune" }).ClickAsync();
        await AppServer.WhenLiveAsync(page);
        foreach (var (_, name) in waiting)
            await page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new($"^{name} \\(") }).CheckAsync();
        await Expect(page.GetByText("Parter (3 valgt)")).ToBeVisibleAsync();
        // The texts first, then the status: the server's render of a choice redraws the form's fields with the values
        // it knows, so a text typed while that render was on its way would be wiped (seen under CI load). Typed
        // first, each text reaches the server when its field is left, before the choice does.
        await page.GetByLabel("Behandlet i (lokalt organ)").FillAsync("Kommunestyret");
        await page.GetByLabel("Møtedato").FillAsync("2026-11-19");
        await page.GetByLabel("Status", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Forankret", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Option, new() { Name = "Forankret", Exact = true })).ToHaveCountAsync(0);
        await Expect(page.GetByLabel("Behandlet i (lokalt organ)")).ToHaveValueAsync("Kommunestyret");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lagre forankring" }).ClickAsync();

        await Expect(page.GetByText("Forankringen er lagret for 3 parter: forankret.")).ToBeVisibleAsync();
        // Ready for the next municipalities: the same body and date, no party chosen.
        await Expect(page.GetByLabel("Behandlet i (lokalt organ)")).ToHaveValueAsync("Kommunestyret");
        await Expect(page.GetByLabel("Møtedato")).ToHaveValueAsync("2026-11-19");
        await Expect(page.GetByText("Parter (0 valgt)")).ToBeVisibleAsync();
        await Shot(page, "ratification-7-bulk", 0);
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            var treatment = (await db.Cases.WithRecord().SingleAsync(c => c.Title == Copd)).LatestTreatment!;
            foreach (var (id, name) in waiting)
            {
                var item = treatment.Ratifications.Single(r => r.PartyId == id);
                Assert.True(item.Status == RatificationStatus.Ratified, $"{name} is {item.Status}");
                Assert.Equal("Kommunestyret", item.LocalBody);
            }
        }
        await page.Context.CloseWithinAsync();
    }

    [Fact]
    public async Task The_ratification_page_works_on_a_phone()
    {
        var page = await app.SignedInPageAsync("mari.hovde", width: 375);
        await AppServer.GotoLiveAsync(page, "/saker");
        await page.GetByRole(AriaRole.Link, new() { Name = "Pasientforløp for personer med kols i Innlandet" }).ClickAsync();
        // Other tests here record ratifications of the same decision (Trysil's, and several at once).
        var progress = page.GetByText(new System.Text.RegularExpressions.Regex(@"^Forankret i \d+ av 43$")).First;
        await Expect(progress).ToBeVisibleAsync();
        var card = await progress.BoundingBoxAsync();
        await Shot(page, "ratification-3-case-card-375", Math.Max(0, card!.Y - 700));
        await page.GetByRole(AriaRole.Link, new() { Name = "Se og registrer forankringen i hver kommune" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Helseregion Hamar · forankret i" })).ToBeVisibleAsync();
        await Expect(page.GetByText("for sent").First).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "The page scrolls sideways on a 375 px phone.");
        await Shot(page, "ratification-4-page-375", 0);
        var hamar = await page.GetByRole(AriaRole.Heading, new() { Name = "Helseregion Hamar · forankret i" }).BoundingBoxAsync();
        await Shot(page, "ratification-5-region-375", hamar!.Y - 100);
        await page.Context.CloseWithinAsync();
    }

    [Fact]
    public async Task An_administrator_lets_a_municipality_s_user_record_its_own_ratification_which_that_user_then_does()
    {
        var admin = await app.SignedInPageAsync("admin");
        await AppServer.GotoLiveAsync(admin, "/admin/brukere");
        await admin.GetByRole(AriaRole.Textbox, new() { Name = "Søk etter navn eller brukernavn" }).FillAsync("kd.trysil");
        await admin.GetByRole(AriaRole.Row).Filter(new() { HasText = "kd.trysil" }).GetByRole(AriaRole.Link).ClickAsync();
        await AppServer.WhenLiveAsync(admin);
        await Expect(admin.GetByText("Kan ikke registrere forankring. Det gjør sekretariatet.")).ToBeVisibleAsync();
        await admin.GetByLabel("Kan registrere forankring for").ClickAsync();
        await admin.GetByRole(AriaRole.Option, new() { Name = "Trysil", Exact = true }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Gi tillatelse" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Kan registrere forankring for Trysil" })).ToBeVisibleAsync();
        var section = await admin.GetByRole(AriaRole.Heading, new() { Name = "Lokal forankring" }).BoundingBoxAsync();
        if (Environment.GetEnvironmentVariable("HF_SCREENSHOTS") is { Length: > 0 } folder)
            await admin.ScreenshotAsync(new() { Path = Path.Combine(folder, "ratification-6-grant.png"), FullPage = true,
                Clip = new() { X = 0, Y = section!.Y - 300, Width = 1280, Height = 700 } });
        await admin.Context.CloseWithinAsync();

        var trysil = await app.SignedInPageAsync("kd.trysil");
        await AppServer.GotoLiveAsync(trysil, "/saker");
        await trysil.GetByRole(AriaRole.Link, new() { Name = "Pasientforløp for personer med kols i Innlandet" }).ClickAsync();
        // The case page now offers what the leave allows: to record, not only to see.
        await trysil.GetByRole(AriaRole.Link, new() { Name = "Se og registrer forankringen i hver kommune" }).ClickAsync();
        await AppServer.WhenLiveAsync(trysil);
        await Expect(trysil.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Registrer forankring for") }))
            .ToHaveCountAsync(1);
        await RecordRatifiedAsync(trysil, "Trysil", "Kommunestyret", "2026-11-19");
        var row = trysil.GetByRole(AriaRole.Row).Filter(new() { HasText = "Trysil" });
        await Expect(row).ToContainTextAsync("Forankret");
        await Expect(row).Not.ToContainTextAsync("for sent");
        await trysil.Context.CloseWithinAsync();
    }
}
