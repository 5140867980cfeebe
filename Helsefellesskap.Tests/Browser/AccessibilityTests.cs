using System.Text.Json;
using Helsefellesskap.App.Data;
using Helsefellesskap.Domain.Meetings;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Helsefellesskap.Tests.Browser;

/// <summary>WCAG 2.1 AA as axe-core checks it, on every page of the shell, on a desktop and on a 375 px phone.</summary>
public class AccessibilityTests(AppServer app)
{

    public static TheoryData<string, int> Pages()
    {
        var data = new TheoryData<string, int>();
        foreach (var width in new[] { 1280, 375 })
            foreach (var path in new[] { "/", "/Account/Login", "/oversikt", "/utvalg", "/utvalg/ssu", "/saker", "/moter", "/saker/{copd}", "/Account/Manage/ChangePassword",
                "/saker/ny", "/forberedelse", "/vedtak", "/saker/{preparing}", "/offentlig", "/revisjon", "/admin/brukere", "/admin/brukere/ny", "/admin/brukere/{geir.lien}",
                "/moter/ny", "/moter/{december}", "/moter/{december}/innkalling", "/moter/{december}/storskjerm", "/moter/{held}/protokoll",
                "/offentlig/protokoller", "/offentlig/protokoll/{held}",
                "/oppfolging", "/arsrapport",
                "/styringsdata", "/vedtak/{copd}/forankring", "/admin/brukere/{kd.gran}", "/tilgjengelighet", "/mitt-arbeid", "/admin/utsendelser" })
                data.Add(path, width);
        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_meets_WCAG_2_1_AA_as_axe_checks_it(string path, int width)
    {
        // The secretariat sees the most: the editor, the actions and, on a case in AU, the preparation panel.
        var signedIn = !(path is "/" or "/Account/Login" or "/offentlig" or "/tilgjengelighet" || path.StartsWith("/offentlig/"));
        var page = signedIn ? await app.PageSignedInOnceAsync("mari.hovde", width, bypassCsp: true) : await app.NewPageAsync(width, bypassCsp: true);
        if (path.StartsWith("/saker/{"))
        {
            var title = path.Contains("copd") ? "Pasientforløp for personer med kols i Innlandet" : "Samvalg i overgangen mellom sykehus og kommune";
            await AppServer.GotoLiveAsync(page, "/saker");
            await page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
            await page.WaitForURLAsync("**/saker/*-*");
        }
        else if (path == "/vedtak/{copd}/forankring")
        {
            await AppServer.GotoLiveAsync(page, "/saker");
            await page.GetByRole(AriaRole.Link, new() { Name = "Pasientforløp for personer med kols i Innlandet" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Se og registrer forankringen i hver kommune" }).ClickAsync();
            await page.WaitForURLAsync("**/forankring");
            await page.GetByRole(AriaRole.Button, new() { Name = "Lagre forankring" }).WaitForAsync();
        }
        else if (path == "/admin/brukere/{kd.gran}")
        {
            // The leave to record ratification is the administrator's to give, so the administrator sees that section.
            await page.CloseAsync();
            page = await app.PageSignedInOnceAsync("admin", width, bypassCsp: true);
            await AppServer.GotoLiveAsync(page, "/admin/brukere");
            await page.GetByRole(AriaRole.Textbox, new() { Name = "Søk etter navn eller brukernavn" }).FillAsync("kd.gran");
            await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "kd.gran" }).GetByRole(AriaRole.Link).ClickAsync();
            await page.WaitForURLAsync("**/admin/brukere/*-*");
            await page.GetByText("Kan registrere forankring for Gran").WaitForAsync();
        }
        else if (path == "/admin/brukere/{geir.lien}")
        {
            await AppServer.GotoLiveAsync(page, "/admin/brukere");
            await page.GetByRole(AriaRole.Link, new() { Name = "Geir Lien" }).ClickAsync();
            await page.WaitForURLAsync("**/admin/brukere/*-*");
            // The controls for ending a seat are folded away; unfold them so they are checked too.
            await page.GetByText("Avslutt vervet").First.WaitForAsync();
            await page.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => d.open = true)");
        }
        else if (path.Contains("/{held}") || path.StartsWith("/moter/{"))
        {
            await page.GotoAsync(await MeetingPathAsync(path));
            await AppServer.WhenLiveAsync(page);
            await page.Locator("h1").First.WaitForAsync();
        }
        else
        {
            await page.GotoAsync(path);
        }
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        // When the live connection takes over, the head is rendered again and the title is briefly empty.
        await page.WaitForFunctionAsync("() => document.title !== ''");
        if (signedIn) Assert.DoesNotContain("/Account/Login", page.Url);
        var violations = await ViolationsAsync(page);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        // A signed-in page's context is shared with the next test that looks as the same user.
        if (signedIn) await page.CloseAsync();
        else await page.Context.CloseWithinAsync();
    }

    /// <summary>What axe-core finds against WCAG 2.1 A and AA on the page as it is now (the page must bypass CSP).</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page)
    {
        await page.AddScriptTagAsync(new() { Path = await BrowserTools.EnsureAxeAsync() });
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }))
                .violations.map(v => `${v.id} (${v.impact}): ${v.help} – ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`)
            """);
        return violations.EnumerateArray().Select(v => v.GetString()!).ToList();
    }

    /// <summary>The next SSU meeting (in whatever state the live meeting test left it), or a held one with approved minutes.</summary>
    private async Task<string> MeetingPathAsync(string path)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var ssu = await db.Bodies.Where(b => b.ShortName == "SSU").Select(b => b.Id).SingleAsync();
        var meetings = await db.Meetings.AsNoTracking().IgnoreAutoIncludes().Where(m => m.BodyId == ssu).ToListAsync();
        // The demo's December meeting; other tests here schedule SSU meetings of their own.
        var december = meetings.Single(m => m.StartsAt.Month == 12 && m.Location == "Sykehuset Innlandet, Lillehammer").Id;
        var held = meetings.Where(m => m.Status == MeetingStatus.MinutesApproved).OrderBy(m => m.StartsAt).First().Id;
        return path.Replace("{december}", december.ToString()).Replace("{held}", held.ToString());
    }
}
