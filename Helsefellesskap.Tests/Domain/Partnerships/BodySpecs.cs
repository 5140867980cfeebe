using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Partnerships;

namespace Helsefellesskap.Tests.Domain.Partnerships;

public class BodySpecs
{
    private readonly TestPartnership p = new();
    private static readonly Term ThisTerm = new(new DateOnly(2026, 1, 1), new DateOnly(2027, 12, 31));

    [Theory]
    [InlineData(BodyKind.PartnershipMeeting, Mandate.Decides)]
    [InlineData(BodyKind.StrategicCommittee, Mandate.Decides)]
    [InlineData(BodyKind.WorkingCommittee, Mandate.Prepares)]
    [InlineData(BodyKind.ProfessionalCommittee, Mandate.Advises)]
    public void Each_kind_of_body_has_its_mandate(BodyKind kind, Mandate mandate)
    {
        Assert.Equal(mandate, new Body(p.Partnership.Id, kind, "Utvalg", "U").Mandate);
    }

    [Fact]
    public void A_kind_of_body_whose_mandate_is_not_decided_has_none_rather_than_a_default()
    {
        var unknown = (BodyKind)99;
        var refusal = Assert.Throws<DomainException>(() => new Body(p.Partnership.Id, unknown, "Nytt utvalg", "NU").Mandate);
        Assert.Contains("har ikke fått et mandat", refusal.Message);
        Assert.All(Enum.GetValues<BodyKind>(), kind => Body.MandateOf(kind));
    }

    [Fact]
    public void A_new_case_is_written_for_the_deciding_body_that_decides_most_not_a_body_named_in_code()
    {
        var meeting = new Body(p.Partnership.Id, BodyKind.PartnershipMeeting, "Partnerskapsmøtet", "PM");
        var committee = new Body(p.Partnership.Id, BodyKind.StrategicCommittee, "Strategisk utvalg", "STRAT");
        var working = new Body(p.Partnership.Id, BodyKind.WorkingCommittee, "Arbeidsutvalget", "AU");

        Assert.Same(committee, Body.DefaultDeciding([working, meeting, committee]));
        Assert.Same(meeting, Body.DefaultDeciding([working, meeting]));
        Assert.Null(Body.DefaultDeciding([working]));
    }

    [Fact]
    public void The_parties_that_must_agree_are_those_the_chair_deputy_and_member_seats_represent()
    {
        Assert.Equal(new HashSet<Guid> { p.North.Id, p.South.Id, p.Hospital.Id }, p.Ssu.PartiesThatMustAgree(TestPartnership.Today));
    }

    [Theory]
    [InlineData(SeatRole.Chair, true)]
    [InlineData(SeatRole.DeputyChair, true)]
    [InlineData(SeatRole.Member, true)]
    [InlineData(SeatRole.Substitute, true)]
    [InlineData(SeatRole.Participant, false)]
    [InlineData(SeatRole.Observer, false)]
    [InlineData(SeatRole.Secretariat, false)]
    public void Only_chair_deputy_members_and_substitutes_hold_a_position_for_their_party(SeatRole role, bool holdsPosition)
    {
        var seat = p.Ssu.Seats.First(s => s.Role == role);
        Assert.Equal(holdsPosition, seat.MayHoldPosition);
    }

    [Fact]
    public void A_substitute_acts_for_a_party_but_does_not_add_a_party_that_must_agree()
    {
        var body = new Body(p.Partnership.Id, BodyKind.StrategicCommittee, "Utvalg", "U");
        body.AddSeat(p.NewPerson("Medlem"), SeatRole.Member, ThisTerm, p.North);
        body.AddSeat(p.NewPerson("Vara"), SeatRole.Substitute, ThisTerm, p.South);

        Assert.Equal(new HashSet<Guid> { p.North.Id }, body.PartiesThatMustAgree(TestPartnership.Today));
    }

    [Fact]
    public void Participants_may_leave_a_remark_but_observers_may_not()
    {
        Assert.True(p.Ssu.Seats.First(s => s.Role == SeatRole.Participant).MayLeaveRemark);
        Assert.False(p.Ssu.Seats.First(s => s.Role == SeatRole.Observer).MayLeaveRemark);
    }

    [Theory]
    [InlineData(SeatRole.Chair)]
    [InlineData(SeatRole.Member)]
    [InlineData(SeatRole.Substitute)]
    public void Chair_deputy_members_and_substitutes_must_represent_a_party(SeatRole role)
    {
        var error = Assert.Throws<DomainException>(() => p.Ssu.AddSeat(p.NewPerson("Uten part"), role, new Term(new DateOnly(2030, 1, 1), null)));
        Assert.Contains("må representere en part", error.Message);
    }

    [Fact]
    public void A_participant_is_a_GP_a_user_or_a_union_representative()
    {
        Assert.Throws<DomainException>(() => p.Ssu.AddSeat(p.NewPerson("Deltaker"), SeatRole.Participant, ThisTerm));
    }

    [Fact]
    public void A_body_has_one_chair_at_a_time()
    {
        var error = Assert.Throws<DomainException>(() =>
            p.Ssu.AddSeat(p.NewPerson("Ny leder"), SeatRole.Chair, new Term(new DateOnly(2027, 6, 1), null), p.Hospital));
        Assert.Contains("har allerede en leder", error.Message);
    }

    [Fact]
    public void The_chair_can_alternate_between_the_municipal_side_and_the_hospital_every_second_year()
    {
        var body = new Body(p.Partnership.Id, BodyKind.StrategicCommittee, "Utvalg", "U");
        var municipal = p.NewPerson("Kommunedirektør");
        var hospital = p.NewPerson("Administrerende direktør");
        body.AddSeat(hospital, SeatRole.Chair, new Term(new DateOnly(2024, 1, 1), new DateOnly(2025, 12, 31)), p.Hospital);
        body.AddSeat(municipal, SeatRole.DeputyChair, new Term(new DateOnly(2024, 1, 1), new DateOnly(2025, 12, 31)), p.North);
        body.AddSeat(municipal, SeatRole.Chair, new Term(new DateOnly(2026, 1, 1), new DateOnly(2027, 12, 31)), p.North);
        body.AddSeat(hospital, SeatRole.DeputyChair, new Term(new DateOnly(2026, 1, 1), new DateOnly(2027, 12, 31)), p.Hospital);

        Party SideOfChair(int year) => new[] { p.Hospital, p.North }.Single(x => x.Id == body.ChairOn(new DateOnly(year, 6, 1))!.PartyId);
        Assert.Equal(Side.Hospital, SideOfChair(2025).Side);
        Assert.Equal(Side.Municipal, SideOfChair(2026).Side);
    }

    [Fact]
    public void A_seat_counts_only_within_its_term()
    {
        var body = new Body(p.Partnership.Id, BodyKind.StrategicCommittee, "Utvalg", "U");
        var seat = body.AddSeat(p.NewPerson("Medlem"), SeatRole.Member, ThisTerm, p.North);
        body.EndSeat(seat.Id, new DateOnly(2026, 6, 30));

        Assert.Single(body.PartiesThatMustAgree(new DateOnly(2026, 6, 30)));
        Assert.Empty(body.PartiesThatMustAgree(new DateOnly(2026, 7, 1)));
    }

    [Fact]
    public void A_seat_is_ended_through_its_body_and_counts_until_its_last_day()
    {
        var body = new Body(p.Partnership.Id, BodyKind.StrategicCommittee, "Utvalg", "U");
        var seat = body.AddSeat(p.NewPerson("Sekretær"), SeatRole.Secretariat, new Term(new DateOnly(2026, 1, 1), null));

        body.EndSeat(seat.Id, new DateOnly(2026, 11, 21));

        Assert.Equal(new Term(new DateOnly(2026, 1, 1), new DateOnly(2026, 11, 21)), seat.Term);
        Assert.True(seat.IsActiveOn(new DateOnly(2026, 11, 21)));
        Assert.False(seat.IsActiveOn(new DateOnly(2026, 11, 22)));
    }

    [Fact]
    public void A_seat_cannot_be_ended_before_it_begins()
    {
        var seat = p.Ssu.Seats.First(s => s.Role == SeatRole.Member);

        var error = Assert.Throws<DomainException>(() => p.Ssu.EndSeat(seat.Id, new DateOnly(2025, 12, 31)));
        Assert.Equal("Et verv kan ikke avsluttes før det begynner.", error.Message);
    }

    [Fact]
    public void Ending_a_seat_cannot_extend_it()
    {
        var seat = p.Ssu.Seats.First(s => s.Role == SeatRole.Member);

        var error = Assert.Throws<DomainException>(() => p.Ssu.EndSeat(seat.Id, new DateOnly(2028, 6, 30)));
        Assert.Equal("Vervet varer bare til 31.12.2027. Å avslutte et verv kan ikke forlenge det.", error.Message);
        Assert.Equal(new DateOnly(2027, 12, 31), seat.To);
    }

    [Fact]
    public void A_body_ends_only_its_own_seats()
    {
        var seatInAu = p.Au.Seats[0];

        var error = Assert.Throws<DomainException>(() => p.Ssu.EndSeat(seatInAu.Id, TestPartnership.Today));
        Assert.Equal("Vervet finnes ikke i SSU.", error.Message);
    }

    [Fact]
    public void A_new_seat_for_the_same_person_and_role_may_follow_one_that_was_ended()
    {
        var body = new Body(p.Partnership.Id, BodyKind.StrategicCommittee, "Utvalg", "U");
        var person = p.NewPerson("Medlem");
        var seat = body.AddSeat(person, SeatRole.Member, new Term(new DateOnly(2026, 1, 1), null), p.North);
        Assert.Throws<DomainException>(() => body.AddSeat(person, SeatRole.Member, new Term(new DateOnly(2027, 1, 1), null), p.South));

        body.EndSeat(seat.Id, new DateOnly(2026, 12, 31));
        body.AddSeat(person, SeatRole.Member, new Term(new DateOnly(2027, 1, 1), null), p.South);

        Assert.Equal(p.South.Id, body.SeatsOn(new DateOnly(2027, 1, 1)).Single().PartyId);
    }

    [Fact]
    public void A_term_cannot_end_before_it_begins()
    {
        var error = Assert.Throws<DomainException>(() => new Term(new DateOnly(2026, 2, 1), new DateOnly(2026, 1, 1)));
        Assert.Equal("En periode kan ikke slutte før den begynner.", error.Message);
    }

    [Fact]
    public void A_municipality_belongs_to_a_health_region_that_speaks_for_it()
    {
        Assert.Equal(p.North.Id, p.Municipalities[0].RegionId);
        Assert.Throws<DomainException>(() => Party.Municipality(p.Partnership.Id, "Feil", p.Hospital));
        Assert.Equal(Side.Municipal, p.North.Side);
        Assert.Equal(Side.Hospital, p.Hospital.Side);
    }

    [Fact]
    public void A_treatment_needs_a_body_with_parties_that_can_agree()
    {
        var empty = new Body(p.Partnership.Id, BodyKind.StrategicCommittee, "Tomt utvalg", "TU");
        var error = Assert.Throws<DomainException>(() => p.NewCase().StartTreatment(empty, TestPartnership.Today, p.Secretary.Id, TestPartnership.Now));
        Assert.Contains("ingen medlemmer som representerer en part", error.Message);
    }

    [Fact]
    public void A_municipality_can_be_moved_to_another_health_region_but_nothing_else_can()
    {
        var municipality = p.Municipalities[0];
        municipality.MoveToRegion(p.South);

        Assert.Equal(p.South.Id, municipality.RegionId);
        Assert.Throws<DomainException>(() => municipality.MoveToRegion(p.Hospital));
        Assert.Throws<DomainException>(() => p.North.MoveToRegion(p.South));
    }
}
