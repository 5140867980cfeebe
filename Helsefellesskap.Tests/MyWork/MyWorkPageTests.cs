using Bunit;
using Helsefellesskap.App.Features.Email;
using Helsefellesskap.App.Features.MyWork;
using Helsefellesskap.Domain.Meetings;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.Tests.MyWork;

/// <summary>/mitt-arbeid for a member, an AU member, a municipality's ratification contact and the secretariat.</summary>
public sealed class MyWorkPageTests(DemoDatabaseTemplate template) : AppPageTest(template)
{
    private static string Section(IRenderedComponent<MyWorkPage> page, WorkKind kind) => page.Find($"[data-testid=work-{kind}]").TextContent;

    [Fact]
    public void A_member_sees_the_meeting_they_are_called_to_and_reports_absence_from_the_list()
    {
        SignIn("hilde.moen");
        var page = Render<MyWorkPage>();

        page.WaitForAssertion(() => Assert.Contains("Møte i SSU", Section(page, WorkKind.Meeting)));
        page.FindAll("button").First(b => b.TextContent.StartsWith("Meld forfall")).Click();

        page.WaitForAssertion(() => Assert.Contains("Du har meldt forfall.", Section(page, WorkKind.Meeting)));
    }

    [Fact]
    public async Task A_meeting_in_progress_that_I_am_called_to_comes_first_with_a_way_in()
    {
        Guid meetingId;
        await using (var db = Database.NewContext())
        {
            var meeting = await db.Meetings.SingleAsync(m => m.Status == MeetingStatus.NoticeSent && m.Location == "Sykehuset Innlandet, Lillehammer");
            meeting.Open(FixedClock.DemoNow);
            await db.SaveChangesAsync();
            meetingId = meeting.Id;
        }
        SignIn("hilde.moen");

        var page = Render<MyWorkPage>();

        page.WaitForAssertion(() =>
        {
            var now = page.Find("[data-testid=work-meeting-in-progress]");
            Assert.Contains("Møte i SSU pågår nå.", now.TextContent);
            Assert.Equal($"/moter/{meetingId}", now.QuerySelector("a")!.GetAttribute("href"));
            // First on the page, and not again among the meetings ahead.
            Assert.Equal("work-meeting-in-progress", page.Find("h1").NextElementSibling!.NextElementSibling!.GetAttribute("data-testid"));
            Assert.Empty(page.FindAll($"[data-testid=work-{WorkKind.Meeting}]"));
        });
    }

    [Fact]
    public void An_au_member_sees_the_case_waiting_for_their_partys_position_and_the_minutes_to_approve()
    {
        SignIn("perolav.nes");
        var page = Render<MyWorkPage>();

        page.WaitForAssertion(() =>
        {
            var positions = Section(page, WorkKind.Position);
            Assert.Contains("Samvalg i overgangen mellom sykehus og kommune", positions);
            Assert.Contains("har ikke gitt standpunkt i AU", positions);
            Assert.Contains("Protokoll fra møtet i AU 18. november 2026", Section(page, WorkKind.MinutesApproval));
        });
    }

    [Fact]
    public void A_municipalitys_ratification_contact_sees_the_ratification_the_municipality_must_record()
    {
        SignIn("kd.tolga");
        var page = Render<MyWorkPage>();

        page.WaitForAssertion(() => Assert.Contains("Lokal forankring for Tolga", Section(page, WorkKind.Ratification)));
        Assert.Empty(page.FindAll($"[data-testid=work-{WorkKind.Position}]"));
    }

    [Fact]
    public async Task The_secretariat_sees_messages_that_could_not_be_sent()
    {
        await using (var db = Database.NewContext())
        {
            var message = new OutboxMessage("test/1", MailKind.Notice, null, "Hilde Moen", "hilde.moen@eksempel.no", "Innkalling", "Tekst", FixedClock.DemoNow);
            for (var i = 0; i < OutboxMessage.MaxAttempts; i++) message.RecordFailure("Connection refused", FixedClock.DemoNow);
            db.Add(message);
            await db.SaveChangesAsync();
        }
        SignIn("mari.hovde");

        var page = Render<MyWorkPage>();

        page.WaitForAssertion(() => Assert.Contains("1 e-post ble ikke sendt", Section(page, WorkKind.FailedMail)));
        Assert.Equal("/admin/utsendelser", page.Find($"[data-testid=work-{WorkKind.FailedMail}] a").GetAttribute("href"));
    }
}
