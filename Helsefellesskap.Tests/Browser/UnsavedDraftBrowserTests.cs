using System.Text.RegularExpressions;
using Helsefellesskap.App.Data;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Helsefellesskap.Tests.Browser;

/// <summary>
/// Text typed while the connection is lost is not lost with it: the browser keeps it, and the page offers it back.
/// The lost connection is the browser's messages to the server being dropped on the circuit's WebSocket, as after a
/// server restart: nothing typed reaches the server, though the page in the tab still shows it.
/// </summary>
public class UnsavedDraftBrowserTests(AppServer app)
{
    private static async Task Shot(IPage page, string name)
    {
        // Set HF_SCREENSHOTS to a folder to keep screenshots of the pages for a look by eye.
        if (Environment.GetEnvironmentVariable("HF_SCREENSHOTS") is { Length: > 0 } folder)
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    private async Task<Guid> NewDraftAsync(string title)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var ssu = await db.Bodies.SingleAsync(b => b.ShortName == "SSU");
        var secretary = await db.People.SingleAsync(p => p.Name == "Mari Hovde");
        var @case = new Case(ssu.PartnershipId, ssu, title, CaseType.Decision, false, CaseTag.None,
            "Bakgrunn som er lagret.", "Vurdering.", "SSU vedtar rutinen.", secretary.Id, app.Clock.GetUtcNow());
        db.Cases.Add(@case);
        await db.SaveChangesAsync();
        return @case.Id;
    }

    private async Task<string> SavedBackgroundAsync(Guid caseId)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return (await db.Cases.AsNoTracking().WithRecord().SingleAsync(c => c.Id == caseId)).Background;
    }

    [Fact]
    public async Task Text_typed_when_the_connection_was_lost_is_offered_back_after_a_reload_and_restored_on_request()
    {
        var caseId = await NewDraftAsync($"Utskrivning av skrøpelige eldre {Guid.NewGuid().ToString("N")[..6]}");
        var page = await app.SignedInPageAsync("mari.hovde");
        var connectionLost = false;
        await page.RouteWebSocketAsync(new Regex("/_blazor"), socket =>
        {
            var server = socket.ConnectToServer();
            socket.OnMessage(frame =>
            {
                if (connectionLost) return;
                if (frame.Binary is { } bytes) server.Send(bytes); else server.Send(frame.Text);
            });
        });
        await AppServer.GotoLiveAsync(page, $"/saker/{caseId}/rediger");
        var background = page.GetByRole(AriaRole.Textbox, new() { Name = "Bakgrunn" });
        await Expect(background).ToHaveValueAsync("Bakgrunn som er lagret.");

        connectionLost = true;
        const string typed = "Bakgrunn skrevet mens forbindelsen var brutt: kommunene melder om flere reinnleggelser.";
        await background.FillAsync(typed);
        await page.WaitForFunctionAsync("text => Object.keys(sessionStorage).some(k => k.endsWith(':background') && sessionStorage.getItem(k).includes(text))", typed);
        Assert.Equal("Bakgrunn som er lagret.", await SavedBackgroundAsync(caseId));

        // The server never had it; loading the page again offers it, and the saved text stays until the user chooses.
        connectionLost = false;
        await page.ReloadAsync();
        await AppServer.WhenLiveAsync(page);
        var offer = page.GetByTestId("unsaved-drafts");
        await Expect(offer).ToContainTextAsync("Du har ulagret tekst fra før tilkoblingen ble brutt.");
        await Expect(offer).ToContainTextAsync("bakgrunn");
        await Expect(background).ToHaveValueAsync("Bakgrunn som er lagret.");
        await Shot(page, "draft-1-offered-after-reload");

        await offer.GetByRole(AriaRole.Button, new() { Name = "Gjenopprett" }).ClickAsync();
        await Expect(background).ToHaveValueAsync(typed);
        await Expect(page.GetByText("Alle endringer er lagret")).ToBeVisibleAsync();
        Assert.Equal(typed, await SavedBackgroundAsync(caseId));

        // Saved and confirmed: the browser's copy is gone, and a reload offers nothing.
        await page.ReloadAsync();
        await AppServer.WhenLiveAsync(page);
        await Expect(background).ToHaveValueAsync(typed);
        await Expect(page.GetByTestId("unsaved-drafts")).ToHaveCountAsync(0);
        Assert.False(await page.EvaluateAsync<bool>("() => Object.keys(sessionStorage).some(k => k.endsWith(':background'))"));
        await page.Context.CloseWithinAsync();
    }
}
