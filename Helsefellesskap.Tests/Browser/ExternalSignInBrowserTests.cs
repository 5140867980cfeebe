using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features.ExternalSignIn;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Helsefellesskap.Tests.Browser;

/// <summary>
/// Sign-in through an organisation's own identity, end to end: the sign-in page's button redirects to the real
/// OpenID Connect provider running in the test process, which signs in the identity the test queued (authorization
/// code with PKCE, no consent) and sends the browser back to the app's callback. Per Olav Nes speaks for the
/// municipalities in AU, where "Samvalg" waits for their position; the user administration test deactivates him, so
/// this class shares its collection.
/// </summary>
[Collection(BrowserUsers.PerOlavNes)]
public class ExternalSignInBrowserTests(AppServer app)
{
    private const string SharedDecisions = "Samvalg i overgangen mellom sykehus og kommune";
    private const string PerOlavSubject = "testkommune-perolav";
    private const string PerOlavEmail = "per.olav.nes@legene.test";

    private static async Task Shot(IPage page, string name)
    {
        // Set HF_SCREENSHOTS to a folder to keep screenshots of the pages for a look by eye.
        if (Environment.GetEnvironmentVariable("HF_SCREENSHOTS") is { Length: > 0 } folder)
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    private async Task<AppDbContext> DbAsync() =>
        await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();

    /// <summary>The e-mail address the organisation knows the person by, as the secretariat would have registered it.</summary>
    private async Task GiveEmailAsync(string userName, string email)
    {
        await using var db = await DbAsync();
        var personId = await db.Users.Where(u => u.UserName == userName).Select(u => u.PersonId!.Value).SingleAsync();
        (await db.People.SingleAsync(p => p.Id == personId)).ChangeEmail(email);
        await db.SaveChangesAsync();
    }

    /// <summary>From the sign-in page, through the provider and back: the page lands wherever the app sends it.</summary>
    private async Task<IPage> SignInThroughProviderAsync(TestIdentity who)
    {
        app.IdentityProvider.SignsInNext(who);
        var page = await app.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Logg inn med {TestIdentityProvider.DisplayName}" }).ClickAsync();
        try
        {
            await page.WaitForURLAsync(url => !url.Contains("/Account/Login") && !url.Contains("/Account/ExternalLogin") &&
                !url.Contains("/signin-oidc") && !url.Contains("/connect/authorize"));
        }
        catch (TimeoutException e)
        {
            var body = await page.ContentAsync();
            throw new TimeoutException($"Stuck at {page.Url}: {body[..Math.Min(body.Length, 3000)]}", e);
        }
        return page;
    }

    private async Task<(Guid CaseId, int Positions)> SharedDecisionsAsync()
    {
        await using var db = await DbAsync();
        var @case = await db.Cases.WithRecord().SingleAsync(c => c.Title == SharedDecisions);
        return (@case.Id, @case.OpenTreatment!.Positions.Count);
    }

    [Fact]
    public async Task A_first_sign_in_through_the_provider_links_to_the_seeded_person_and_a_later_one_finds_them_by_subject()
    {
        await GiveEmailAsync("mari.hovde", "mari.hovde@innlandet.test");
        var login = await app.NewPageAsync();
        await login.GotoAsync("/Account/Login");
        await Expect(login.GetByRole(AriaRole.Link, new() { Name = $"Logg inn med {TestIdentityProvider.DisplayName}" })).ToBeVisibleAsync();
        await Shot(login, "oidc-1-login");
        await login.Context.CloseWithinAsync();

        var page = await SignInThroughProviderAsync(new TestIdentity("testkommune-mari", "mari.hovde@innlandet.test", ["pwd", "mfa"]));
        await AppServer.WhenLiveAsync(page);
        Assert.EndsWith("/oversikt", page.Url);
        await Expect(page.GetByText("Mari Hovde").First).ToBeVisibleAsync();
        await Expect(page.GetByText("Du har bare lesetilgang.")).ToHaveCountAsync(0);
        await Shot(page, "oidc-2-signed-in");

        await using (var db = await DbAsync())
        {
            var mari = await db.Users.SingleAsync(u => u.UserName == "mari.hovde");
            var link = await db.Set<ExternalLogin>().SingleAsync(l => l.Subject == "testkommune-mari");
            Assert.Equal((mari.Id, "test", "email", "mari.hovde@innlandet.test"), (link.UserId, link.Provider, link.LinkedByClaim, link.LinkedByValue));
        }

        // Later the organisation changes her address; the link made on the first sign-in still knows her.
        var again = await SignInThroughProviderAsync(new TestIdentity("testkommune-mari", "mari.hovde@ny-adresse.test", ["pwd", "mfa"]));
        await Expect(again.GetByText("Mari Hovde").First).ToBeVisibleAsync();

        // The administrator sees the link on her user page.
        await using (var db = await DbAsync())
        {
            var admin = await app.SignedInPageAsync("admin");
            var mariId = await db.Users.Where(u => u.UserName == "mari.hovde").Select(u => u.Id).SingleAsync();
            await AppServer.GotoLiveAsync(admin, $"/admin/brukere/{mariId}");
            await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Innlogging via organisasjonen" })).ToBeVisibleAsync();
            await Expect(admin.GetByText("ved email «mari.hovde@innlandet.test»")).ToBeVisibleAsync();
            await Shot(admin, "oidc-3-admin-user-page");
            await admin.Context.CloseWithinAsync();
        }
        foreach (var p in new[] { page, again }) await p.Context.CloseWithinAsync();
    }

    [Fact]
    public async Task An_unknown_identity_is_refused_with_the_Norwegian_page_and_nothing_is_created()
    {
        int users, links;
        await using (var db = await DbAsync())
            (users, links) = (await db.Users.CountAsync(), await db.Set<ExternalLogin>().CountAsync());

        var page = await SignInThroughProviderAsync(new TestIdentity("testkommune-ukjent", "ukjent.person@kommune.test", ["pwd", "mfa"]));

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Du har ikke tilgang ennå – kontakt sekretariatet");
        await Shot(page, "oidc-4-unknown");
        await using (var db = await DbAsync())
            Assert.Equal((users, links), (await db.Users.CountAsync(), await db.Set<ExternalLogin>().CountAsync()));
        // Not signed in either: the app still asks for a sign-in.
        await page.GotoAsync("/oversikt");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Logg inn" })).ToBeVisibleAsync();
        await page.Context.CloseWithinAsync();
    }

    [Fact]
    public async Task A_sign_in_without_the_second_factor_is_read_only_and_says_why()
    {
        await GiveEmailAsync("perolav.nes", PerOlavEmail);
        var (caseId, before) = await SharedDecisionsAsync();
        var page = await SignInThroughProviderAsync(new TestIdentity(PerOlavSubject, PerOlavEmail, ["pwd"], Organisation: "940155223"));
        await AppServer.WhenLiveAsync(page);
        await Expect(page.GetByText("Du har bare lesetilgang.")).ToBeVisibleAsync();

        await AppServer.GotoLiveAsync(page, $"/saker/{caseId}");
        // The page asks the rule the command asks: a read-only sign-in is not offered the position form at all.
        await Expect(page.GetByText("Du har bare lesetilgang.")).ToBeVisibleAsync();
        await Expect(page.GetByText("parter enige").First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Registrer standpunkt" })).ToHaveCountAsync(0);
        await Shot(page, "oidc-5-read-only");
        Assert.Equal(before, (await SharedDecisionsAsync()).Positions);
        await page.Context.CloseWithinAsync();
    }

    [Fact]
    public async Task A_sign_in_proving_another_organisation_cannot_register_for_the_seat_s_party()
    {
        await GiveEmailAsync("perolav.nes", PerOlavEmail);
        var (caseId, before) = await SharedDecisionsAsync();
        // With the second factor, but through the hospital's organisation: not the municipalities he speaks for.
        var page = await SignInThroughProviderAsync(new TestIdentity(PerOlavSubject, PerOlavEmail, ["pwd", "mfa"], Organisation: "983971709"));
        await AppServer.GotoLiveAsync(page, $"/saker/{caseId}");
        await Expect(page.GetByText("Du har bare lesetilgang.")).ToHaveCountAsync(0);
        // Not offered the form: the page says why where the form would be, in the words the command would refuse with.
        await Expect(page.GetByTestId("position-refusal").Filter(new() { HasText = "viser ikke at du representerer Kommunene i Innlandet (samlet)" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Registrer standpunkt" })).ToHaveCountAsync(0);
        await Shot(page, "oidc-6-other-organisation");
        Assert.Equal(before, (await SharedDecisionsAsync()).Positions);
        await page.Context.CloseWithinAsync();
    }
}
