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
/// What was proposed, recommended and decided holds, on every screen: AU's recommendation reaches SSU as AU's, a
/// wording reads as formatted text on a phone, and a decided case is locked with its addenda shown as such.
/// </summary>
public class CaseRecordBrowserTests(AppServer app)
{
    private const string LongUrl = "https://www.helsedirektoratet.no/veiledere/samhandling-mellom-kommuner-og-helseforetak/utskrivningsklare-pasienter/felles-prosedyre?versjon=2026-11-22&kapittel=7";

    private IDbContextFactory<AppDbContext> Factory => app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();

    private static async Task Shot(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("HF_SCREENSHOTS") is { Length: > 0 } folder)
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "record-" + name + ".png"), FullPage = true });
    }

    private static async Task NoSidewaysScrollingAsync(IPage page)
    {
        // Names the widest offender, so a failure says what to fix.
        var offender = await page.EvaluateAsync<string>("""
            () => {
              const width = document.documentElement.clientWidth;
              if (document.documentElement.scrollWidth <= width) return '';
              const wide = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > width + 1 || e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible');
              const e = wide[wide.length - 1];
              return e ? `${e.tagName}.${e.className}: ${e.textContent.slice(0, 80)}` : `${document.documentElement.scrollWidth} px`;
            }
            """);
        Assert.True(offender == "", $"{page.Url} scrolls sideways at {page.ViewportSize?.Width} px: {offender}");
    }

    /// <summary>A case registered for SSU, as the secretariat wrote it.</summary>
    private async Task<Guid> RegisteredCaseAsync(string title, string proposal, string background = "Bakgrunn.")
    {
        await using var db = await Factory.CreateDbContextAsync();
        var ssu = await db.Bodies.SingleAsync(b => b.ShortName == "SSU");
        var secretary = await db.People.SingleAsync(p => p.Name == "Mari Hovde");
        var series = await db.CaseNumberSeries.SingleAsync(s => s.BodyId == ssu.Id && s.Year == 2026);
        var @case = new Case(ssu.PartnershipId, ssu, title, CaseType.Decision, false, CaseTag.FrailElderly,
            background, "Vurdering.", proposal, secretary.Id, app.Clock.GetUtcNow());
        @case.Register(series, secretary.Id, app.Clock.GetUtcNow());
        db.Cases.Add(@case);
        await db.SaveChangesAsync();
        return @case.Id;
    }

    /// <summary>
    /// An SSU meeting with the case on its agenda, noticed, opened and at the case: what the meeting service does
    /// when the chair opens the item (the case's treatment starts from its proposal as it stands).
    /// </summary>
    private async Task<Guid> SsuMeetingAtTheCaseAsync(Guid caseId, DateOnly day)
    {
        await using var db = await Factory.CreateDbContextAsync();
        var ssu = await db.Bodies.SingleAsync(b => b.ShortName == "SSU");
        var secretary = await db.People.SingleAsync(p => p.Name == "Mari Hovde");
        var @case = await db.Cases.WithRecord().SingleAsync(c => c.Id == caseId);
        var at = app.Clock.GetUtcNow();
        var meeting = new Meeting(ssu, new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(1)), TimeSpan.FromHours(3),
            "Hamar, Sykehuset Innlandet", null, day);
        var item = meeting.AddCase(caseId, @case.Title);
        meeting.SendNotice(at);
        meeting.Open(at);
        var treatment = @case.StartTreatment(ssu, day, secretary.Id, at, meeting.Id);
        meeting.OpenAgendaItem(item.Id, treatment.Id, at);
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync();
        return meeting.Id;
    }

    [Fact]
    public async Task AU_amends_and_puts_forward_and_SSU_s_notice_and_live_item_show_AU_s_recommendation_with_the_earlier_text_in_the_history()
    {
        var token = Guid.NewGuid().ToString("N")[..6];
        var title = $"Felles rutine for ernæring hos eldre {token}";
        var caseId = await RegisteredCaseAsync(title, "SSU slutter seg til sekretariatets forslag til rutine.");
        await using (var db = await Factory.CreateDbContextAsync())
        {
            var @case = await db.Cases.WithRecord().SingleAsync(c => c.Id == caseId);
            var au = await db.Bodies.SingleAsync(b => b.ShortName == "AU");
            @case.StartTreatment(au, new DateOnly(2026, 11, 22), (await db.People.SingleAsync(p => p.Name == "Mari Hovde")).Id, app.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }

        // AU's chair amends the wording.
        var chair = await app.SignedInPageAsync("knut.ellingsen");
        await AppServer.GotoLiveAsync(chair, $"/saker/{caseId}");
        await chair.GetByText("Endre ordlyden (innstillingen)").ClickAsync();
        await chair.GetByRole(AriaRole.Textbox, new() { Name = "Ny ordlyd" }).FillAsync("SSU vedtar **AUs rutine** for ernæring, med oppstart 1. mars.");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Lagre ny ordlyd" }).ClickAsync();
        await Expect(chair.Locator(".wording strong", new() { HasText = "AUs rutine" })).ToBeVisibleAsync();

        // Both parties in AU agree to the amended wording, then the chair puts it forward to SSU.
        await using (var db = await Factory.CreateDbContextAsync())
        {
            var @case = await db.Cases.WithRecord().SingleAsync(c => c.Id == caseId);
            var treatment = @case.OpenTreatment!;
            foreach (var party in await db.Parties.Where(p => treatment.RequiredParties.Contains(p.Id)).ToListAsync())
                @case.RegisterPosition(treatment.Id, party, 2, PositionKind.Agree, null, (await db.People.SingleAsync(p => p.Name == "Mari Hovde")).Id, true, app.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }
        await AppServer.GotoLiveAsync(chair, $"/saker/{caseId}");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Vedta innstillingen og legg den fram" }).ClickAsync();
        await Expect(chair.GetByText("Lagt fram for SSU", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(chair.GetByRole(AriaRole.Heading, new() { Name = "Innstilling fra AU", Exact = true })).ToBeVisibleAsync();
        await Shot(chair, "1-recommended-case-page");

        var meetingId = await SsuMeetingAtTheCaseAsync(caseId, new DateOnly(2026, 12, 10));

        // The SSU notice shows AU's recommendation, marked as AU's, formatted.
        var secretary = await app.SignedInPageAsync("mari.hovde");
        await AppServer.GotoLiveAsync(secretary, $"/moter/{meetingId}/innkalling");
        var section = secretary.Locator("section", new() { HasText = title });
        await Expect(section.GetByRole(AriaRole.Heading, new() { Name = "Innstilling fra AU" })).ToBeVisibleAsync();
        await Expect(section.GetByTestId("notice-proposal").Locator("strong")).ToHaveTextAsync("AUs rutine");
        await Expect(section.GetByTestId("notice-proposal")).Not.ToContainTextAsync("sekretariatets forslag");
        await Shot(secretary, "2-notice");

        // The live item and the projector start from the recommendation and say whose text it is.
        var member = await app.SignedInPageAsync("hilde.moen");
        await AppServer.GotoLiveAsync(member, $"/moter/{meetingId}");
        await Expect(member.GetByTestId("wording-source")).ToHaveTextAsync("Innstilling fra AU");
        await Expect(member.GetByTestId("wording").Locator("strong")).ToHaveTextAsync("AUs rutine");
        await Shot(member, "3-live-item");
        var projector = await app.SignedInPageAsync("geir.lien", width: 1600);
        await AppServer.GotoLiveAsync(projector, $"/moter/{meetingId}/storskjerm");
        await Expect(projector.GetByTestId("wording-source")).ToHaveTextAsync("Innstilling fra AU");
        await Shot(projector, "4-projector");

        // The case's history keeps the secretariat's earlier text.
        await AppServer.GotoLiveAsync(secretary, $"/saker/{caseId}");
        await Expect(secretary.GetByTestId("proposal-origin")).ToContainTextAsync("Versjon 2 – innstilling fra AU");
        // SSU's treatment card says whose text it started from.
        await Expect(secretary.GetByTestId("wording-source")).ToContainTextAsync("Ordlyden er innstilling fra AU");
        await secretary.GetByText("Tidligere versjoner av forslaget til vedtak (2)").ClickAsync();
        await Expect(secretary.GetByRole(AriaRole.Cell, new() { Name = "Registrert", Exact = true })).ToBeVisibleAsync();
        await Expect(secretary.GetByRole(AriaRole.Cell, new() { Name = "Innstilling fra AU", Exact = true })).ToBeVisibleAsync();
        await Expect(secretary.Locator("p.diff del")).ToContainTextAsync("sekretariatets");
        await Shot(secretary, "5-history");

        foreach (var page in new[] { chair, secretary, member, projector }) await page.Context.CloseWithinAsync();
    }

    [Fact]
    public async Task A_wording_with_bold_and_a_long_link_reads_formatted_and_never_scrolls_sideways_on_a_phone()
    {
        var title = $"Utskrivningsklare pasienter {Guid.NewGuid().ToString("N")[..6]}";
        var caseId = await RegisteredCaseAsync(title,
            $"SSU slutter seg til **den felles prosedyren**, se [veilederen]({LongUrl}).\n\nKilde: {LongUrl}");
        var meetingId = await SsuMeetingAtTheCaseAsync(caseId, new DateOnly(2026, 12, 11));

        var member = await app.SignedInPageAsync("hilde.moen", width: 375);
        await AppServer.GotoLiveAsync(member, $"/moter/{meetingId}");
        var wording = member.GetByTestId("wording");
        await Expect(wording.Locator("strong")).ToHaveTextAsync("den felles prosedyren");
        await Expect(wording.GetByRole(AriaRole.Link, new() { Name = "veilederen" })).ToHaveAttributeAsync("href", LongUrl);
        await Expect(wording).Not.ToContainTextAsync("**");
        await Expect(wording).Not.ToContainTextAsync("](");
        await NoSidewaysScrollingAsync(member);
        await Shot(member, "6-live-375");

        var projector = await app.SignedInPageAsync("geir.lien", width: 375);
        await AppServer.GotoLiveAsync(projector, $"/moter/{meetingId}/storskjerm");
        await Expect(projector.GetByTestId("wording").Locator("strong")).ToHaveTextAsync("den felles prosedyren");
        await NoSidewaysScrollingAsync(projector);
        await Shot(projector, "7-projector-375");

        await AppServer.GotoLiveAsync(member, $"/moter/{meetingId}/innkalling");
        var proposal = member.Locator("section", new() { HasText = title }).GetByTestId("notice-proposal");
        await Expect(proposal.Locator("strong")).ToHaveTextAsync("den felles prosedyren");
        await Expect(proposal.GetByRole(AriaRole.Link, new() { Name = "veilederen" })).ToBeVisibleAsync();
        await Expect(proposal).Not.ToContainTextAsync("**");
        await NoSidewaysScrollingAsync(member);
        await Shot(member, "8-notice-375");

        foreach (var page in new[] { member, projector }) await page.Context.CloseWithinAsync();
    }

    [Fact]
    public async Task The_secretariat_cannot_change_a_decided_case_s_background_and_adds_a_correction_shown_on_the_case_and_the_public_decision()
    {
        var title = $"Felles rutine for legemiddelgjennomgang {Guid.NewGuid().ToString("N")[..6]}";
        var caseId = await RegisteredCaseAsync(title, "SSU vedtar rutinen for legemiddelgjennomgang.", "Bakgrunnen slik SSU behandlet den.");
        Guid treatmentId;
        await using (var db = await Factory.CreateDbContextAsync())
        {
            var ssu = await db.Bodies.SingleAsync(b => b.ShortName == "SSU");
            var secretary = await db.People.SingleAsync(p => p.Name == "Mari Hovde");
            var @case = await db.Cases.WithRecord().SingleAsync(c => c.Id == caseId);
            var day = new DateOnly(2026, 10, 8);
            var meeting = new Meeting(ssu, new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(2)), TimeSpan.FromHours(3),
                "Hamar", null, day);
            var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(11, 0)), TimeSpan.FromHours(2));
            var treatment = @case.StartTreatment(ssu, day, secretary.Id, at, meeting.Id);
            var parties = await db.Parties.ToListAsync();
            foreach (var party in parties.Where(p => treatment.RequiredParties.Contains(p.Id)))
                @case.RegisterPosition(treatment.Id, party, 1, PositionKind.Agree, null, secretary.Id, true, at);
            @case.CloseTreatment(treatment.Id, at, null, parties);
            meeting.RecordTreatedCase(caseId, title, treatment.Id);
            meeting.RecordAsHeld(minutesApproved: true);
            db.Meetings.Add(meeting);
            await db.SaveChangesAsync();
            treatmentId = treatment.Id;
        }

        // The editor says the case is locked, and why, instead of failing on save.
        var secretaryPage = await app.SignedInPageAsync("mari.hovde");
        await AppServer.GotoLiveAsync(secretaryPage, $"/saker/{caseId}/rediger");
        await Expect(secretaryPage.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("kan ikke endres");
        await Expect(secretaryPage.GetByTestId("case-locked")).ToContainTextAsync("Saken er behandlet i SSU 08.10.2026. Tittel, saksfremstilling og vedlegg er låst");
        await Expect(secretaryPage.GetByRole(AriaRole.Textbox, new() { Name = "Bakgrunn" })).ToHaveCountAsync(0);
        await Shot(secretaryPage, "9-editor-locked");

        // She adds a correction on the case page instead; it shows dated and signed.
        await secretaryPage.GetByRole(AriaRole.Link, new() { Name = "Til saken" }).ClickAsync();
        await AppServer.WhenLiveAsync(secretaryPage);
        await Expect(secretaryPage.GetByTestId("locked-note")).ToBeVisibleAsync();
        await secretaryPage.GetByText("Legg til tilleggsopplysning eller rettelse").ClickAsync();
        await secretaryPage.GetByRole(AriaRole.Radio, new() { Name = "Rettelse" }).CheckAsync();
        await secretaryPage.GetByRole(AriaRole.Textbox, new() { Name = "Tekst (Markdown)" }).FillAsync("Møtedatoen i vedlegg 1 skal være **8. oktober**.");
        await secretaryPage.GetByRole(AriaRole.Button, new() { Name = "Legg til", Exact = true }).ClickAsync();
        var addenda = secretaryPage.GetByTestId("addenda");
        await Expect(addenda).ToContainTextAsync("Rettelse");
        await Expect(addenda).ToContainTextAsync("signert Mari Hovde");
        await Expect(addenda.Locator("strong")).ToHaveTextAsync("8. oktober");
        await Shot(secretaryPage, "10-case-addendum");

        // The public decision page shows it as a correction, beside the background as it was decided.
        foreach (var width in new[] { 1280, 375 })
        {
            var reader = await app.NewPageAsync(width);
            await reader.GotoAsync($"/offentlig/vedtak/{treatmentId}");
            await Expect(reader.GetByRole(AriaRole.Heading, new() { Name = "Tilleggsopplysninger og rettelser etter vedtaket" })).ToBeVisibleAsync();
            await Expect(reader.GetByTestId("addenda")).ToContainTextAsync("Møtedatoen i vedlegg 1 skal være 8. oktober.");
            await Expect(reader.GetByText("Bakgrunnen slik SSU behandlet den.")).ToBeVisibleAsync();
            await Shot(reader, $"11-public-decision-{width}");
            await NoSidewaysScrollingAsync(reader);
            await reader.Context.CloseWithinAsync();
        }

        await using (var db = await Factory.CreateDbContextAsync())
            Assert.Equal("Bakgrunnen slik SSU behandlet den.", (await db.Cases.WithRecord().SingleAsync(c => c.Id == caseId)).Background);
        await secretaryPage.Context.CloseWithinAsync();
    }
}
