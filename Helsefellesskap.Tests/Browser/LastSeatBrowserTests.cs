using Helsefellesskap.App.Data;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Helsefellesskap.Tests.Browser;

/// <summary>
/// A person whose last seat has ended has nothing to do here: their open tab and their cookie stop, and they are told
/// why. These tests end seats and move the clock, so they run on a server of their own: sessions there last a week
/// (only the seat can end them), and an open tab checks its sign-in every second.
/// </summary>
public class LastSeatBrowserTests(LastSeatBrowserTests.OwnServer own) : IClassFixture<LastSeatBrowserTests.OwnServer>
{
    private const string NoSeat = "Du har ikke lenger et verv i helsefellesskapet – kontakt sekretariatet.";

    public sealed class OwnServer : IAsyncLifetime
    {
        public AppServer App { get; } = new(new Dictionary<string, string?>
        {
            ["Sessions:IdleTimeout"] = "7.00:00:00",
            ["Sessions:AbsoluteLifetime"] = "7.00:00:00",
            ["Sessions:CircuitRevalidation"] = "00:00:01",
        });

        public ValueTask InitializeAsync() => App.InitializeAsync();
        public ValueTask DisposeAsync() => App.DisposeAsync();
    }

    private AppServer app => own.App;

    private static async Task Shot(IPage page, string name)
    {
        // Set HF_SCREENSHOTS to a folder to keep screenshots of the pages for a look by eye.
        if (Environment.GetEnvironmentVariable("HF_SCREENSHOTS") is { Length: > 0 } folder)
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    private async Task<IPage> CopyOfAsync(IPage page)
    {
        var copy = await app.NewPageAsync();
        await copy.Context.AddCookiesAsync((await page.Context.CookiesAsync()).Select(c => new Cookie
        {
            Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
        }));
        return copy;
    }

    /// <summary>The administrator ends the user's only seat on its page, with the last day given.</summary>
    private async Task EndOnlySeatAsync(IPage admin, string userName, DateOnly lastDay)
    {
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
            await AppServer.GotoLiveAsync(admin, $"/admin/brukere/{await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync()}");
        await admin.GetByText("Avslutt vervet", new() { Exact = true }).First.ClickAsync();
        await admin.GetByLabel(new System.Text.RegularExpressions.Regex("^Siste dag som")).FillAsync(lastDay.ToString("yyyy-MM-dd"));
        await admin.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Avslutt vervet som") }).ClickAsync();
        await Expect(admin.GetByText($"Vervet er avsluttet. Det gjelder til og med {lastDay:dd.MM.yyyy}.")).ToBeVisibleAsync();
    }

    private static async Task ExpectToldWhyAsync(IPage page) =>
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = NoSeat })).ToBeVisibleAsync();

    private async Task ExpectSignInRefusedAsync(string userName)
    {
        var again = await app.NewPageAsync();
        await again.GotoAsync("/Account/Login");
        await again.GetByLabel("Brukernavn").FillAsync(userName);
        await again.GetByLabel("Passord", new() { Exact = true }).FillAsync("Innlandet-2026");
        await again.GetByRole(AriaRole.Button, new() { Name = "Logg inn" }).ClickAsync();
        await ExpectToldWhyAsync(again);
        await again.GotoAsync("/saker");
        await Expect(again.GetByRole(AriaRole.Button, new() { Name = "Logg inn" })).ToBeVisibleAsync();
        await again.Context.CloseWithinAsync();
    }

    [Fact]
    public async Task Ending_a_person_s_last_seat_ends_their_open_tab_and_old_cookie_at_once()
    {
        var member = await app.SignedInPageAsync("hilde.moen");
        await AppServer.GotoLiveAsync(member, "/saker");
        var copy = await CopyOfAsync(member);
        var admin = await app.SignedInPageAsync("admin");
        var yesterday = App.OsloTime.Today(app.Clock).AddDays(-1);

        await EndOnlySeatAsync(admin, "hilde.moen", yesterday);

        await ExpectToldWhyAsync(member);
        await Shot(member, "last-seat-1-open-tab-told-why");
        await copy.GotoAsync("/saker");
        await ExpectToldWhyAsync(copy);
        var download = await copy.APIRequest.GetAsync("/arsrapport/ssu/2026/csv", new() { MaxRedirects = 0 });
        Assert.NotEqual(200, download.Status);
        await ExpectSignInRefusedAsync("hilde.moen");
        foreach (var p in new[] { member, copy, admin }) await p.Context.CloseWithinAsync();
    }

    [Fact]
    public async Task A_last_seat_ended_from_a_future_day_ends_the_sessions_on_the_day_after_it()
    {
        var participant = await app.SignedInPageAsync("kari.fjeld");
        await AppServer.GotoLiveAsync(participant, "/saker");
        var copy = await CopyOfAsync(participant);
        var admin = await app.SignedInPageAsync("admin");
        var lastDay = App.OsloTime.Today(app.Clock).AddDays(1);

        await EndOnlySeatAsync(admin, "kari.fjeld", lastDay);

        // Until the last day is over, nothing changes: the open tab and the cookie read on. (The copy opens no tab of
        // its own, which would end by itself and take the cookie with it.)
        Assert.Equal(200, (await copy.APIRequest.GetAsync("/saker", new() { MaxRedirects = 0 })).Status);
        await Expect(participant.GetByRole(AriaRole.Heading, new() { Name = "Saker", Level = 1 })).ToBeVisibleAsync();

        // Half an hour into the day after the last day, in Norwegian time.
        app.Clock.Now = App.OsloTime.At(lastDay.AddDays(1), 0, 30);

        await ExpectToldWhyAsync(participant);
        await copy.GotoAsync("/saker");
        await ExpectToldWhyAsync(copy);
        await Shot(copy, "last-seat-2-cookie-refused-day-after");
        await ExpectSignInRefusedAsync("kari.fjeld");
        foreach (var p in new[] { participant, copy, admin }) await p.Context.CloseWithinAsync();
    }
}
