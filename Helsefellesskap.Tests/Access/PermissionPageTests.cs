using Bunit;
using Helsefellesskap.App.Data;
using Helsefellesskap.App.Data.Seeding;
using Helsefellesskap.App.Features.Access;
using Helsefellesskap.App.Features.Cases;
using Helsefellesskap.App.Features.Meetings;
using Helsefellesskap.App.Features.Ratifications;
using Helsefellesskap.Domain.Meetings;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Tests.Access;

/// <summary>
/// Where a page once disagreed with the domain: it offered what the command refuses, or hid what the command allows.
/// A page now asks the same <c>Actor.MayX</c> the command's <c>MustX</c> is.
/// </summary>
public sealed class PermissionPageTests(DemoDatabaseTemplate template) : AppPageTest(template)
{
    [Fact]
    public void A_read_only_sign_in_is_not_offered_the_position_form_on_the_case_page()
    {
        SignInWithoutSecondFactor("perolav.nes");
        var page = Render<CasePage>(p => p.Add(x => x.Id, CaseInAu()));

        page.WaitForAssertion(() => Assert.Contains("parter enige", page.Markup));
        Assert.DoesNotContain("Registrer standpunkt", page.Markup);
        Assert.Empty(page.FindAll("fieldset"));
    }

    [Fact]
    public async Task A_read_only_sign_in_is_not_offered_the_position_form_in_a_meeting()
    {
        var meeting = DecemberMeeting();
        SignInWithoutSecondFactor("kjersti.haug");
        var page = Render<MeetingPage>(p => p.Add(x => x.Id, meeting));
        page.WaitForAssertion(() => Assert.Contains("Innkalling sendt", page.Markup));

        await OpenItemAsChairAsync(meeting, "Felles plan for digital hjemmeoppfølging");

        page.WaitForAssertion(() => Assert.Contains("0 av 8 parter enige", page.Markup));
        Assert.DoesNotContain("Gi standpunkt for din part", page.Markup);
        Assert.DoesNotContain("Legg til merknad", page.Markup);
    }

    [Fact]
    public async Task A_chair_without_a_position_is_not_offered_a_remark_the_meeting_would_refuse()
    {
        var meeting = DecemberMeeting();
        SignIn("torstein.vik");
        var page = Render<MeetingPage>(p => p.Add(x => x.Id, meeting));
        page.WaitForAssertion(() => Assert.Contains("Innkalling sendt", page.Markup));

        await OpenItemAsChairAsync(meeting, "Felles plan for digital hjemmeoppfølging");

        page.WaitForAssertion(() => Assert.Contains("0 av 8 parter enige", page.Markup));
        // He runs the meeting, and SSU's chair in the municipal years has no party's say: no remark, as the command has it.
        Assert.Contains("Avslutt møtet", page.Markup);
        Assert.DoesNotContain("Legg til merknad", page.Markup);
    }

    [Fact]
    public async Task One_an_administrator_let_record_a_party_s_ratification_is_offered_to_record_it_from_the_case_page()
    {
        Guid caseId, tolga, person;
        await using (var db = Database.NewContext())
        {
            caseId = await db.Cases.Where(c => c.Title == AfterDecisionSeeding.ReservedDecisionTitle).Select(c => c.Id).SingleAsync();
            tolga = await db.Parties.Where(p => p.Name == "Tolga").Select(p => p.Id).SingleAsync();
            person = await db.Users.Where(u => u.UserName == "kd.tolga").Select(u => u.PersonId!.Value).SingleAsync();
        }
        SignIn("kd.tolga");
        var admin = new TestAuthentication();
        await using (var db = Database.NewContext()) await admin.SignInAsync(db, "admin");
        await ActivatorUtilities.CreateInstance<RatificationWork>(Services, new Actors(admin, Services.GetRequiredService<TimeProvider>()))
            .GrantRecordingAsync(person, tolga);

        var page = Render<CasePage>(p => p.Add(x => x.Id, caseId));

        page.WaitForAssertion(() => Assert.Contains("Lokal forankring", page.Markup));
        Assert.Contains("Se og registrer forankringen i hver kommune", page.Markup);
    }

    /// <summary>The demo's shared decision making case, in AU: Per Olav Nes speaks for the municipalities there.</summary>
    private Guid CaseInAu()
    {
        using var db = Database.NewContext();
        return db.Cases.WithRecord().Single(c => c.Title.StartsWith("Samvalg i overgangen")).Id;
    }

    private Guid DecemberMeeting()
    {
        using var db = Database.NewContext();
        return db.Meetings.Where(m => m.Status == MeetingStatus.NoticeSent).Select(m => m.Id).Single();
    }

    /// <summary>SSU's chair, in another circuit, opens the meeting and an item; the page follows through the notifier.</summary>
    private async Task OpenItemAsChairAsync(Guid meeting, string title)
    {
        var chair = new TestAuthentication();
        await using (var db = Database.NewContext()) await chair.SignInAsync(db, "torstein.vik");
        var work = ActivatorUtilities.CreateInstance<MeetingWork>(Services, new Actors(chair, Services.GetRequiredService<TimeProvider>()));
        await work.OpenMeetingAsync(meeting);
        Guid item;
        await using (var db = Database.NewContext()) item = db.Meetings.Single(m => m.Id == meeting).Agenda.Single(i => i.Title == title).Id;
        await work.OpenItemAsync(meeting, item);
    }
}
