using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Reminders;

namespace Helsefellesskap.Tests.Domain.Reminders;

public class ReminderRuleSpecs
{
    private static readonly Guid Kari = Guid.NewGuid(), Ola = Guid.NewGuid();
    private static readonly DateOnly MeetingDay = new(2026, 12, 10);

    private static ReminderFact Position(Guid person, DateOnly dueBy, Guid? subject = null) =>
        new(ReminderKind.PositionMissing, subject ?? Guid.Parse("00000000-0000-0000-0000-000000000001"), person, dueBy, "SAK 001-2026", LeadTimes.Default);

    private static IReadOnlyList<Digest> On(DateOnly day, IEnumerable<ReminderFact> facts, IReadOnlySet<string>? sent = null, IReadOnlySet<Guid>? hadDigest = null) =>
        ReminderRules.Digests(day, facts, sent ?? new HashSet<string>(), hadDigest ?? new HashSet<Guid>());

    [Fact]
    public void A_missing_position_is_due_seven_days_and_one_day_before_the_meeting_and_not_before()
    {
        var fact = Position(Kari, MeetingDay);

        Assert.Null(ReminderRules.DueOn(fact, MeetingDay.AddDays(-8)));
        Assert.EndsWith("/7", ReminderRules.DueOn(fact, MeetingDay.AddDays(-7))!.Key);
        Assert.EndsWith("/7", ReminderRules.DueOn(fact, MeetingDay.AddDays(-3))!.Key);
        Assert.EndsWith("/1", ReminderRules.DueOn(fact, MeetingDay.AddDays(-1))!.Key);
        Assert.EndsWith("/1", ReminderRules.DueOn(fact, MeetingDay)!.Key);
        Assert.Null(ReminderRules.DueOn(fact, MeetingDay.AddDays(1)));
    }

    [Fact]
    public void A_reminder_is_sent_once_only_and_the_next_lead_time_sends_the_next()
    {
        var facts = new[] { Position(Kari, MeetingDay) };
        var first = Assert.Single(On(MeetingDay.AddDays(-7), facts));
        var sent = first.Reminders.Select(r => r.Key).ToHashSet();

        Assert.Empty(On(MeetingDay.AddDays(-6), facts, sent));
        Assert.Empty(On(MeetingDay.AddDays(-2), facts, sent));
        var second = Assert.Single(On(MeetingDay.AddDays(-1), facts, sent));
        Assert.NotEqual(first.Reminders.Single().Key, second.Reminders.Single().Key);
    }

    [Fact]
    public void When_two_lead_times_have_passed_unsent_only_the_nearest_is_due()
    {
        var due = Assert.Single(Assert.Single(On(MeetingDay.AddDays(-1), [Position(Kari, MeetingDay)])).Reminders);
        Assert.EndsWith("/1", due.Key);
    }

    [Fact]
    public void Everything_due_for_a_person_on_a_day_goes_in_one_digest_and_at_most_one_digest_a_day()
    {
        var day = MeetingDay.AddDays(-7);
        var facts = new[]
        {
            Position(Kari, MeetingDay, Guid.NewGuid()), Position(Kari, MeetingDay, Guid.NewGuid()), Position(Ola, MeetingDay),
            new ReminderFact(ReminderKind.FollowUp, Guid.NewGuid(), Kari, day.AddDays(7), "Tiltak", LeadTimes.Default),
        };

        var digests = On(day, facts);
        Assert.Equal(2, digests.Count);
        Assert.Equal(3, digests.Single(d => d.PersonId == Kari).Reminders.Count);
        // Kari has had her digest today: what else is due waits until tomorrow.
        var later = On(day, [Position(Kari, MeetingDay, Guid.NewGuid()), Position(Ola, MeetingDay, Guid.NewGuid())], hadDigest: new HashSet<Guid> { Kari });
        Assert.Equal(Ola, Assert.Single(later).PersonId);
    }

    [Fact]
    public void A_ratification_is_due_fourteen_days_before_its_deadline_and_again_the_day_after_it()
    {
        var deadline = new DateOnly(2027, 3, 1);
        var fact = new ReminderFact(ReminderKind.Ratification, Guid.NewGuid(), Kari, deadline, "Forankring", LeadTimes.Default);

        Assert.Null(ReminderRules.DueOn(fact, deadline.AddDays(-15)));
        Assert.EndsWith("/14", ReminderRules.DueOn(fact, deadline.AddDays(-14))!.Key);
        Assert.EndsWith("/14", ReminderRules.DueOn(fact, deadline)!.Key);
        Assert.EndsWith("/etter", ReminderRules.DueOn(fact, deadline.AddDays(1))!.Key);
        Assert.EndsWith("/etter", ReminderRules.DueOn(fact, deadline.AddDays(20))!.Key);
    }

    [Fact]
    public void A_follow_up_action_is_due_seven_days_before_its_deadline()
    {
        var deadline = new DateOnly(2027, 1, 15);
        var fact = new ReminderFact(ReminderKind.FollowUp, Guid.NewGuid(), Kari, deadline, "Tiltak", LeadTimes.Default);
        Assert.Null(ReminderRules.DueOn(fact, deadline.AddDays(-8)));
        Assert.NotNull(ReminderRules.DueOn(fact, deadline.AddDays(-7)));
        Assert.Null(ReminderRules.DueOn(fact, deadline.AddDays(1)));
    }

    [Fact]
    public void Each_body_sets_its_own_lead_times_and_only_whole_days_up_to_ninety()
    {
        var lead = new LeadTimes(LeadTimes.ParseDays(" 3, 10 ,3"), 14, 1, 7);
        Assert.Equal([10, 3], lead.DaysBeforeMeeting);
        var fact = Position(Kari, MeetingDay) with { LeadTimes = lead };
        Assert.EndsWith("/10", ReminderRules.DueOn(fact, MeetingDay.AddDays(-10))!.Key);
        Assert.Null(ReminderRules.DueOn(fact, MeetingDay.AddDays(-11)));
        Assert.Throws<DomainException>(() => LeadTimes.ParseDays("7, en"));
        Assert.Throws<DomainException>(() => LeadTimes.ParseDays("120"));
    }
}
