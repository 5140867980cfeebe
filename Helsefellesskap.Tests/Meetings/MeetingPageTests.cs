using Bunit;
using Helsefellesskap.App.Features.Meetings;
using Helsefellesskap.Domain.Meetings;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Tests.Meetings;

/// <summary>The live meeting page with the real store, notifier and services on SQLite.</summary>
public sealed class MeetingPageTests(DemoDatabaseTemplate template) : AppPageTest(template)
{
    private Guid DecemberMeeting()
    {
        using var db = Database.NewContext();
        return db.Meetings.Where(m => m.Status == MeetingStatus.NoticeSent).Select(m => m.Id).Single();
    }

    [Fact]
    public async Task A_member_sees_the_board_and_the_form_for_their_own_party_once_the_chair_opens_a_case()
    {
        var meeting = DecemberMeeting();
        SignIn("kjersti.haug");
        var page = Render<MeetingPage>(p => p.Add(x => x.Id, meeting));
        await page.WaitForAssertionAsync(() => Assert.Contains("Innkalling sendt", page.Markup));

        // The chair, in another circuit: the change reaches this page through the notifier.
        var chair = new TestAuthentication();
        await using (var db = Database.NewContext()) await chair.SignInAsync(db, "torstein.vik");
        var chairWork = ActivatorUtilities.CreateInstance<MeetingWork>(Services,
            new Helsefellesskap.App.Features.Access.Actors(chair, Services.GetRequiredService<TimeProvider>()));
        await chairWork.OpenMeetingAsync(meeting);
        await chairWork.OpenItemAsync(meeting, ItemId(meeting, "Felles plan for digital hjemmeoppfølging"));

        await page.WaitForAssertionAsync(() => Assert.Contains("0 av 8 parter enige", page.Markup));
        Assert.Contains("Gi standpunkt for din part", page.Markup);
        Assert.Contains("Sykehuset Innlandet HF", page.Find("fieldset").TextContent);
    }

    private Guid ItemId(Guid meeting, string title)
    {
        using var db = Database.NewContext();
        return db.Meetings.Single(m => m.Id == meeting).Agenda.Single(i => i.Title == title).Id;
    }
}
