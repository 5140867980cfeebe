using System.Security.Claims;
using Helsefellesskap.App;
using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features.Cases;
using Helsefellesskap.App.Features.Meetings;
using Helsefellesskap.App.Features.Ratifications;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Meetings;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Helsefellesskap.Tests.Browser;

/// <summary>
/// Minutes that hold: approved minutes read the same before and after a municipality rejects the decision, and typed
/// prose is never lost by approving. Each test holds its own SSU meeting, played to its end through the app's services.
/// </summary>
public class MinutesBrowserTests(AppServer app)
{
    private static async Task Shot(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("HF_SCREENSHOTS") is { Length: > 0 } folder)
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "minutes-" + name + ".png"), FullPage = true });
    }

    private sealed record Played(Guid Meeting, Guid Item, Guid Case, Guid Treatment, string Title);

    /// <summary>The app's own services, acting as a demo user.</summary>
    private async Task<T> AsUser<T>(string userName, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var context = await db.CreateDbContextAsync();
        var user = await context.Users.SingleAsync(u => u.UserName == userName);
        var auth = (IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        auth.SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Name, userName)], "Test")))));
        return await work(scope.ServiceProvider);
    }

    /// <summary>
    /// A new SSU case treated in a new meeting: every party agrees, Valdres subject to local ratification, registered
    /// by the secretariat on the parties' behalf; the chair closes the case and the meeting.
    /// </summary>
    private async Task<Played> PlayMeetingAsync(string title)
    {
        var ssu = await AsUser("mari.hovde", async s =>
        {
            await using var db = await s.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            return await db.Bodies.Where(b => b.ShortName == "SSU").Select(b => b.Id).SingleAsync();
        });
        var today = OsloTime.Today(app.Clock);
        var (meeting, caseId) = await AsUser("mari.hovde", async s =>
        {
            var cases = s.GetRequiredService<CaseWork>();
            var work = s.GetRequiredService<MeetingWork>();
            var caseId = await cases.CreateDraftAsync(new(title, CaseType.Decision, false, CaseTag.FrailElderly, ssu, null,
                "Bakgrunn.", "Vurdering.", "SSU slutter seg til **rutinen**. Se [veilederen](https://www.helsedirektoratet.no/veiledere/" +
                "samhandling-mellom-kommuner-og-sykehus-om-utskrivningsklare-pasienter-med-behov-for-oppfolging)."));
            await cases.RegisterAsync(caseId);
            var meeting = await work.ScheduleAsync(new MeetingInput(ssu, today.AddDays(1), new TimeOnly(9, 0), TimeSpan.FromHours(2), "Hamar rådhus", null));
            await work.AddCaseAsync(meeting, caseId);
            await work.SendNoticeAsync(meeting);
            await work.OpenMeetingAsync(meeting);
            return (meeting, caseId);
        });
        var item = await AsUser("mari.hovde", async s =>
        {
            var work = s.GetRequiredService<MeetingWork>();
            var itemId = (await work.SnapshotAsync(meeting))!.Agenda.Single(a => a.CaseId == caseId).ItemId;
            await work.OpenItemAsync(meeting, itemId);
            var current = (await work.SnapshotAsync(meeting))!.Current!;
            foreach (var row in current.Board)
                await work.RegisterPositionAsync(meeting, itemId, row.PartyId, current.WordingVersion,
                    row.PartyName == "Helseregion Valdres" ? PositionKind.AgreeSubjectToRatification : PositionKind.Agree,
                    row.PartyName == "Helseregion Valdres" ? "Kommunestyrene må behandle saken." : null, new(null));
            return itemId;
        });
        var treatment = await AsUser("torstein.vik", async s =>
        {
            var work = s.GetRequiredService<MeetingWork>();
            await work.CloseItemAsync(meeting, item, new ItemClosing());
            await work.CloseMeetingAsync(meeting);
            return (await work.SnapshotAsync(meeting))!.Agenda.Single(a => a.ItemId == item).TreatmentId!.Value;
        });
        return new Played(meeting, item, caseId, treatment, title);
    }

    private static ILocator Document(IPage page) => page.GetByTestId("minutes-document");

    [Fact]
    public async Task The_text_of_approved_minutes_is_identical_before_and_after_a_later_rejection_which_shows_as_a_dated_development()
    {
        var played = await PlayMeetingAsync("Felles rutine for utskrivningsklare pasienter i Valdres");
        var secretary = await app.SignedInPageAsync("mari.hovde");
        await AppServer.GotoLiveAsync(secretary, $"/moter/{played.Meeting}/protokoll");
        var item = secretary.Locator("section.minutes-item", new() { HasText = played.Title });
        await Expect(item).ToContainTextAsync("Utfall: Vedtatt med forbehold om lokal forankring");
        // The wording is rendered Markdown: bold text and a link, not asterisks and brackets.
        await Expect(item.Locator(".wording strong", new() { HasText = "rutinen" })).ToBeVisibleAsync();
        await Expect(item.Locator(".wording a", new() { HasText = "veilederen" })).ToBeVisibleAsync();
        await secretary.GetByRole(AriaRole.Button, new() { Name = "Registrer protokollen som godkjent" }).ClickAsync();
        await ConfirmDialog.ConfirmAsync(secretary, "Godkjenn protokollen");
        await Expect(secretary.GetByTestId("minutes-state")).ToContainTextAsync("Protokollen er låst");
        await Expect(secretary.GetByTestId("minutes-checksum")).ToContainTextAsync("Dokumentets kontrollsum (SHA-256):");
        var internalBefore = await Document(secretary).InnerTextAsync();
        var checksum = await secretary.GetByTestId("minutes-checksum").InnerTextAsync();
        await Shot(secretary, "1-approved-1280");

        var visitor = await app.NewPageAsync();
        await visitor.GotoAsync($"/offentlig/protokoll/{played.Meeting}");
        await Expect(Document(visitor)).ToContainTextAsync("Vedtatt med forbehold om lokal forankring");
        var publicBefore = await Document(visitor).InnerTextAsync();

        // A municipality in Valdres rejects the decision in its council.
        var rejectedOn = OsloTime.Today(app.Clock).AddDays(3);
        await AsUser("mari.hovde", async s =>
        {
            await using var db = await s.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            var vang = await db.Parties.Where(p => p.Name == "Vang").Select(p => p.Id).SingleAsync();
            await s.GetRequiredService<RatificationWork>().RecordAsync(played.Treatment, vang,
                new RatificationEntry(RatificationStatus.Rejected, "Kommunestyret", "PS 40/26", rejectedOn, Comment: "Kostnadene er for usikre."));
            return true;
        });

        await AppServer.GotoLiveAsync(secretary, $"/moter/{played.Meeting}/protokoll");
        await Expect(secretary.GetByTestId("minutes-state")).ToContainTextAsync("Protokollen er låst");
        Assert.Equal(internalBefore, await Document(secretary).InnerTextAsync());
        Assert.Equal(checksum, await secretary.GetByTestId("minutes-checksum").InnerTextAsync());
        await visitor.GotoAsync($"/offentlig/protokoll/{played.Meeting}");
        await Expect(Document(visitor)).ToBeVisibleAsync();
        Assert.Equal(publicBefore, await Document(visitor).InnerTextAsync());

        // The rejection is a dated development on the case and on the public decision page, not in the minutes.
        var development = $"{rejectedOn:dd.MM.yyyy}: Vang avviste vedtaket i kommunestyret – begrunnelse: Kostnadene er for usikre.";
        await AppServer.GotoLiveAsync(secretary, $"/saker/{played.Case}");
        await Expect(secretary.GetByTestId("developments")).ToContainTextAsync(development);
        await Expect(secretary.Locator($"#behandling-{played.Treatment}")).ToContainTextAsync("Utfall da SSU avsluttet behandlingen: Vedtatt med forbehold om lokal forankring");
        await visitor.GotoAsync($"/offentlig/vedtak/{played.Treatment}");
        await Expect(visitor.GetByTestId("developments")).ToContainTextAsync(development);
        await Expect(visitor.GetByText("Utfall i møtet: Vedtatt med forbehold om lokal forankring")).ToBeVisibleAsync();
        await Shot(visitor, "2-public-decision-development");

        // A correction by the chair, shown after the unchanged minutes.
        var chair = await app.SignedInPageAsync("torstein.vik");
        await AppServer.GotoLiveAsync(chair, $"/moter/{played.Meeting}/protokoll");
        await chair.GetByLabel("Rettelse (hva som skal stå)").FillAsync("Møtet ble holdt i Gjøvik rådhus, ikke Hamar rådhus.");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Registrer rettelsen" }).ClickAsync();
        await Expect(chair.GetByRole(AriaRole.Alert)).ToContainTextAsync("begrunnes");
        await Expect(chair.GetByLabel("Rettelse (hva som skal stå)")).ToHaveValueAsync("Møtet ble holdt i Gjøvik rådhus, ikke Hamar rådhus.");
        await chair.GetByLabel("Begrunnelse").FillAsync("Feil møtested i protokollen.");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Registrer rettelsen" }).ClickAsync();
        await Expect(chair.GetByTestId("minutes-correction")).ToContainTextAsync("Rettelse 1, godkjent");
        await Expect(chair.GetByTestId("minutes-correction")).ToContainTextAsync("av Torstein Vik");
        await Expect(chair.GetByTestId("minutes-correction")).ToContainTextAsync("Begrunnelse: Feil møtested i protokollen.");
        Assert.Equal(internalBefore, await Document(chair).InnerTextAsync());
        await Shot(chair, "3-correction-1280");

        // The public minutes on a phone: the long link wraps, nothing scrolls sideways.
        var phone = await app.NewPageAsync(width: 375);
        await phone.GotoAsync($"/offentlig/protokoll/{played.Meeting}");
        await Expect(phone.GetByTestId("minutes-correction")).ToBeVisibleAsync();
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The public minutes scroll sideways at 375 px.");
        await Shot(phone, "4-public-375");
        await visitor.GotoAsync($"/offentlig/protokoll/{played.Meeting}");
        await Shot(visitor, "5-public-1280");
        var internalPhone = await app.SignedInPageAsync("mari.hovde", width: 375);
        await AppServer.GotoLiveAsync(internalPhone, $"/moter/{played.Meeting}/protokoll");
        Assert.True(await internalPhone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The minutes scroll sideways at 375 px.");
        await Shot(internalPhone, "6-internal-375");
        foreach (var page in new[] { secretary, visitor, chair, phone, internalPhone }) await page.Context.CloseWithinAsync();
    }

    [Fact]
    public async Task Typed_prose_that_was_not_saved_is_saved_with_the_approval_and_leaving_with_it_asks_first()
    {
        var played = await PlayMeetingAsync("Felles rutine for legemiddelsamstemming");
        var secretary = await app.SignedInPageAsync("mari.hovde");
        await AppServer.GotoLiveAsync(secretary, $"/moter/{played.Meeting}/protokoll");
        var prose = secretary.GetByRole(AriaRole.Textbox, new() { Name = "Protokolltekst for punkt 3" });
        await prose.FillAsync("Utvalget ba om en evaluering etter ett år.");
        await Expect(secretary.GetByTestId("minutes-unsaved")).ToBeVisibleAsync();

        // Leaving asks first; staying keeps the text.
        var asked = new TaskCompletionSource<string>();
        secretary.Dialog += async (_, dialog) => { await dialog.DismissAsync(); asked.TrySetResult(dialog.Message); };
        await secretary.GetByRole(AriaRole.Link, new() { Name = "← Til møtet" }).ClickAsync();
        Assert.Contains("ikke er lagret", await asked.Task.WaitAsync(TimeSpan.FromSeconds(15)));
        await Expect(prose).ToHaveValueAsync("Utvalget ba om en evaluering etter ett år.");
        Assert.EndsWith("/protokoll", secretary.Url);

        await secretary.GetByRole(AriaRole.Button, new() { Name = "Registrer protokollen som godkjent" }).ClickAsync();
        await ConfirmDialog.ConfirmAsync(secretary, "Godkjenn protokollen");
        await Expect(secretary.GetByTestId("minutes-state")).ToContainTextAsync("Protokollen er låst");
        await Expect(Document(secretary).Locator("section.minutes-item", new() { HasText = played.Title }))
            .ToContainTextAsync("Utvalget ba om en evaluering etter ett år.");
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var stored = await db.ApprovedMinutes.SingleAsync(a => a.MeetingId == played.Meeting);
        Assert.Contains("Utvalget ba om en evaluering etter ett år.", stored.Document);
        await secretary.Context.CloseWithinAsync();
    }

    [Fact]
    public async Task Minutes_prose_typed_when_the_connection_was_lost_is_offered_back_after_a_reload_and_restored_on_request()
    {
        var played = await PlayMeetingAsync($"Felles rutine for legemiddelsamstemming {Guid.NewGuid().ToString("N")[..6]}");
        var secretary = await app.SignedInPageAsync("mari.hovde");
        var connectionLost = false;
        await secretary.RouteWebSocketAsync(new System.Text.RegularExpressions.Regex("/_blazor"), socket =>
        {
            var server = socket.ConnectToServer();
            socket.OnMessage(frame =>
            {
                if (connectionLost) return;
                if (frame.Binary is { } bytes) server.Send(bytes); else server.Send(frame.Text!);
            });
        });
        await AppServer.GotoLiveAsync(secretary, $"/moter/{played.Meeting}/protokoll");
        var intro = secretary.GetByRole(AriaRole.Textbox, new() { Name = "Innledning" });
        await Expect(intro).ToHaveValueAsync("");

        connectionLost = true;
        const string typed = "Møtet ble satt med alle parter til stede. Innledningen ble skrevet mens forbindelsen var brutt.";
        await intro.FillAsync(typed);
        await secretary.WaitForFunctionAsync("text => Object.keys(sessionStorage).some(k => k.endsWith(':protokoll-innledning') && sessionStorage.getItem(k).includes(text))", typed);

        // The server never had it; loading the page again offers it, and the field shows what is saved until the user chooses.
        connectionLost = false;
        await secretary.ReloadAsync();
        await AppServer.WhenLiveAsync(secretary);
        var offer = secretary.GetByTestId("unsaved-drafts");
        await Expect(offer).ToContainTextAsync("Du har ulagret tekst fra før tilkoblingen ble brutt.");
        await Expect(offer).ToContainTextAsync("innledning");
        await Expect(intro).ToHaveValueAsync("");
        await Shot(secretary, "draft-offered-after-reload");

        await offer.GetByRole(AriaRole.Button, new() { Name = "Gjenopprett" }).ClickAsync();
        await Expect(intro).ToHaveValueAsync(typed);
        await Expect(secretary.GetByTestId("unsaved-drafts")).ToHaveCountAsync(0);
        await secretary.WaitForFunctionAsync("() => !Object.keys(sessionStorage).some(k => k.endsWith(':protokoll-innledning'))");

        // Saved on the server and the browser's copy gone: a reload shows the text and offers nothing.
        await secretary.ReloadAsync();
        await AppServer.WhenLiveAsync(secretary);
        await Expect(intro).ToHaveValueAsync(typed);
        await Expect(secretary.GetByTestId("unsaved-drafts")).ToHaveCountAsync(0);
        await Shot(secretary, "draft-restored-and-saved");
        await secretary.Context.CloseWithinAsync();
    }
}
