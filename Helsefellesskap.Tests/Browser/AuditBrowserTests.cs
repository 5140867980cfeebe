using Helsefellesskap.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Helsefellesskap.Tests.Browser;

/// <summary>The secretariat checks the whole record on /revisjon in a real browser, while others work in the app.</summary>
public class AuditBrowserTests(AppServer app)
{
    [Fact]
    public async Task The_secretariat_checks_the_record_and_sees_the_chain_whole_and_the_tables_in_step_with_the_log()
    {
        var page = await app.SignedInPageAsync("geir.lien");
        await AppServer.GotoLiveAsync(page, "/revisjon");

        await page.GetByRole(AriaRole.Button, new() { Name = "Kontroller kjeden" }).ClickAsync();

        var status = page.GetByRole(AriaRole.Status);
        await Expect(status).ToContainTextAsync("Kjeden er hel:");
        await Expect(status).ToContainTextAsync("Tabellene stemmer med loggen, og kjeden stemmer med alle publiserte hoder.");
        // Set HF_SCREENSHOTS to a folder to keep a screenshot for a look by eye.
        if (Environment.GetEnvironmentVariable("HF_SCREENSHOTS") is { Length: > 0 } folder)
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "revisjon-kontroll.png") });
    }
}
