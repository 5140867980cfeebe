using Helsefellesskap.App.Features.Bodies;
using Helsefellesskap.Domain;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.Tests.Bodies;

/// <summary>A body's reminder lead times, changed through the app's service on a copy of the seeded database.</summary>
public sealed class BodySettingsSpecs(DemoDatabaseTemplate template) : ServiceSpec(template)
{
    private BodySettings Settings => Service<BodySettings>();

    [Theory]
    [InlineData("trond.odegard")]
    [InlineData("liv.aune")]
    [InlineData("silje.vang")]
    public async Task Only_the_administrator_and_the_secretariat_change_a_body_s_reminder_lead_times(string userName)
    {
        var au = await Body("AU");
        await As(userName);
        var refusal = await Assert.ThrowsAsync<DomainException>(() => Settings.ChangeReminderLeadTimesAsync(au, new("3", "10", "2", "5")));
        Assert.Contains("administrator eller sekretariatet", refusal.Message);

        await As("admin");
        await Settings.ChangeReminderLeadTimesAsync(au, new("3", "10", "2", "5"));
        await using var db = Database.NewContext();
        var body = await db.Bodies.AsNoTracking().SingleAsync(b => b.Id == au);
        Assert.Equal(new[] { 3 }, body.ReminderLeadTimes.DaysBeforeMeeting);
        Assert.Equal((10, 2, 5), (body.RatificationReminderDaysBefore, body.RatificationReminderDaysAfter, body.FollowUpReminderDaysBefore));
    }

    [Theory]
    [InlineData("7, en", "7", "Varslingsdager må være hele dager mellom 0 og 90")]
    [InlineData("7, 1", "91", "«Dager før forankringsfristen» må være et helt antall dager mellom 0 og 90.")]
    [InlineData("7, 1", "", "«Dager før forankringsfristen» må være et helt antall dager mellom 0 og 90.")]
    public async Task A_reminder_lead_time_that_is_not_whole_days_from_0_to_90_is_refused_and_nothing_changes(string beforeMeeting, string ratificationBefore, string message)
    {
        var au = await Body("AU");
        await As("mari.hovde");
        var refusal = await Assert.ThrowsAsync<DomainException>(() => Settings.ChangeReminderLeadTimesAsync(au, new(beforeMeeting, ratificationBefore, "1", "7")));
        Assert.Contains(message, refusal.Message);
        await using var db = Database.NewContext();
        Assert.Equal("7,1", (await db.Bodies.AsNoTracking().SingleAsync(b => b.Id == au)).ReminderDaysBeforeMeeting);
    }

    [Fact]
    public async Task A_read_only_sign_in_of_the_secretariat_does_not_change_the_lead_times()
    {
        var au = await Body("AU");
        await AsWithoutSecondFactor("mari.hovde");
        await Assert.ThrowsAsync<DomainException>(() => Settings.ChangeReminderLeadTimesAsync(au, new("3", "10", "2", "5")));
    }
}
