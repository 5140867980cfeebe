using Helsefellesskap.App.Data;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Meetings;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Helsefellesskap.Tests.Browser;

/// <summary>
/// The meeting as the supervisor for universal design tests it: keyboard only, the confirmation dialog that traps and
/// returns focus, the app's own message next to a missing reason, attendance in bulk, and the projector on one screen.
/// Each test has its own SSU meeting in progress, so none disturbs the demo's December meeting.
/// </summary>
public class MeetingUniversalDesignTests(AppServer app)
{
    private IDbContextFactory<AppDbContext> Factory => app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();

    private static async Task Shot(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("HF_SCREENSHOTS") is { Length: > 0 } folder)
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "ud-" + name + ".png"), FullPage = true });
    }

    /// <summary>An SSU case registered and an SSU meeting in progress with it on the agenda; the item opened when asked.</summary>
    private async Task<(Guid MeetingId, Guid CaseId)> MeetingInProgressAsync(string title, CaseType type, string proposal, bool openItem, DateOnly day)
    {
        await using var db = await Factory.CreateDbContextAsync();
        var ssu = await db.Bodies.SingleAsync(b => b.ShortName == "SSU");
        var secretary = await db.People.SingleAsync(p => p.Name == "Mari Hovde");
        var series = await db.CaseNumberSeries.SingleAsync(s => s.BodyId == ssu.Id && s.Year == 2026);
        var at = app.Clock.GetUtcNow();
        var @case = new Case(ssu.PartnershipId, ssu, title, type, false, CaseTag.FrailElderly, "Bakgrunn.", "Vurdering.", proposal, secretary.Id, at);
        @case.Register(series, secretary.Id, at);
        db.Cases.Add(@case);
        var meeting = new Meeting(ssu, new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(1)), TimeSpan.FromHours(3),
            "Hamar, Sykehuset Innlandet", null, day);
        var item = meeting.AddCase(@case.Id, title);
        meeting.SendNotice(at);
        meeting.Open(at);
        if (openItem)
        {
            var treatment = @case.StartTreatment(ssu, day, secretary.Id, at, meeting.Id);
            meeting.OpenAgendaItem(item.Id, treatment.Id, at);
        }
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync();
        return (meeting.Id, @case.Id);
    }

    /// <summary>Presses Tab (or Shift+Tab) until the focused element is the one described; only the keyboard moves.</summary>
    private static async Task TabToAsync(IPage page, string what, string isTarget, bool backwards = false)
    {
        for (var i = 0; i < 120; i++)
        {
            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
            if (await page.EvaluateAsync<bool>($"() => {{ const e = document.activeElement; return !!e && e !== document.body && ({isTarget}); }}"))
                return;
        }
        Assert.Fail($"Tab never reached {what}.");
    }

    private static Task<string> FocusedAsync(IPage page) =>
        page.EvaluateAsync<string>("() => (document.activeElement?.getAttribute('aria-label') || document.activeElement?.textContent || '').trim()");

    private static Task<bool> FocusInDialogAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => !!document.activeElement?.closest('[role=dialog]')");

    private static string Button(string name) => $"e.tagName === 'BUTTON' && e.textContent.trim() === '{name}'";

    [Fact]
    public async Task Keyboard_only_a_chair_opens_an_item_and_closes_it_through_the_confirmation_which_traps_and_returns_focus()
    {
        var title = $"Orientering om fastlegeordningen {Guid.NewGuid().ToString("N")[..6]}";
        var (meetingId, _) = await MeetingInProgressAsync(title, CaseType.Information, "Saken tas til orientering.", openItem: false, new DateOnly(2026, 12, 14));
        var chair = await app.SignedInPageAsync("torstein.vik");
        await AppServer.GotoLiveAsync(chair, $"/moter/{meetingId}");

        await Expect(chair.GetByRole(AriaRole.Button, new() { Name = $"Åpne {title}" })).ToBeVisibleAsync();
        // From where the page puts focus (its heading), on through the content to the item's "Åpne" button.
        await TabToAsync(chair, $"Åpne {title}", $"e.getAttribute('aria-label') === 'Åpne {title}'");
        await chair.Keyboard.PressAsync("Enter");
        await Expect(chair.Locator("#current-heading")).ToBeFocusedAsync();
        await Expect(chair.Locator("#current-heading")).ToContainTextAsync("Behandles nå: SSU-sak");
        await Expect(chair.GetByTestId("announcement")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^SSU-sak \d{3}/2026 er åpnet\.$"));

        // "Avslutt behandlingen" asks first, in a dialog that says what happens; "Avbryt" has focus.
        await TabToAsync(chair, "Avslutt behandlingen", Button("Avslutt behandlingen"));
        await chair.Keyboard.PressAsync("Enter");
        var dialog = ConfirmDialog.Of(chair);
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"Avslutte behandlingen av SSU-sak \d{3}/2026\? Utfallet blir registrert i protokollen\."));
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Avbryt" })).ToBeFocusedAsync();
        await Shot(chair, "1-confirm-close");
        // Focus stays in the dialog however far one tabs, both ways.
        for (var i = 0; i < 4; i++)
        {
            await chair.Keyboard.PressAsync("Tab");
            Assert.True(await FocusInDialogAsync(chair), $"Tab {i + 1} left the dialog for «{await FocusedAsync(chair)}».");
        }
        await chair.Keyboard.PressAsync("Shift+Tab");
        Assert.True(await FocusInDialogAsync(chair), "Shift+Tab left the dialog.");
        // Escape is "Avbryt": nothing is closed, and focus is back on the button that asked.
        await chair.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(chair.GetByRole(AriaRole.Button, new() { Name = "Avslutt behandlingen" })).ToBeFocusedAsync();
        await Expect(chair.Locator("#current-heading")).ToContainTextAsync("Behandles nå");

        // Again, and this time confirm: Tab from "Avbryt" to the action, Enter.
        await chair.Keyboard.PressAsync("Enter");
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Avbryt" })).ToBeFocusedAsync();
        await chair.Keyboard.PressAsync("Tab");
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Avslutt behandlingen" })).ToBeFocusedAsync();
        await chair.Keyboard.PressAsync("Enter");
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(chair.Locator("#current-heading")).ToContainTextAsync("Sist behandlet: SSU-sak");
        await Expect(chair.GetByTestId("announcement")).ToContainTextAsync("er avsluttet");
        await Expect(chair.GetByRole(AriaRole.Button, new() { Name = "Avslutt behandlingen" })).ToHaveCountAsync(0);
        await chair.Context.CloseWithinAsync();
    }

    [Fact]
    public async Task Keyboard_only_a_member_registers_their_party_as_disagreeing_and_a_missing_reason_is_the_apps_own_message_next_to_the_field()
    {
        var title = $"Felles rutine for legemiddelsamstemming {Guid.NewGuid().ToString("N")[..6]}";
        var (meetingId, _) = await MeetingInProgressAsync(title, CaseType.Decision, "SSU vedtar rutinen for legemiddelsamstemming.", openItem: true, new DateOnly(2026, 12, 15));
        var member = await app.SignedInPageAsync("jon.tangen", width: 375);
        await AppServer.GotoLiveAsync(member, $"/moter/{meetingId}");
        var form = member.Locator("fieldset", new() { HasText = "Gi standpunkt for din part" });
        await Expect(form).ToContainTextAsync("Part: Helseregion Nord-Østerdal");
        await Expect(form.GetByRole(AriaRole.Radio, new() { Name = "Enig", Exact = true })).ToBeCheckedAsync();

        // Tab to the position's radio group, then arrow to "Uenig".
        await TabToAsync(member, "the position radios", "e.matches('input[type=radio]') && !!e.closest('form')?.textContent.includes('Gi standpunkt for din part')");
        for (var i = 0; i < 4 && !await member.EvaluateAsync<bool>("() => document.activeElement.closest('label')?.textContent.trim() === 'Uenig'"); i++)
            await member.Keyboard.PressAsync("ArrowDown");
        await Expect(form.GetByRole(AriaRole.Radio, new() { Name = "Uenig", Exact = true })).ToBeCheckedAsync();
        var reason = form.GetByRole(AriaRole.Textbox, new() { Name = "Begrunnelse for å være uenig" });
        await Expect(reason).ToBeVisibleAsync();
        // No browser bubble: the form does not validate natively and the field is not marked required for the browser.
        Assert.True(await form.EvaluateAsync<bool>("f => f.closest('form').noValidate"));
        await Expect(reason).Not.ToHaveAttributeAsync("required", "");

        // Submitting without a reason: the app's own message, next to the field, announced, and tied to the field.
        await TabToAsync(member, "Registrer standpunkt", Button("Registrer standpunkt"));
        await member.Keyboard.PressAsync("Enter");
        var error = form.GetByRole(AriaRole.Alert);
        await Expect(error).ToHaveTextAsync("Et standpunkt «uenig» må begrunnes.");
        var errorId = await error.GetAttributeAsync("id");
        Assert.False(string.IsNullOrEmpty(errorId));
        await Expect(reason).ToHaveAttributeAsync("aria-describedby", new System.Text.RegularExpressions.Regex(errorId!));
        await Expect(reason).ToHaveAttributeAsync("aria-invalid", "true");
        // It stands right under the field, not elsewhere on the page.
        var fieldBox = (await reason.BoundingBoxAsync())!;
        var errorBox = (await error.BoundingBoxAsync())!;
        Assert.InRange(errorBox.Y - (fieldBox.Y + fieldBox.Height), -1, 60);
        await Expect(member.GetByText("Et standpunkt «uenig» må begrunnes.")).ToHaveCountAsync(1);
        if (Environment.GetEnvironmentVariable("HF_SCREENSHOTS") is { Length: > 0 } folder)
            await form.ScreenshotAsync(new() { Path = Path.Combine(folder, "ud-2-missing-reason-375.png") });

        // Back to the field, type the reason, and register.
        await TabToAsync(member, "the reason field", "e.tagName === 'TEXTAREA'", backwards: true);
        await member.Keyboard.TypeAsync("Regionen venter på kommunestyrenes behandling av økonomien.");
        await Expect(error).ToHaveCountAsync(0);
        await TabToAsync(member, "Registrer standpunkt", Button("Registrer standpunkt"));
        await member.Keyboard.PressAsync("Enter");
        var row = member.Locator("li.party-row[data-party=\"Helseregion Nord-Østerdal\"]");
        await Expect(row).ToContainTextAsync("Uenig");
        await Expect(row).ToContainTextAsync("«Regionen venter på kommunestyrenes behandling av økonomien.»");
        await Expect(form.Locator(".current-position")).ToContainTextAsync("Gjeldende standpunkt: Uenig");
        // What was typed stays in the field until it is recorded; then the field is empty again.
        await Expect(reason).ToHaveValueAsync("Regionen venter på kommunestyrenes behandling av økonomien.");

        // A remark to the minutes: labelled, and the field clears once the remark is in the list.
        var remark = member.GetByRole(AriaRole.Textbox, new() { Name = "Din merknad til protokollen" });
        await remark.FillAsync("Regionen ber om en orientering om økonomien i mars.");
        await member.GetByRole(AriaRole.Button, new() { Name = "Legg til merknad" }).ClickAsync();
        await Expect(member.Locator(".remarks li", new() { HasText = "Regionen ber om en orientering om økonomien i mars." })).ToHaveCountAsync(1);
        await Expect(remark).ToHaveValueAsync("");
        await Shot(member, "2-member-after-remark-375");
        await member.Context.CloseWithinAsync();
    }

    [Fact]
    public async Task The_secretariat_records_everyone_called_as_present_in_one_click_and_then_the_exceptions()
    {
        var title = $"Oppmøte i bulk {Guid.NewGuid().ToString("N")[..6]}";
        var (meetingId, _) = await MeetingInProgressAsync(title, CaseType.Information, "Saken tas til orientering.", openItem: false, new DateOnly(2026, 12, 16));
        await using (var db = await Factory.CreateDbContextAsync())
        {
            var meeting = await db.Meetings.SingleAsync(m => m.Id == meetingId);
            meeting.ReportAbsence((await db.People.SingleAsync(p => p.Name == "Jon Tangen")).Id, "Kurs");
            await db.SaveChangesAsync();
        }
        var secretary = await app.SignedInPageAsync("mari.hovde");
        await AppServer.GotoLiveAsync(secretary, $"/moter/{meetingId}");
        var list = secretary.Locator("ul.attendance");
        await Expect(list.Locator("li", new() { HasText = "Innkalt" })).Not.ToHaveCountAsync(0);

        await secretary.GetByRole(AriaRole.Button, new() { Name = "Alle innkalte møtte" }).ClickAsync();

        await Expect(list.Locator(".attendance-status", new() { HasText = "Innkalt" })).ToHaveCountAsync(0);
        await Expect(list.Locator("li", new() { HasText = "Jon Tangen" })).ToContainTextAsync("Forfall: Kurs");
        await Expect(secretary.GetByRole(AriaRole.Button, new() { Name = "Alle innkalte møtte" })).ToHaveCountAsync(0);
        // Then an exception, as before.
        var late = list.Locator("li", new() { HasText = "Hilde Moen" });
        await late.GetByRole(AriaRole.Button, new() { Name = "Registrer Hilde Moen fraværende" }).ClickAsync();
        await Expect(late.Locator(".attendance-status")).ToHaveTextAsync("Forfall");
        await Shot(secretary, "3-attendance");
        await secretary.Context.CloseWithinAsync();
    }

    [Theory]
    [InlineData(1280, 720)]
    [InlineData(1920, 1080)]
    public async Task The_projector_shows_wording_outcome_and_party_board_without_scrolling(int width, int height)
    {
        // The fullest item the demo has: its longest proposed decision, with every party's position and a remark from each.
        string proposal;
        await using (var db = await Factory.CreateDbContextAsync())
            proposal = (await db.Cases.AsNoTracking().Select(c => c.DraftProposal).ToListAsync()).MaxBy(p => p.Length)!;
        // The demo's proposals are short; a real one often carries its conditions as points.
        proposal += "\n\n- Fagutvalget rapporterer til SSU to ganger i året.\n- Kommunene og sykehuset stiller med like mange representanter." +
            "\n- Brukerrepresentanter og fastleger deltar i arbeidet.\n- Piloten evalueres før SSU tar stilling til videreføring i 2028.";
        var title = $"Felles plan for digital hjemmeoppfølging av kronisk syke {Guid.NewGuid().ToString("N")[..6]}";
        var (meetingId, caseId) = await MeetingInProgressAsync(title, CaseType.Decision, proposal, openItem: true, new DateOnly(2026, 12, width == 1280 ? 17 : 18));
        await using (var db = await Factory.CreateDbContextAsync())
        {
            var @case = await db.Cases.WithRecord().SingleAsync(c => c.Id == caseId);
            var treatment = @case.OpenTreatment!;
            var secretary = await db.People.SingleAsync(p => p.Name == "Mari Hovde");
            var kinds = new[] { PositionKind.AgreeWithRemark, PositionKind.Disagree, PositionKind.AgreeSubjectToRatification };
            var parties = await db.Parties.Where(p => treatment.RequiredParties.Contains(p.Id)).OrderBy(p => p.Name).ToListAsync();
            foreach (var (party, i) in parties.Select((p, i) => (p, i)))
                @case.RegisterPosition(treatment.Id, party, 1, kinds[i % kinds.Length],
                    "Regionen slutter seg til under forutsetning av at kommunene får dekket opplæringen av helsepersonell det første året.",
                    secretary.Id, true, app.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }

        var projector = await app.NewPageAsync(width, height);
        await projector.GotoAsync("/Account/Login");
        await projector.GetByLabel("Brukernavn").FillAsync("geir.lien");
        await projector.GetByLabel("Passord", new() { Exact = true }).FillAsync("Innlandet-2026");
        await projector.GetByRole(AriaRole.Button, new() { Name = "Logg inn" }).ClickAsync();
        await projector.WaitForURLAsync(url => !url.Contains("/Account/Login"));
        await AppServer.GotoLiveAsync(projector, $"/moter/{meetingId}/storskjerm");
        await Expect(projector.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(title);
        await Expect(projector.Locator("li.party-row")).ToHaveCountAsync(8);
        await Expect(projector.GetByTestId("outcome")).ToContainTextAsync("av 8 parter enige");
        await Shot(projector, $"4-projector-{width}x{height}");

        var sizes = await projector.EvaluateAsync<int[]>("() => [document.documentElement.scrollHeight, window.innerHeight]");
        var (scroll, inner) = (sizes[0], sizes[1]);
        Assert.True(scroll <= inner, $"The projector scrolls at {width}x{height}: {scroll} px of content in {inner} px.");
        Assert.True(await projector.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"));
        await projector.Context.CloseWithinAsync();
    }
}
