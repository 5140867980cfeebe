using System.Text.RegularExpressions;
using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features.Cases.Editor;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Helsefellesskap.Tests.Browser;

/// <summary>A refusal is shown where the user acted, at the field its rule names, and what they typed stays.</summary>
public class RefusalBrowserTests(AppServer app)
{
    private static async Task Shot(IPage page, string name)
    {
        // Set HF_SCREENSHOTS to a folder to keep screenshots of the pages for a look by eye.
        if (Environment.GetEnvironmentVariable("HF_SCREENSHOTS") is { Length: > 0 } folder)
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    [Fact]
    public async Task A_refused_proposed_decision_is_shown_at_that_field_which_keeps_what_the_user_left_there()
    {
        Guid caseId;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
            caseId = await db.Cases.IgnoreAutoIncludes().Where(c => c.Year == 2026 && c.Sequence == 4 && c.Title.StartsWith("Felles kompetanseplan"))
                .Select(c => c.Id).SingleAsync();
        var page = await app.SignedInPageAsync("mari.hovde");
        await AppServer.GotoLiveAsync(page, $"/saker/{caseId}/rediger");
        var proposal = page.GetByRole(AriaRole.Textbox, new() { Name = "Forslag til vedtak" });
        await Expect(proposal).ToHaveValueAsync(new Regex("kompetanseplan"));

        // The case was treated in SSU without consensus: its presentation is locked, its proposed decision is not.
        await proposal.FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lagre nå" }).ClickAsync();

        await Expect(page.Locator($"[data-draft='{CaseDrafts.ProposedDecision}']")).ToContainTextAsync("En beslutningssak må ha et forslag til vedtak.");
        await Expect(page.Locator($"[data-draft='{CaseDrafts.Title}']")).Not.ToContainTextAsync("forslag til vedtak");
        await Expect(proposal).ToHaveValueAsync("");
        await Shot(page, "refusal-1-proposal-field");
    }
}
