using Bunit;
using Helsefellesskap.App.Features.Overview;
using Helsefellesskap.Domain.Meetings;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.Tests.Overview;

/// <summary>Oversikt: a member arriving while their meeting runs finds it at the top.</summary>
public sealed class OverviewPageTests(DemoDatabaseTemplate template) : AppPageTest(template)
{
    [Fact]
    public async Task A_meeting_in_progress_comes_first_with_a_link_to_go_to_it()
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

        var page = Render<OverviewPage>();

        page.WaitForAssertion(() =>
        {
            var notice = page.Find("[data-testid=meeting-in-progress]");
            Assert.Contains("Møtet i SSU pågår nå.", notice.TextContent);
            Assert.Equal($"/moter/{meetingId}", notice.QuerySelector("a")!.GetAttribute("href"));
        });
        var line = page.FindAll("li").First(li => li.QuerySelector($"a[href='/moter/{meetingId}']") is not null);
        Assert.Contains("pågår", line.TextContent);
    }
}
