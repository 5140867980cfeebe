using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features.Access;
using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Reminders;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Features.Bodies;

/// <summary>The reminder lead times as typed on the body's page: the days before a meeting as a list ("7, 1"), the others one number each.</summary>
public sealed record ReminderLeadTimesInput(string DaysBeforeMeeting, string RatificationDaysBefore, string RatificationDaysAfter, string FollowUpDaysBefore)
{
    public static ReminderLeadTimesInput From(LeadTimes times) => new(string.Join(", ", times.DaysBeforeMeeting),
        times.RatificationDaysBefore.ToString(), times.RatificationDaysAfter.ToString(), times.FollowUpDaysBefore.ToString());
}

/// <summary>What the administrator and the secretariat set on a body: for now, when its reminders go out.</summary>
public sealed class BodySettings(IDbContextFactory<AppDbContext> dbFactory, WriteGate gate, Actors actors, TimeProvider clock)
{
    public const string DaysBeforeMeetingLabel = "Dager før møtet";
    public const string RatificationDaysBeforeLabel = "Dager før forankringsfristen";
    public const string RatificationDaysAfterLabel = "Dager etter forankringsfristen";
    public const string FollowUpDaysBeforeLabel = "Dager før frist for oppfølging";

    private DateOnly Today => OsloTime.Today(clock);

    public Task ChangeReminderLeadTimesAsync(Guid bodyId, ReminderLeadTimesInput input) => gate.RunAsync(async () =>
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var actor = await actors.CurrentAsync(db);
        actor.MustChangeReminderLeadTimes(Today);
        var body = await db.Bodies.SingleOrDefaultAsync(b => b.Id == bodyId) ?? throw new DomainException("Utvalget finnes ikke.");
        body.ChangeReminderLeadTimes(input.DaysBeforeMeeting,
            LeadTimes.ParseDay(input.RatificationDaysBefore, RatificationDaysBeforeLabel),
            LeadTimes.ParseDay(input.RatificationDaysAfter, RatificationDaysAfterLabel),
            LeadTimes.ParseDay(input.FollowUpDaysBefore, FollowUpDaysBeforeLabel));
        db.AuditAction = $"Tidspunkter for påminnelser i {body.ShortName} endret";
        await db.SaveChangesAsync();
        return 0;
    });
}
