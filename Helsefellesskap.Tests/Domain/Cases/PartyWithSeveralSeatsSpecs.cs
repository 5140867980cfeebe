using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Access;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Partnerships;

namespace Helsefellesskap.Tests.Domain.Cases;

/// <summary>One party, several seats (the hospital has six in SSU): nobody replaces another's position without knowing it.</summary>
public class PartyWithSeveralSeatsSpecs
{
    private readonly TestPartnership p = new();
    private static readonly DateTimeOffset TenFortyTwo = new(2026, 11, 22, 9, 42, 0, TimeSpan.Zero); // 10:42 in Oslo
    private readonly Person kjersti, morten;

    public PartyWithSeveralSeatsSpecs()
    {
        kjersti = p.NewPerson("Kjersti Haug");
        morten = p.NewPerson("Morten Berg");
    }

    private string NameOf(Guid id) => id == kjersti.Id ? kjersti.Name : id == morten.Id ? morten.Name : "ukjent";

    private Position Register(Case c, Treatment t, Person by, PositionKind kind, string? text, SeenPosition seen, DateTimeOffset at) =>
        c.RegisterPosition(t.Id, p.Hospital, t.CurrentWording.Version, kind, text, by.Id, false, at, seen, NameOf);

    [Fact]
    public void A_second_seat_holder_must_confirm_replacing_the_partys_position()
    {
        var (c, t) = p.CaseInTreatment();
        var first = Register(c, t, kjersti, PositionKind.Agree, null, new SeenPosition(null), TenFortyTwo);

        var refused = Assert.Throws<DomainException>(() =>
            Register(c, t, morten, PositionKind.Disagree, "For dyrt", new SeenPosition(first.Id), TenFortyTwo.AddMinutes(3)));
        Assert.Equal("Sykehuset har allerede standpunkt «Enig», registrert av Kjersti Haug kl. 10:42. Bekreft at du vil erstatte det.",
            refused.Message);
        Assert.Same(first, t.CurrentPositions.Single());

        var second = Register(c, t, morten, PositionKind.Disagree, "For dyrt", new SeenPosition(first.Id, ConfirmsReplacing: true),
            TenFortyTwo.AddMinutes(4));
        Assert.Same(second, t.CurrentPositions.Single());
        // The replaced position stays as history, with who gave it.
        Assert.True(first.IsReplaced);
        Assert.Equal(kjersti.Id, t.Positions.Single(x => x.IsReplaced).RegisteredByPersonId);
    }

    [Fact]
    public void The_same_person_changes_their_own_position_without_confirming()
    {
        var (c, t) = p.CaseInTreatment();
        var first = Register(c, t, kjersti, PositionKind.Agree, null, new SeenPosition(null), TenFortyTwo);

        Register(c, t, kjersti, PositionKind.AgreeWithRemark, "Evalueres etter ett år.", new SeenPosition(first.Id), TenFortyTwo.AddMinutes(1));

        Assert.Equal(PositionKind.AgreeWithRemark, t.CurrentPositions.Single().Kind);
        Assert.True(first.IsReplaced);
    }

    [Fact]
    public void A_confirmation_does_not_override_an_out_of_date_screen()
    {
        var (c, t) = p.CaseInTreatment();
        Register(c, t, kjersti, PositionKind.Agree, null, new SeenPosition(null), TenFortyTwo);

        // Morten's screen showed no position yet: what he confirmed is not what he would replace.
        var refused = Assert.Throws<DomainException>(() =>
            Register(c, t, morten, PositionKind.Disagree, "For dyrt", new SeenPosition(null, ConfirmsReplacing: true), TenFortyTwo));
        Assert.StartsWith("Noen andre registrerte nettopp et standpunkt for Sykehuset: «Enig».", refused.Message);
        Assert.Equal(kjersti.Id, t.CurrentPositions.Single().RegisteredByPersonId);
    }

    [Fact]
    public void Replacing_a_position_the_secretariat_registered_on_the_partys_behalf_needs_confirming_too()
    {
        var (c, t) = p.CaseInTreatment();
        var onBehalf = c.RegisterPosition(t.Id, p.Hospital, 1, PositionKind.Agree, null, p.Secretary.Id, true, TenFortyTwo);

        var refused = Assert.Throws<DomainException>(() =>
            Register(c, t, kjersti, PositionKind.Disagree, "For dyrt", new SeenPosition(onBehalf.Id), TenFortyTwo));
        Assert.Contains("Bekreft at du vil erstatte det.", refused.Message);
    }

    [Fact]
    public void A_chair_without_a_position_chairs_but_does_not_speak_for_a_party()
    {
        var term = new Term(new DateOnly(2026, 1, 1), new DateOnly(2027, 12, 31));
        var ssu = new Body(p.Partnership.Id, BodyKind.StrategicCommittee, "Strategisk samarbeidsutvalg", "SSU");
        var chair = ssu.AddSeat(p.NewPerson("Kommunedirektør oppnevnt av KDU"), SeatRole.Chair, term, p.Jointly, withoutPosition: true);
        ssu.AddSeat(p.NewPerson("Kommunalsjef Nord"), SeatRole.Member, term, p.North);
        ssu.AddSeat(p.NewPerson("Kommunalsjef Sør"), SeatRole.Member, term, p.South);
        ssu.AddSeat(p.NewPerson("Divisjonsdirektør"), SeatRole.Member, term, p.Hospital);

        // The municipal side's chair adds no party: the regions speak for their own municipalities.
        Assert.Equal(new HashSet<Guid> { p.North.Id, p.South.Id, p.Hospital.Id }, ssu.PartiesThatMustAgree(TestPartnership.Today));
        Assert.False(chair.MayHoldPosition);
        Assert.Same(chair, ssu.ChairOn(TestPartnership.Today));
    }

    [Fact]
    public void Only_a_chair_or_deputy_chair_may_sit_without_a_position()
    {
        var term = new Term(new DateOnly(2026, 1, 1), new DateOnly(2027, 12, 31));

        var refused = Assert.Throws<DomainException>(() =>
            p.Ssu.AddSeat(p.NewPerson("Medlem uten standpunkt"), SeatRole.Member, term, p.North, withoutPosition: true));
        Assert.Equal("Bare lederen eller nestlederen kan ha et verv uten å gi standpunkt for en part; et medlem taler alltid for sin part.",
            refused.Message);
    }

    [Fact]
    public void The_chair_without_a_position_leads_the_meeting_but_may_not_give_a_partys_position()
    {
        var term = new Term(new DateOnly(2026, 1, 1), new DateOnly(2027, 12, 31));
        var chair = new Actor(Guid.NewGuid(), "Leder", false,
            [new ActorSeat(p.Ssu.Id, "SSU", SeatRole.Chair, p.Jointly.Id, term, WithoutPosition: true)]);

        Assert.True(chair.ChairsOrDeputises(p.Ssu.Id, TestPartnership.Today));
        Assert.False(chair.HoldsPositionFor(p.Ssu.Id, p.Jointly.Id, TestPartnership.Today));
        var refused = Assert.Throws<DomainException>(() => chair.RegistersOnBehalf(p.Ssu.Id, p.North, "SSU", TestPartnership.Today));
        Assert.Equal("Du representerer ikke Nord i SSU og kan ikke gi standpunkt for den parten.", refused.Message);
    }
}
