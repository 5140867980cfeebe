using System.Security.Claims;
using Helsefellesskap.App;
using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features.Cases;
using Helsefellesskap.App.Features.Email;
using Helsefellesskap.App.Features.Meetings;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace Helsefellesskap.Tests.Browser;

/// <summary>
/// The notice by e-mail end to end: the secretariat clicks "Send innkalling", the app's worker sends through real SMTP,
/// each person called receives one message with an invitation a calendar reads; a changed time sends an update.
/// And /mitt-arbeid as a member and the secretariat see it, at 1280 and 375 px. In the SSU meetings' collection: the
/// test's meeting has its notice sent until the test cancels it, and the live meeting test expects December's alone.
/// </summary>
[Collection(BrowserUsers.SsuMeetings)]
public class EmailBrowserTests(AppServer app)
{
    private static readonly TimeZoneInfo Oslo = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");

    private static async Task Shot(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("HF_SCREENSHOTS") is { Length: > 0 } folder)
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "mail-" + name + ".png"), FullPage = true });
    }

    private async Task<T> AsUser<T>(string userName, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using (var context = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            var user = await context.Users.SingleAsync(u => u.UserName == userName);
            var auth = (IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
            auth.SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Name, userName)], "Test")))));
        }
        return await work(scope.ServiceProvider);
    }

    private static Ical.Net.CalendarComponents.CalendarEvent Event(MimeMessage message, out string method)
    {
        var part = message.BodyParts.OfType<TextPart>().Single(p => p.ContentType.MimeType == "text/calendar");
        var calendar = Ical.Net.Calendar.Load(part.Text)!;
        method = calendar.Method!;
        return calendar.Events.Single();
    }

    [Fact]
    public async Task The_secretariat_sends_the_notice_everyone_called_gets_one_invitation_and_a_changed_time_sends_an_update()
    {
        var day = OsloTime.Today(app.Clock).AddDays(10);
        var (meeting, called) = await AsUser("mari.hovde", async s =>
        {
            await using var db = await s.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            var ssu = await db.Bodies.Where(b => b.ShortName == "SSU").Select(b => b.Id).SingleAsync();
            var cases = s.GetRequiredService<CaseWork>();
            var caseId = await cases.CreateDraftAsync(new("Felles rutine for oppfølging av skrøpelige eldre etter utskrivning", CaseType.Decision, false,
                CaseTag.FrailElderly, ssu, null, "Bakgrunn.", "Vurdering.", "SSU vedtar rutinen."));
            await cases.RegisterAsync(caseId);
            var work = s.GetRequiredService<MeetingWork>();
            var meeting = await work.ScheduleAsync(new MeetingInput(ssu, day, new TimeOnly(9, 0), TimeSpan.FromHours(2), "Gjøvik rådhus", null));
            await work.AddCaseAsync(meeting, caseId);
            var stored = await db.Meetings.AsNoTracking().SingleAsync(m => m.Id == meeting);
            var ids = stored.Attendance.Select(a => a.PersonId).ToList();
            var addresses = await db.People.Where(p => ids.Contains(p.Id) && p.Email != null).Select(p => p.Email!).ToListAsync();
            return (meeting, addresses.Order().ToList());
        });
        bool OfThisMeeting(MimeMessage m) => m.TextBody.Contains($"/moter/{meeting}/innkalling");

        var secretary = await app.SignedInPageAsync("mari.hovde");
        await AppServer.GotoLiveAsync(secretary, $"/moter/{meeting}");
        await secretary.GetByRole(AriaRole.Button, new() { Name = "Send innkalling", Exact = true }).ClickAsync();
        await ConfirmDialog.ConfirmAsync(secretary, "Send innkalling");
        await Expect(secretary.GetByTestId("meeting-status")).ToHaveTextAsync("Innkalling sendt");

        var notices = await app.Smtp.WaitForAsync(m => OfThisMeeting(m) && m.Subject.StartsWith("Innkalling:"), called.Count, timeoutSeconds: 60);
        Assert.Equal(called, notices.Select(m => m.To.Mailboxes.Single().Address).Order().ToList());
        var first = Event(notices[0], out var method);
        Assert.Equal("REQUEST", method);
        Assert.Equal(MeetingCalendar.Uid(meeting), first.Uid);
        Assert.Equal(day.ToDateTime(new TimeOnly(9, 0)), TimeZoneInfo.ConvertTimeFromUtc(first.DtStart!.AsUtc, Oslo));
        Assert.All(notices, m => Assert.Equal(first.Uid, Event(m, out _).Uid));

        await secretary.GetByText("Endre tid og sted, eller avlys møtet").ClickAsync();
        await secretary.GetByLabel("Nytt klokkeslett").FillAsync("13:30");
        await Shot(secretary, "reschedule");
        await secretary.GetByRole(AriaRole.Button, new() { Name = "Lagre ny tid og sted" }).ClickAsync();
        await Expect(secretary.GetByText("Tid og sted er endret.")).ToBeVisibleAsync();

        var updates = await app.Smtp.WaitForAsync(m => OfThisMeeting(m) && m.Subject.StartsWith("Endret innkalling:"), called.Count, timeoutSeconds: 60);
        Assert.Equal(called, updates.Select(m => m.To.Mailboxes.Single().Address).Order().ToList());
        var update = Event(updates[0], out _);
        Assert.Equal((first.Uid, 1), (update.Uid, update.Sequence));
        Assert.Equal(day.ToDateTime(new TimeOnly(13, 30)), TimeZoneInfo.ConvertTimeFromUtc(update.DtStart!.AsUtc, Oslo));
        Assert.Equal(called.Count, app.Smtp.Received.Count(m => OfThisMeeting(m) && m.Subject.StartsWith("Innkalling:")));

        await secretary.GetByRole(AriaRole.Button, new() { Name = "Avlys møtet" }).ClickAsync();
        await ConfirmDialog.ConfirmAsync(secretary, "Avlys møtet");
        await Expect(secretary.GetByTestId("meeting-status")).ToHaveTextAsync("Avlyst");
        var cancellations = await app.Smtp.WaitForAsync(m => OfThisMeeting(m) && m.Subject.StartsWith("Avlyst:"), called.Count, timeoutSeconds: 60);
        var cancellation = Event(cancellations[0], out var cancelMethod);
        Assert.Equal(("CANCEL", first.Uid, 2), (cancelMethod, cancellation.Uid, cancellation.Sequence));
    }

    [Theory]
    [InlineData("hilde.moen", 1280)]
    [InlineData("hilde.moen", 375)]
    [InlineData("mari.hovde", 1280)]
    [InlineData("mari.hovde", 375)]
    public async Task My_work_lists_what_waits_for_a_member_and_the_secretariat_at_desktop_and_phone_width(string userName, int width)
    {
        // What waits for the member in the demo (December's SSU meeting) ends when the live meeting test closes that
        // meeting, in whatever order the tests run; so the secretariat first gives her an action of her own.
        var action = $"Følge opp utskrivningsavtalen i Gran ({width} px)";
        if (userName == "hilde.moen")
            await AsUser("mari.hovde", async s =>
            {
                await using var db = await s.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
                var decision = await db.Cases.WithRecord().SingleAsync(c => c.Title == "Etablering av fagutvalg for psykisk helse barn og unge (pilot)");
                var region = await db.Parties.Where(p => p.Name == "Helseregion Gjøvik og Hadeland").Select(p => p.Id).SingleAsync();
                var owner = await db.Users.Where(u => u.UserName == userName).Select(u => u.PersonId!.Value).SingleAsync();
                return await s.GetRequiredService<Helsefellesskap.App.Features.FollowUp.FollowUpWork>().CreateAsync(decision.Id,
                    decision.Treatments.Last(Helsefellesskap.Domain.FollowUp.FollowUpAction.IsDecision).Id,
                    new(action, region, owner, OsloTime.Today(app.Clock).AddDays(60)));
            });

        var page = await app.SignedInPageAsync(userName, width);
        await AppServer.GotoLiveAsync(page, "/mitt-arbeid");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mitt arbeid", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("section h2").First).ToBeVisibleAsync();
        if (userName == "hilde.moen")
            await Expect(page.GetByText(action)).ToBeVisibleAsync();
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth");
        Assert.False(overflow);
        await Shot(page, $"mitt-arbeid-{userName}-{width}");
    }
}
