using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features.Access;
using Helsefellesskap.App.Features.Cases;
using Helsefellesskap.App.Features.Meetings;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Helsefellesskap.Tests.Browser;

/// <summary>
/// A meeting of SSU set up for the test (its own case, so it shares nothing with the December meeting): two of the
/// hospital's six representatives in their own browsers, and a member who leaves the meeting page and comes back.
/// </summary>
[Collection(BrowserUsers.SsuMeetings)]
public class PartySeatsBrowserTests(AppServer app) : IDisposable
{
    private readonly List<IServiceScope> scopes = [];

    public void Dispose()
    {
        foreach (var scope in scopes) scope.Dispose();
        GC.SuppressFinalize(this);
    }

    private static async Task Shot(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("HF_SCREENSHOTS") is { Length: > 0 } folder)
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "seats-" + name + ".png"), FullPage = true });
    }

    private async Task<T> As<T>(string userName) where T : notnull
    {
        var auth = new TestAuthentication();
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
            await auth.SignInAsync(db, userName);
        var scope = app.Services.CreateScope();
        scopes.Add(scope);
        return ActivatorUtilities.CreateInstance<T>(scope.ServiceProvider, new Actors(auth, app.Services.GetRequiredService<TimeProvider>()));
    }

    private async Task<Guid> Id(Func<AppDbContext, Task<Guid>> query)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    /// <summary>The secretariat drafts a case for SSU, plans a meeting today, and opens it with the case under treatment.</summary>
    private async Task<(Guid Meeting, Guid Item, string Title)> OpenMeetingWithNewCase(string title)
    {
        var ssu = await Id(db => db.Bodies.Where(b => b.ShortName == "SSU").Select(b => b.Id).SingleAsync());
        var cases = await As<CaseWork>("mari.hovde");
        var caseId = await cases.CreateDraftAsync(new(title, CaseType.Decision, false, CaseTag.FrailElderly, ssu, null,
            "Bakgrunn.", "Vurdering.", "SSU slutter seg til rutinen."));
        await cases.RegisterAsync(caseId);
        var meetings = await As<MeetingWork>("mari.hovde");
        var meeting = await meetings.ScheduleAsync(new MeetingInput(ssu, new DateOnly(2026, 11, 22), new TimeOnly(13, 0),
            TimeSpan.FromHours(2), "Teams", null));
        await meetings.AddCaseAsync(meeting, caseId);
        await meetings.SendNoticeAsync(meeting);
        await meetings.OpenMeetingAsync(meeting);
        var item = (await meetings.SnapshotAsync(meeting))!.Agenda.Single(a => a.CaseId == caseId).ItemId;
        await meetings.OpenItemAsync(meeting, item);
        return (meeting, item, title);
    }

    private async Task<IPage> Join(string user, string url, int width = 1280)
    {
        var page = await app.SignedInPageAsync(user, width);
        await AppServer.GotoLiveAsync(page, url);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Behandles nå: SSU-sak" })).ToBeVisibleAsync();
        await page.EvaluateAsync("() => window.__sameDocument = true");
        return page;
    }

    private static ILocator Row(IPage page, string party) => page.Locator($"li.party-row[data-party=\"{party}\"]");

    [Fact]
    public async Task A_second_hospital_representative_sees_who_gave_the_hospitals_position_and_must_confirm_replacing_it()
    {
        var (meeting, _, _) = await OpenMeetingWithNewCase("Felles rutine for legemiddelsamstemming");
        var url = $"/moter/{meeting}";
        var kjersti = await Join("kjersti.haug", url);
        var morten = await Join("morten.berg", url, width: 375);

        await kjersti.GetByRole(AriaRole.Button, new() { Name = "Registrer standpunkt" }).ClickAsync();
        // Morten's screen shows who gave the hospital's position, on the board and in his form, and offers to replace it.
        await Expect(Row(morten, "Sykehuset Innlandet HF")).ToContainTextAsync("registrert av Kjersti Haug");
        var form = morten.Locator("fieldset", new() { HasText = "Gi standpunkt for din part" });
        await Expect(form).ToContainTextAsync("Gjeldende standpunkt: Enig – registrert av Kjersti Haug kl.");
        await Expect(form.GetByRole(AriaRole.Button, new() { Name = "Registrer standpunkt" })).ToHaveCountAsync(0);
        await Shot(morten, "1-second-member-phone");
        if (Environment.GetEnvironmentVariable("HF_SCREENSHOTS") is { Length: > 0 } folder)
            await morten.Locator("section.current-item").ScreenshotAsync(new() { Path = Path.Combine(folder, "seats-1b-second-member-phone-item.png") });

        await form.GetByRole(AriaRole.Radio, new() { Name = "Uenig" }).CheckAsync();
        await form.GetByRole(AriaRole.Textbox, new() { Name = "Begrunnelse for å være uenig" }).FillAsync("Divisjonen har ikke kapasitet til opplæringen.");
        await form.GetByRole(AriaRole.Button, new() { Name = "Erstatt standpunktet" }).ClickAsync();

        // Kjersti sees it replaced, by whom, and now she must confirm to change it back.
        await Expect(Row(kjersti, "Sykehuset Innlandet HF")).ToContainTextAsync("Uenig");
        await Expect(Row(kjersti, "Sykehuset Innlandet HF")).ToContainTextAsync("registrert av Morten Berg");
        await Expect(kjersti.Locator("fieldset.plain-fieldset")).ToContainTextAsync("Gjeldende standpunkt: Uenig («Divisjonen har ikke kapasitet til opplæringen.») – registrert av Morten Berg");
        await Expect(kjersti.GetByRole(AriaRole.Button, new() { Name = "Erstatt standpunktet" })).ToBeVisibleAsync();
        await Shot(kjersti, "2-first-member-sees-replacement");
        await Shot(morten, "3-second-member-after");
        foreach (var page in new[] { kjersti, morten })
        {
            Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "A screen was reloaded.");
            var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth");
            Assert.False(overflow, "The page scrolls sideways.");
        }
    }

    [Fact]
    public async Task A_member_who_leaves_the_meeting_page_and_comes_back_in_the_same_tab_sees_what_happened_meanwhile()
    {
        var (meeting, item, _) = await OpenMeetingWithNewCase("Felles rutine for ernæring ved utskrivning");
        var url = $"/moter/{meeting}";
        var marte = await Join("marte.kvaale", url);
        await Expect(Row(marte, "Helseregion Hamar")).ToContainTextAsync("Venter på standpunkt");

        // She looks at the case register in the same tab, meanwhile Hamar agrees.
        await marte.GetByRole(AriaRole.Link, new() { Name = "Saker", Exact = true }).First.ClickAsync();
        await Expect(marte.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Saker");
        var hamar = await As<MeetingWork>("paal.rudstad");
        var hamarId = await Id(db => db.Parties.Where(p => p.Name == "Helseregion Hamar").Select(p => p.Id).SingleAsync());
        await hamar.RegisterPositionAsync(meeting, item, hamarId, 1, PositionKind.Agree, null, new SeenPosition(null));

        await marte.GoBackAsync();
        await Expect(Row(marte, "Helseregion Hamar")).ToContainTextAsync("registrert av Pål Rudstad");
        await Expect(marte.GetByTestId("outcome")).ToContainTextAsync("1 av 8 parter enige");
        Assert.True(await marte.EvaluateAsync<bool>("() => window.__sameDocument === true"), "The tab was reloaded.");
        await Shot(marte, "4-back-on-the-meeting-page");
    }
}
