using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Access;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.FollowUp;
using Helsefellesskap.Domain.Partnerships;

namespace Helsefellesskap.Tests.Domain.FollowUp;

/// <summary>Follow-up (oppfølging): the actions a decision spawns, their states and when they are overdue.</summary>
public class FollowUpSpecs
{
    private readonly TestPartnership p = new();
    private readonly Person owner;

    public FollowUpSpecs() => owner = p.NewPerson("Eier Sykehus");

    private (Case Case, Treatment Treatment) Decision(bool principled = false)
    {
        var (c, t) = p.CaseInTreatment(principled: principled);
        foreach (var party in new[] { p.North, p.South, p.Hospital }) p.Position(c, t, party);
        c.CloseTreatment(t.Id, TestPartnership.Now, null, p.AllParties);
        return (c, t);
    }

    private FollowUpAction Action(DateOnly? deadline = null)
    {
        var (c, t) = Decision();
        return FollowUpAction.For(c, t.Id, "Lage opplæringsplan for divisjonene", p.Hospital.Id, owner.Id,
            deadline ?? new DateOnly(2027, 3, 1), null, p.Secretary.Id, TestPartnership.Now);
    }

    [Fact]
    public void A_new_action_is_not_started_and_belongs_to_the_decision()
    {
        var (c, t) = Decision();
        var action = FollowUpAction.For(c, t.Id, "Lage opplæringsplan", p.Hospital.Id, owner.Id, new DateOnly(2027, 3, 1),
            GoalLink.Create("Handlingsplan 2026, mål 3", "https://example.no/handlingsplan#mal-3"), p.Secretary.Id, TestPartnership.Now);

        Assert.Equal(FollowUpStatus.NotStarted, action.Status);
        Assert.Equal((c.Id, t.Id), (action.CaseId, action.TreatmentId));
        Assert.Equal(0, action.ProgressPercent);
        Assert.Equal("Handlingsplan 2026, mål 3", action.Goal!.Title);
    }

    [Fact]
    public void Only_a_decision_that_was_adopted_can_be_followed_up()
    {
        var (c, t) = p.CaseInTreatment();
        p.Position(c, t, p.North);
        p.Position(c, t, p.South, PositionKind.Disagree, "Nei.");
        p.Position(c, t, p.Hospital);
        c.CloseTreatment(t.Id, TestPartnership.Now, NextStep.LaterMeeting, p.AllParties);

        var error = Assert.Throws<DomainException>(() => FollowUpAction.For(c, t.Id, "Noe", p.Hospital.Id, owner.Id,
            new DateOnly(2027, 1, 1), null, p.Secretary.Id, TestPartnership.Now));
        Assert.StartsWith("Oppfølgingstiltak knyttes bare til et vedtak", error.Message);
    }

    [Fact]
    public void A_decision_pending_ratification_can_be_followed_up()
    {
        var (c, t) = Decision(principled: true);
        Assert.Equal(Outcome.AdoptedPendingRatification, t.Outcome);

        var action = FollowUpAction.For(c, t.Id, "Sende saken til kommunene", p.North.Id, owner.Id, new DateOnly(2027, 1, 1), null, p.Secretary.Id, TestPartnership.Now);

        Assert.True(action.IsOpen);
    }

    [Fact]
    public void An_action_must_have_a_deadline()
    {
        var (c, t) = Decision();
        var error = Assert.Throws<DomainException>(() => FollowUpAction.For(c, t.Id, "Lage plan", p.Hospital.Id, owner.Id,
            null, null, p.Secretary.Id, TestPartnership.Now));
        Assert.Equal("Tiltaket må ha en frist.", error.Message);
    }

    [Fact]
    public void A_goal_link_must_be_a_web_address()
    {
        var error = Assert.Throws<DomainException>(() => GoalLink.Create("Strategi 2030", "javascript:alert(1)"));
        Assert.Contains("http", error.Message);
        Assert.Null(GoalLink.Create(" ", null));
    }

    [Fact]
    public void Reporting_progress_puts_the_action_in_progress()
    {
        var action = Action();
        action.ReportProgress(40, "Utkast sendt på høring.", owner.Id, TestPartnership.Now);

        Assert.Equal(FollowUpStatus.InProgress, action.Status);
        Assert.Equal(40, action.ProgressPercent);
        Assert.Equal("Utkast sendt på høring.", action.ProgressNote);
    }

    [Fact]
    public void Completing_an_action_sets_its_progress_to_100_percent()
    {
        var action = Action();
        action.ReportProgress(60, null, owner.Id, TestPartnership.Now);

        action.Complete("Planen er vedtatt i alle divisjoner.", owner.Id, TestPartnership.Now);

        Assert.Equal(FollowUpStatus.Completed, action.Status);
        Assert.Equal(100, action.ProgressPercent);
    }

    [Fact]
    public void A_cancelled_action_needs_a_reason()
    {
        var action = Action();
        var error = Assert.Throws<DomainException>(() => action.Cancel(" ", p.Secretary.Id, TestPartnership.Now));
        Assert.Equal("Oppgi hvorfor tiltaket avbrytes.", error.Message);

        action.Cancel("Erstattet av nasjonal ordning.", p.Secretary.Id, TestPartnership.Now);

        Assert.Equal(FollowUpStatus.Cancelled, action.Status);
        Assert.Equal("Erstattet av nasjonal ordning.", action.CancellationReason);
    }

    [Fact]
    public void Only_an_open_action_can_change()
    {
        var action = Action();
        action.Complete(null, owner.Id, TestPartnership.Now);

        Assert.Equal("Tiltaket er fullført og kan ikke oppdateres.",
            Assert.Throws<DomainException>(() => action.ReportProgress(50, null, owner.Id, TestPartnership.Now)).Message);
        Assert.Throws<DomainException>(() => action.Cancel("For sent.", owner.Id, TestPartnership.Now));
        Assert.Throws<DomainException>(() => action.Edit("Nytt", p.Hospital.Id, owner.Id, new DateOnly(2027, 6, 1), null, p.Secretary.Id, TestPartnership.Now));
    }

    [Fact]
    public void Progress_is_between_0_and_99_percent_until_the_action_is_completed()
    {
        var action = Action();
        Assert.Throws<DomainException>(() => action.ReportProgress(120, null, owner.Id, TestPartnership.Now));
        Assert.Equal("Et tiltak som er 100 % ferdig, markeres som fullført.",
            Assert.Throws<DomainException>(() => action.ReportProgress(100, null, owner.Id, TestPartnership.Now)).Message);
    }

    [Fact]
    public void An_action_is_overdue_when_its_deadline_has_passed_and_it_is_still_open()
    {
        var action = Action(deadline: new DateOnly(2026, 11, 1));

        Assert.False(action.IsOverdue(new DateOnly(2026, 11, 1)));
        Assert.True(action.IsOverdue(new DateOnly(2026, 11, 2)));
        action.ReportProgress(50, null, owner.Id, TestPartnership.Now);
        Assert.True(action.IsOverdue(new DateOnly(2026, 11, 22)));
    }

    [Fact]
    public void A_completed_or_cancelled_action_is_never_overdue()
    {
        var completed = Action(deadline: new DateOnly(2026, 1, 1));
        completed.Complete(null, owner.Id, TestPartnership.Now);
        var cancelled = Action(deadline: new DateOnly(2026, 1, 1));
        cancelled.Cancel("Ikke lenger aktuelt.", p.Secretary.Id, TestPartnership.Now);

        Assert.False(completed.IsOverdue(TestPartnership.Today));
        Assert.False(cancelled.IsOverdue(TestPartnership.Today));
    }

    [Fact]
    public void The_secretariat_and_the_owner_update_an_action_and_nobody_else()
    {
        var action = Action();
        var term = new Term(new DateOnly(2026, 1, 1), new DateOnly(2027, 12, 31));
        var secretariat = new Actor(p.Secretary.Id, "Sekretær", false, [new ActorSeat(p.Ssu.Id, "SSU", SeatRole.Secretariat, null, term)]);
        var theOwner = new Actor(owner.Id, "Eier", false, []);
        var member = new Actor(Guid.NewGuid(), "Medlem", false, [new ActorSeat(p.Ssu.Id, "SSU", SeatRole.Member, p.South.Id, term)]);

        action.MustBeUpdatableBy(secretariat, TestPartnership.Today);
        action.MustBeUpdatableBy(theOwner, TestPartnership.Today);
        Assert.Equal("Bare sekretariatet eller den som er ansvarlig for tiltaket kan oppdatere fremdriften.",
            Assert.Throws<DomainException>(() => action.MustBeUpdatableBy(member, TestPartnership.Today)).Message);
    }

    [Fact]
    public void A_mandate_goes_to_a_lower_body_and_is_owned_by_its_chair()
    {
        var (c, t) = Decision();
        var chair = p.NewPerson("Leder fagutvalg");
        var term = new Term(new DateOnly(2026, 1, 1), new DateOnly(2027, 12, 31));
        p.Fagutvalg.AddSeat(chair, SeatRole.Chair, term, p.North);
        var project = new Case(p.Partnership.Id, p.Fagutvalg, "Prosjekt: kolsforløp", CaseType.Decision, false, CaseTag.None,
            "Mandat fra SSU.", "", "", p.Secretary.Id, TestPartnership.Now);

        var action = FollowUpAction.ForMandate(c, t.Id, p.Fagutvalg, project, new DateOnly(2027, 6, 1), null,
            p.Secretary.Id, TestPartnership.Now, TestPartnership.Today);

        Assert.Equal(project.Id, action.MandateCaseId);
        Assert.Equal((p.North.Id, chair.Id), (action.OwnerPartyId, action.OwnerPersonId));
        Assert.Equal("Mandat til FU-BU: Prosjekt: kolsforløp", action.What);
        Assert.Throws<DomainException>(() => FollowUpAction.ForMandate(c, t.Id, p.Ssu,
            new Case(p.Partnership.Id, p.Ssu, "X", CaseType.Decision, false, CaseTag.None, "", "", "", p.Secretary.Id, TestPartnership.Now),
            new DateOnly(2027, 6, 1), null, p.Secretary.Id, TestPartnership.Now, TestPartnership.Today));
    }

    [Fact]
    public void A_follow_up_deadline_lies_in_a_plausible_year()
    {
        var error = Assert.Throws<DomainException>(() => Action(new DateOnly(9999, 12, 31)));

        Assert.Equal("Fristen må være mellom år 2000 og 2100.", error.Message);
    }
}
