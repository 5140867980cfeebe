using Helsefellesskap.App.Components.Account;
using Helsefellesskap.App.Data;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Helsefellesskap.Tests.Browser;

/// <summary>
/// Sessions end when they must, on the server: after signing out, deactivation or a new password, neither the tab
/// left open nor a copy of the cookie reads on. Each test uses an observer no other test signs in.
/// </summary>
public class SessionBrowserTests(AppServer app)
{
    /// <summary>The same cookies in a second browser: what someone who copied the cookie would have.</summary>
    private async Task<IPage> CopyOfAsync(IPage page)
    {
        var copy = await app.NewPageAsync();
        await copy.Context.AddCookiesAsync((await page.Context.CookiesAsync()).Select(c => new Cookie
        {
            Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
        }));
        return copy;
    }

    private static async Task ExpectSignInPageAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Logg inn" })).ToBeVisibleAsync();
        Assert.Contains("/Account/Login", page.Url);
    }

    [Fact]
    public async Task A_copied_cookie_no_longer_works_after_signing_out()
    {
        var page = await app.SignedInPageAsync("vidar.engen");
        var copy = await CopyOfAsync(page);
        await AppServer.GotoLiveAsync(copy, "/saker");
        await Expect(copy.GetByRole(AriaRole.Heading, new() { Name = "Saker", Level = 1 })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Logg ut" }).ClickAsync();
        // The front page, or the sign-in page when the tab's own circuit ended first.
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Logg inn" }).Or(page.GetByRole(AriaRole.Button, new() { Name = "Logg inn" })).First).ToBeVisibleAsync();

        // The copy's open tab ends with the sign-out, and its cookie gets the sign-in page.
        await Expect(copy.GetByRole(AriaRole.Button, new() { Name = "Logg inn" })).ToBeVisibleAsync();
        await ExpectSignInPageAsync(copy, "/saker");
        var download = await copy.APIRequest.GetAsync("/arsrapport/ssu/2026/csv", new() { MaxRedirects = 0 });
        Assert.NotEqual(200, download.Status);
        foreach (var p in new[] { page, copy }) await p.Context.CloseWithinAsync();
    }

    [Fact]
    public async Task Signing_out_requires_the_antiforgery_token()
    {
        var page = await app.SignedInPageAsync("aase.nordby");

        var forged = await page.APIRequest.PostAsync("/Account/Logout", new() { Form = page.APIRequest.CreateFormData().Append("ReturnUrl", ""), MaxRedirects = 0 });

        Assert.Equal(400, forged.Status);
        await AppServer.GotoLiveAsync(page, "/saker");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Saker", Level = 1 })).ToBeVisibleAsync();
        await page.Context.CloseWithinAsync();
    }

    [Fact]
    public async Task A_deactivated_user_s_open_tab_and_old_cookie_stop_reading_at_once()
    {
        var observer = await app.SignedInPageAsync("heidi.rustad");
        await AppServer.GotoLiveAsync(observer, "/saker");
        var copy = await CopyOfAsync(observer);
        var admin = await app.SignedInPageAsync("admin");
        try
        {
            await AppServer.GotoLiveAsync(admin, "/admin/brukere");
            await admin.GetByRole(AriaRole.Textbox, new() { Name = "Søk etter navn eller brukernavn" }).FillAsync("heidi.rustad");
            var row = admin.GetByRole(AriaRole.Row).Filter(new() { HasText = "heidi.rustad" });
            await Expect(admin.GetByRole(AriaRole.Status).Filter(new() { HasText = "1 bruker" })).ToBeVisibleAsync();

            await ConfirmDialog.OpenedByAsync(admin, row.GetByRole(AriaRole.Button, new() { Name = "Deaktiver" }));
            await ConfirmDialog.ConfirmAsync(admin, "Deaktiver brukeren");
            await Expect(row).ToContainTextAsync("Deaktivert");

            await Expect(observer.GetByRole(AriaRole.Button, new() { Name = "Logg inn" })).ToBeVisibleAsync();
            await ExpectSignInPageAsync(copy, "/saker");
            var download = await copy.APIRequest.GetAsync("/arsrapport/ssu/2026/csv", new() { MaxRedirects = 0 });
            Assert.NotEqual(200, download.Status);
        }
        finally
        {
            await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            var user = await db.Users.SingleAsync(u => u.UserName == "heidi.rustad");
            user.LockoutEnd = null;
            await db.SaveChangesAsync();
        }
        foreach (var p in new[] { observer, copy, admin }) await p.Context.CloseWithinAsync();
    }

    [Fact]
    public async Task An_administrator_s_password_reset_ends_the_user_s_open_tab_at_once()
    {
        var observer = await app.SignedInPageAsync("erik.sveen");
        await AppServer.GotoLiveAsync(observer, "/saker");
        var copy = await CopyOfAsync(observer);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // As the administrator's service would: a new password renews the stamp, and the signal ends open tabs.
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = (await users.FindByNameAsync("erik.sveen"))!;
            await users.RemovePasswordAsync(user);
            await users.AddPasswordAsync(user, "Innlandet-2026");
            await Sessions.EndAllAsync(users, user, app.Services.GetRequiredService<SessionSignals>());
        }

        await Expect(observer.GetByRole(AriaRole.Button, new() { Name = "Logg inn" })).ToBeVisibleAsync();
        await ExpectSignInPageAsync(copy, "/saker");
        foreach (var p in new[] { observer, copy }) await p.Context.CloseWithinAsync();
    }

    [Fact]
    public void A_sign_in_slides_with_use_up_to_an_idle_timeout_of_8_hours_and_never_outlives_its_absolute_lifetime()
    {
        var cookie = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var sessions = app.Services.GetRequiredService<IOptions<SessionOptions>>().Value;
        var signedIn = FixedClock.DemoNow;

        Assert.Equal(TimeSpan.FromHours(8), cookie.ExpireTimeSpan);
        Assert.True(cookie.SlidingExpiration);
        Assert.False(sessions.HasExpired(signedIn, signedIn.AddHours(23)));
        Assert.True(sessions.HasExpired(signedIn, signedIn.AddHours(24)));
        Assert.True(sessions.HasExpired(null, signedIn));
    }
}
