using Bunit;
using Helsefellesskap.App.Features.Bodies;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.Tests.Bodies;

/// <summary>A body's reminder lead times on its page (/utvalg/{kortnavn}): shown to all, edited by the secretariat and the administrator.</summary>
public sealed class BodyReminderLeadTimesPageTests(DemoDatabaseTemplate template) : AppPageTest(template)
{
    private static AngleSharp.Dom.IElement Field(IRenderedComponent<BodyPage> page, string label) =>
        page.FindAll("label").Single(l => l.TextContent.Trim() == label).ParentElement!.QuerySelector("input")!;

    [Fact]
    public async Task The_secretariat_changes_a_body_s_reminder_lead_times_on_its_page_and_a_wrong_value_gets_a_message_naming_the_field()
    {
        SignIn("mari.hovde");
        var page = Render<BodyPage>(p => p.Add(x => x.Slug, "au"));
        page.WaitForAssertion(() => Assert.Contains("Standpunkt som mangler: 7 og 1 dager før møtet.", page.Find("[data-testid=reminder-lead-times]").TextContent));
        Assert.Equal("7, 1", Field(page, BodySettings.DaysBeforeMeetingLabel).GetAttribute("value"));

        Field(page, BodySettings.RatificationDaysAfterLabel).Input("en uke");
        page.Find("form").Submit();
        page.WaitForAssertion(() => Assert.Contains("«Dager etter forankringsfristen» må være et helt antall dager mellom 0 og 90.", page.Find("[role=alert]").TextContent));

        Field(page, BodySettings.DaysBeforeMeetingLabel).Input("10, 3");
        Field(page, BodySettings.RatificationDaysAfterLabel).Input("2");
        page.Find("form").Submit();
        page.WaitForAssertion(() => Assert.Contains("Tidspunktene for påminnelser er lagret.", page.Find("[role=status]").TextContent));
        Assert.Contains("Standpunkt som mangler: 10 og 3 dager før møtet. Lokal forankring: 14 dager før fristen og 2 dager etter.",
            page.Find("[data-testid=reminder-lead-times]").TextContent);

        await using var db = Database.NewContext();
        var au = await db.Bodies.AsNoTracking().SingleAsync(b => b.ShortName == "AU");
        Assert.Equal(("10,3", 14, 2, 7), (au.ReminderDaysBeforeMeeting, au.RatificationReminderDaysBefore, au.RatificationReminderDaysAfter, au.FollowUpReminderDaysBefore));
        Assert.Equal("Tidspunkter for påminnelser i AU endret", (await db.AuditRecords.OrderByDescending(r => r.Sequence).FirstAsync()).Action);
    }

    [Fact]
    public void A_member_reads_the_lead_times_but_gets_no_form()
    {
        SignIn("trond.odegard");
        var page = Render<BodyPage>(p => p.Add(x => x.Slug, "au"));

        page.WaitForAssertion(() => Assert.Contains("Oppfølging: 7 dager før fristen.", page.Find("[data-testid=reminder-lead-times]").TextContent));
        Assert.Empty(page.FindAll("form"));
        Assert.DoesNotContain("Lagre tidspunkter for påminnelser", page.Markup);
    }
}
