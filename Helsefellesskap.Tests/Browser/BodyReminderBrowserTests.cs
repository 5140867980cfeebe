using Helsefellesskap.App.Data;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Helsefellesskap.Tests.Browser;

/// <summary>The secretariat sets a body's reminder lead times on its page, at desktop and phone width.</summary>
public class BodyReminderBrowserTests(AppServer app)
{
    private static async Task Shot(IPage page, string name)
    {
        // Set HF_SCREENSHOTS to a folder to keep screenshots of the pages for a look by eye.
        if (Environment.GetEnvironmentVariable("HF_SCREENSHOTS") is { Length: > 0 } folder)
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    [Fact]
    public async Task The_secretariat_sets_when_a_body_s_reminders_go_out_and_a_wrong_value_is_named()
    {
        var page = await app.SignedInPageAsync("mari.hovde");
        await page.SetViewportSizeAsync(1280, 900);
        await AppServer.GotoLiveAsync(page, "/utvalg/fu-phbu");
        var section = page.Locator("section[aria-labelledby=paminnelser]");
        await Expect(section.GetByRole(AriaRole.Heading, new() { Name = "Påminnelser på e-post" })).ToBeVisibleAsync();
        var before = section.GetByRole(AriaRole.Textbox, new() { Name = "Dager før møtet" });
        await Expect(before).ToHaveValueAsync("7, 1");

        await section.GetByRole(AriaRole.Textbox, new() { Name = "Dager før frist for oppfølging" }).FillAsync("200");
        await section.GetByRole(AriaRole.Button, new() { Name = "Lagre tidspunkter for påminnelser" }).ClickAsync();
        await Expect(section.GetByRole(AriaRole.Alert)).ToContainTextAsync("«Dager før frist for oppfølging» må være et helt antall dager mellom 0 og 90.");
        await Shot(page, "body-reminders-1280-error");

        await section.GetByRole(AriaRole.Textbox, new() { Name = "Dager før frist for oppfølging" }).FillAsync("10");
        await before.FillAsync("14, 7, 1");
        await section.GetByRole(AriaRole.Button, new() { Name = "Lagre tidspunkter for påminnelser" }).ClickAsync();
        await Expect(section.GetByRole(AriaRole.Status)).ToContainTextAsync("Tidspunktene for påminnelser er lagret.");
        await Expect(section.GetByTestId("reminder-lead-times")).ToContainTextAsync("Standpunkt som mangler: 14, 7 og 1 dager før møtet.");
        await Shot(page, "body-reminders-1280-saved");

        await page.SetViewportSizeAsync(375, 800);
        await Expect(before).ToHaveValueAsync("14, 7, 1");
        // Nothing is wider than the phone: the form reflows into one column. The layout answers the resize after it
        // (one CI run read the width before the reflow), so this waits for that state and fails if it never comes.
        await page.WaitForFunctionAsync("document.documentElement.scrollWidth <= window.innerWidth");
        await Shot(page, "body-reminders-375");

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.Equal("14,7,1", (await db.Bodies.AsNoTracking().SingleAsync(b => b.ShortName == "FU-PHBU")).ReminderDaysBeforeMeeting);
    }
}
