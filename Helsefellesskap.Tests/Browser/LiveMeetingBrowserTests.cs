using Helsefellesskap.App.Data;
using Helsefellesskap.Domain.Meetings;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Helsefellesskap.Tests.Browser;

/// <summary>
/// SSU meets: the chair, two representatives and the secretariat, each in their own browser. A position appears on
/// every other screen without a reload, the outcome follows, the chair closes, and the minutes list it.
/// </summary>
[Collection(BrowserUsers.SsuMeetings)]
public class LiveMeetingBrowserTests(AppServer app)
{
    private const string CaseTitle = "Felles plan for digital hjemmeoppfølging";

    private static async Task Shot(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("HF_SCREENSHOTS") is { Length: > 0 } folder)
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "meeting-" + name + ".png"), FullPage = true });
    }

    private async Task<Guid> DecemberMeeting()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.Meetings.Where(m => m.Status == MeetingStatus.NoticeSent && m.BodyId == db.Bodies.Single(b => b.ShortName == "SSU").Id)
            .Select(m => m.Id).SingleAsync();
    }

    private async Task<IPage> Join(string user, string url, int width = 1280)
    {
        // CSP is bypassed only so axe-core can be injected to check the live page as it is in the meeting.
        var page = await app.SignedInPageAsync(user, width, bypassCsp: true);
        await AppServer.GotoLiveAsync(page, url);
        await Expect(page.GetByTestId("meeting-status").Or(page.GetByRole(AriaRole.Heading, new() { Level = 1 }))).Not.ToHaveCountAsync(0);
        // Marks this document: if any step reloaded the page, the mark would be gone.
        await page.EvaluateAsync("() => window.__sameDocument = true");
        return page;
    }

    private static ILocator Row(IPage page, string party) => page.Locator($"li.party-row[data-party=\"{party}\"]");

    [Fact]
    public async Task A_position_appears_on_every_screen_the_outcome_follows_the_chair_closes_and_the_minutes_list_it()
    {
        var url = $"/moter/{await DecemberMeeting()}";
        var chair = await Join("torstein.vik", url);
        var hospital = await Join("kjersti.haug", url, width: 375);
        var northGudbrandsdal = await Join("marte.kvaale", url);
        var secretary = await Join("mari.hovde", url);
        var projector = await Join("geir.lien", url + "/storskjerm", width: 1600);

        // The chair opens the meeting and the case; every screen follows to it.
        await chair.GetByRole(AriaRole.Button, new() { Name = "Åpne møtet" }).ClickAsync();
        await chair.GetByRole(AriaRole.Button, new() { Name = $"Åpne {CaseTitle}" }).ClickAsync();
        // The chair's focus goes to the opened item, and every screen reader hears it in a few words.
        await Expect(chair.Locator("#current-heading")).ToBeFocusedAsync();
        await Expect(hospital.GetByTestId("announcement")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^SSU-sak \d{3}/\d{4} er åpnet\.$"));
        foreach (var page in new[] { hospital, northGudbrandsdal, secretary })
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Behandles nå: SSU-sak" })).ToContainTextAsync(CaseTitle);
        await Expect(projector.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(CaseTitle);

        // The hospital's representative agrees, on a phone; the others see it without reloading.
        await Expect(hospital.GetByText("Part: Sykehuset Innlandet HF")).ToBeVisibleAsync();
        await hospital.GetByRole(AriaRole.Button, new() { Name = "Registrer standpunkt" }).ClickAsync();
        foreach (var page in new[] { chair, northGudbrandsdal, secretary, projector })
        {
            await Expect(Row(page, "Sykehuset Innlandet HF")).ToContainTextAsync("Enig");
            await Expect(page.GetByTestId("outcome")).ToContainTextAsync("1 av 8 parter enige");
        }
        await Shot(hospital, "1-hospital-phone");
        foreach (var page in new[] { hospital, chair, secretary, projector })
        {
            var violations = await AccessibilityTests.ViolationsAsync(page);
            Assert.True(violations.Count == 0, string.Join("\n", violations));
        }

        // The hospital's phone drops its live connection (its circuit is paused and gone from the server); meanwhile
        // Nord-Gudbrandsdal agrees subject to local ratification.
        Assert.True(await hospital.EvaluateAsync<bool>("() => Blazor.pauseCircuit()"));
        await northGudbrandsdal.GetByRole(AriaRole.Radio, new() { Name = "Enig med forbehold om lokal forankring" }).CheckAsync();
        await northGudbrandsdal.GetByRole(AriaRole.Button, new() { Name = "Registrer standpunkt" }).ClickAsync();
        await Expect(Row(chair, "Helseregion Nord-Gudbrandsdal")).ToContainTextAsync("Enig med forbehold om lokal forankring");
        await Expect(Row(hospital, "Helseregion Nord-Gudbrandsdal")).ToContainTextAsync("Venter på standpunkt");
        // When it returns, the phone shows what happened while it was away.
        Assert.True(await hospital.EvaluateAsync<bool>("() => Blazor.resumeCircuit()"));
        await Expect(Row(hospital, "Helseregion Nord-Gudbrandsdal")).ToContainTextAsync("Enig med forbehold om lokal forankring");

        // The chair leads for the municipal side and gives no region's position; the secretariat registers the rest
        // on the parties' behalf.
        await Expect(chair.GetByText("Gi standpunkt for din part")).ToHaveCountAsync(0);
        await secretary.Locator("summary", new() { HasText = "på vegne av" }).ClickAsync();
        var behalf = secretary.Locator("details fieldset");
        foreach (var party in new[] { "Helseregion Gjøvik og Hadeland", "Helseregion Hamar", "Helseregion Nord-Østerdal", "Helseregion Sør-Gudbrandsdal", "Helseregion Sør-Østerdal", "Helseregion Valdres" })
        {
            await behalf.GetByLabel("Part", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = party });
            await behalf.GetByRole(AriaRole.Button, new() { Name = "Registrer standpunkt" }).ClickAsync();
            await Expect(Row(secretary, party)).ToContainTextAsync("på vegne av " + party);
        }
        foreach (var page in new[] { chair, hospital, northGudbrandsdal, projector })
            await Expect(page.GetByTestId("outcome")).ToContainTextAsync("8 av 8 parter enige");
        // One party reserved local ratification: the domain says the decision awaits ratification.
        await Expect(chair.GetByTestId("outcome")).ToContainTextAsync("Vedtatt med forbehold om lokal forankring");
        await Shot(projector, "2-projector");

        // The chair closes the case; every screen shows the outcome.
        await chair.GetByRole(AriaRole.Button, new() { Name = "Avslutt behandlingen" }).ClickAsync();
        await ConfirmDialog.ConfirmAsync(chair, "Avslutt behandlingen");
        foreach (var page in new[] { hospital, northGudbrandsdal, secretary })
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sist behandlet: SSU-sak" })).ToBeVisibleAsync();
        await Expect(hospital.GetByRole(AriaRole.Button, new() { Name = "Registrer standpunkt" })).ToHaveCountAsync(0);
        await Shot(chair, "3-chair-closed");

        foreach (var page in new[] { chair, hospital, northGudbrandsdal, secretary, projector })
            Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "A screen was reloaded.");

        // The meeting ends; the minutes list the case, its outcome and every party's position.
        await chair.GetByRole(AriaRole.Button, new() { Name = "Avslutt møtet" }).ClickAsync();
        await ConfirmDialog.ConfirmAsync(chair, "Avslutt møtet");
        await Expect(secretary.GetByTestId("meeting-status")).ToHaveTextAsync("Avholdt");
        await secretary.GetByRole(AriaRole.Link, new() { Name = "Protokoll" }).ClickAsync();
        await Expect(secretary.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Protokoll fra møte i Strategisk samarbeidsutvalg");
        var item = secretary.Locator("section.minutes-item", new() { HasText = CaseTitle });
        await Expect(item).ToContainTextAsync("Utfall: Vedtatt med forbehold om lokal forankring");
        await Expect(item).ToContainTextAsync("Helseregion Nord-Gudbrandsdal: Enig med forbehold om lokal forankring");
        await Expect(item).ToContainTextAsync("registrert av sekretariatet (Mari Hovde) på vegne av Helseregion Valdres");
        await Expect(secretary.Locator("section.minutes-item", new() { HasText = "Status for lokal forankring" })).ToContainTextAsync("ikke behandlet");
        await Shot(secretary, "4-minutes");

        // The secretariat writes the prose, the chair's approval is recorded, and the minutes are locked and printable.
        await secretary.GetByRole(AriaRole.Textbox, new() { Name = "Innledning" }).FillAsync("Møtet ble ledet av Torstein Vik.");
        await secretary.GetByRole(AriaRole.Button, new() { Name = "Lagre innledning" }).ClickAsync();
        await Expect(secretary.Locator(".markdown").Filter(new() { HasText = "Møtet ble ledet av Torstein Vik." })).ToHaveCountAsync(1);
        await secretary.GetByRole(AriaRole.Button, new() { Name = "Registrer protokollen som godkjent" }).ClickAsync();
        await ConfirmDialog.ConfirmAsync(secretary, "Godkjenn protokollen");
        await Expect(secretary.GetByTestId("minutes-state")).ToContainTextAsync("Protokollen er låst");
        await Expect(secretary.GetByRole(AriaRole.Textbox, new() { Name = "Innledning" })).ToHaveCountAsync(0);
        var pdf = await secretary.PdfAsync(new() { Format = "A4" });
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
    }
}
