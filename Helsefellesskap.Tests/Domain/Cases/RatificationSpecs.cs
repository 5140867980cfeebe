using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Access;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Partnerships;

namespace Helsefellesskap.Tests.Domain.Cases;

/// <summary>Local ratification (forankring): each required party treats a principled decision in its own council or board.</summary>
public class RatificationSpecs
{
    private readonly TestPartnership p = new();
    private static readonly DateOnly Today = TestPartnership.Today;

    /// <summary>A principled decision adopted in SSU: the four municipalities and the hospital must ratify it.</summary>
    private (Case Case, Treatment Treatment) PendingDecision()
    {
        var (c, t) = p.CaseInTreatment(principled: true);
        foreach (var party in new[] { p.North, p.South, p.Hospital }) p.Position(c, t, party);
        c.CloseTreatment(t.Id, TestPartnership.Now, null, p.AllParties);
        return (c, t);
    }

    private IEnumerable<Party> Ratifiers(Treatment t) => p.AllParties.Where(x => t.Ratifications.Any(r => r.PartyId == x.Id));

    private void Record(Case c, Treatment t, Party party, RatificationEntry entry) =>
        c.RecordRatification(t.Id, party, entry, p.Secretary.Id, TestPartnership.Now);

    private static RatificationEntry Ratified(string body = "Kommunestyret") => new(RatificationStatus.Ratified, body, "PS 12/26", Today);

    [Fact]
    public void Decision_is_binding_when_every_required_party_has_ratified()
    {
        var (c, t) = PendingDecision();

        foreach (var party in Ratifiers(t)) Record(c, t, party, Ratified());

        Assert.Equal(Outcome.Binding, t.Outcome);
        Assert.Equal(CaseStatus.Binding, c.Status);
        Assert.Null(c.ReadyForBodyId);
    }

    [Fact]
    public void Ratified_with_changes_counts_as_ratified()
    {
        var (c, t) = PendingDecision();

        foreach (var party in Ratifiers(t))
            Record(c, t, party, new(RatificationStatus.RatifiedWithChanges, "Kommunestyret", null, Today, Comment: "Med tillegg om evaluering."));

        Assert.Equal(Outcome.Binding, t.Outcome);
    }

    [Fact]
    public void One_rejection_makes_the_decision_not_adopted_and_returns_the_case_to_the_body_that_decided()
    {
        var (c, t) = PendingDecision();
        foreach (var party in Ratifiers(t).Skip(1)) Record(c, t, party, Ratified());

        Record(c, t, Ratifiers(t).First(), new(RatificationStatus.Rejected, "Kommunestyret", "K-sak 4/26", Today));

        Assert.Equal(Outcome.NotAdopted, t.Outcome);
        Assert.Equal(CaseStatus.NotAdopted, c.Status);
        Assert.Equal(p.Ssu.Id, c.ReadyForBodyId);
    }

    [Fact]
    public void A_party_past_its_deadline_without_an_answer_is_late_and_the_decision_is_still_pending()
    {
        var (c, t) = PendingDecision();
        var parties = Ratifiers(t).ToList();
        foreach (var party in parties.Skip(1)) Record(c, t, party, Ratified());

        Record(c, t, parties[0], new(RatificationStatus.UnderTreatment, Deadline: Today.AddDays(3)));
        var late = t.Ratifications.Single(r => r.PartyId == parties[0].Id);
        Assert.False(late.IsLateOn(Today));
        Assert.True(late.IsLateOn(Today.AddDays(4)));
        Assert.Equal(Outcome.AdoptedPendingRatification, t.Outcome);
        Assert.Null(c.ReadyForBodyId);
    }

    [Fact]
    public void A_party_that_has_answered_is_never_late()
    {
        var (c, t) = PendingDecision();
        var party = Ratifiers(t).First();

        Record(c, t, party, Ratified() with { Deadline = Today });

        Assert.False(t.Ratifications.Single(r => r.PartyId == party.Id).IsLateOn(Today.AddYears(1)));
    }

    [Theory]
    [InlineData(RatificationStatus.Ratified)]
    [InlineData(RatificationStatus.RatifiedWithChanges)]
    [InlineData(RatificationStatus.Rejected)]
    public void A_ratification_or_rejection_needs_the_date_of_the_local_meeting(RatificationStatus status)
    {
        var (c, t) = PendingDecision();

        var error = Assert.Throws<DomainException>(() =>
            Record(c, t, p.Municipalities[0], new(status, "Kommunestyret", null, null, Comment: "Endret.")));

        Assert.StartsWith("Oppgi møtedatoen da Nordby behandlet saken", error.Message);
    }

    [Fact]
    public void A_ratification_names_the_local_body_that_treated_it()
    {
        var (c, t) = PendingDecision();

        var error = Assert.Throws<DomainException>(() => Record(c, t, p.Hospital, new(RatificationStatus.Ratified, " ", null, Today)));

        Assert.Equal("Oppgi hvilket organ i Sykehuset som behandlet saken, for eksempel «Kommunestyret».", error.Message);
    }

    [Fact]
    public void Ratified_with_changes_describes_the_changes()
    {
        var (c, t) = PendingDecision();

        var error = Assert.Throws<DomainException>(() =>
            Record(c, t, p.Hospital, new(RatificationStatus.RatifiedWithChanges, "Styret", null, Today)));

        Assert.Equal("Beskriv endringene i kommentaren når saken er forankret med endringer.", error.Message);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("file:///etc/passwd")]
    [InlineData("www.gran.kommune.no/sak")]
    [InlineData("ftp://gran.kommune.no/sak")]
    public void A_link_must_be_a_web_address(string link)
    {
        var (c, t) = PendingDecision();

        var error = Assert.Throws<DomainException>(() => Record(c, t, p.Hospital, new(RatificationStatus.Sent, Link: link)));

        Assert.Equal("Lenken må være en fullstendig nettadresse som begynner med http:// eller https://.", error.Message);
    }

    [Fact]
    public void Everything_recorded_is_kept_trimmed()
    {
        var (c, t) = PendingDecision();

        Record(c, t, p.Hospital, new(RatificationStatus.Ratified, " Styret i Sykehuset ", " 45/26 ", Today,
            " https://sykehuset.no/styret/45-26 ", Today.AddDays(30), " Enstemmig. "));

        var item = t.Ratifications.Single(r => r.PartyId == p.Hospital.Id);
        Assert.Equal(("Styret i Sykehuset", "45/26", Today, "https://sykehuset.no/styret/45-26", Today.AddDays(30), "Enstemmig."),
            (item.LocalBody, item.LocalReference, item.TreatedOn, item.Link, item.Deadline, item.Comment));
        Assert.Equal(p.Secretary.Id, item.RecordedById);
    }

    [Fact]
    public void A_local_meeting_cannot_be_before_the_decision()
    {
        var (c, t) = PendingDecision();

        var error = Assert.Throws<DomainException>(() =>
            Record(c, t, p.Hospital, new(RatificationStatus.Ratified, "Styret", null, Today.AddDays(-1))));

        Assert.Equal("Møtedatoen kan ikke være før vedtaket ble fattet (22.11.2026).", error.Message);
    }

    [Fact]
    public void Only_a_party_that_must_ratify_has_a_ratification_to_record()
    {
        var (c, t) = PendingDecision();

        var error = Assert.Throws<DomainException>(() => Record(c, t, p.North, Ratified()));

        Assert.Equal("Nord skal ikke forankre dette vedtaket lokalt.", error.Message);
    }

    [Fact]
    public void The_ratification_of_an_earlier_decision_stays_as_it_was_once_the_case_is_treated_again()
    {
        var (c, t) = PendingDecision();
        Record(c, t, p.Municipalities[0], new(RatificationStatus.Rejected, "Kommunestyret", null, Today));
        c.StartTreatment(p.Ssu, Today.AddDays(7), p.Secretary.Id, TestPartnership.Now.AddDays(7));

        var error = Assert.Throws<DomainException>(() => Record(c, t, p.Municipalities[0], Ratified()));

        Assert.Equal("Saken er behandlet på nytt etter dette vedtaket; forankringen av det tidligere vedtaket kan ikke endres.", error.Message);
    }

    [Fact]
    public void The_secretariat_records_every_party_s_ratification_and_a_granted_person_only_their_party_s()
    {
        var term = new Term(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));
        var secretary = new Actor(Guid.NewGuid(), "Sekretær", false, [new ActorSeat(p.Ssu.Id, "SSU", SeatRole.Secretariat, null, term)]);
        var nordby = new Actor(Guid.NewGuid(), "Nordby-bruker", false, [], [p.Municipalities[0].Id]);
        var member = new Actor(Guid.NewGuid(), "Medlem", false, [new ActorSeat(p.Ssu.Id, "SSU", SeatRole.Member, p.North.Id, term)]);

        secretary.MustRecordRatification(p.Municipalities[1], Today);
        nordby.MustRecordRatification(p.Municipalities[0], Today);
        Assert.Throws<DomainException>(() => nordby.MustRecordRatification(p.Municipalities[1], Today));
        var error = Assert.Throws<DomainException>(() => member.MustRecordRatification(p.Municipalities[0], Today));
        Assert.Equal("Bare sekretariatet, eller en bruker administrator har gitt tillatelse for Nordby, kan registrere forankring for Nordby.", error.Message);
    }

    [Fact]
    public void Leave_to_record_ratification_is_given_for_a_municipality_or_the_hospital_never_for_a_region()
    {
        _ = new RatificationGrant(Guid.NewGuid(), p.Hospital, null, TestPartnership.Now);
        _ = new RatificationGrant(Guid.NewGuid(), p.Municipalities[2], null, TestPartnership.Now);

        var error = Assert.Throws<DomainException>(() => new RatificationGrant(Guid.NewGuid(), p.North, null, TestPartnership.Now));

        Assert.Equal("Lokal forankring registreres for hver kommune og for helseforetaket, ikke for Nord.", error.Message);
    }

    [Fact]
    public void Only_an_administrator_gives_leave_to_record_ratification()
    {
        var term = new Term(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));
        new Actor(null, "admin", true, []).MustGrantRatificationRecording();
        var secretary = new Actor(Guid.NewGuid(), "Sekretær", false, [new ActorSeat(p.Ssu.Id, "SSU", SeatRole.Secretariat, null, term)]);

        Assert.Throws<DomainException>(secretary.MustGrantRatificationRecording);
    }

    [Fact]
    public void Ratification_dates_and_deadlines_lie_in_plausible_years()
    {
        var (c, t) = PendingDecision();
        var party = Ratifiers(t).First();

        var met = Assert.Throws<DomainException>(() => Record(c, t, party, new(RatificationStatus.Ratified, "Kommunestyret", "PS 1/26", new DateOnly(9999, 12, 31))));
        var due = Assert.Throws<DomainException>(() => Record(c, t, party, new(RatificationStatus.Sent, Deadline: new DateOnly(9999, 1, 1))));

        Assert.Equal("Møtedatoen må være mellom år 2000 og 2100.", met.Message);
        Assert.Equal("Fristen må være mellom år 2000 og 2100.", due.Message);
    }
}
