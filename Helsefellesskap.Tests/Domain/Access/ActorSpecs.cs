using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Access;
using Helsefellesskap.Domain.Meetings;
using Helsefellesskap.Domain.Partnerships;

namespace Helsefellesskap.Tests.Domain.Access;

public class ActorSpecs
{
    private readonly TestPartnership p = new();
    private static readonly DateOnly Today = TestPartnership.Today;
    private static readonly Term ThisTerm = new(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));

    private Actor Holding(params ActorSeat[] seats) => new(Guid.NewGuid(), "Test", false, seats);

    [Fact]
    public void A_representative_states_the_position_of_the_party_their_seat_represents_and_no_other()
    {
        var member = Holding(new ActorSeat(p.Ssu.Id, "SSU", SeatRole.Member, p.North.Id, ThisTerm));

        Assert.False(member.RegistersOnBehalf(p.Ssu.Id, p.North, "SSU", Today));
        var error = Assert.Throws<DomainException>(() => member.RegistersOnBehalf(p.Ssu.Id, p.South, "SSU", Today));
        Assert.Equal("Du representerer ikke Sør i SSU og kan ikke gi standpunkt for den parten.", error.Message);
    }

    [Fact]
    public void A_representative_of_a_party_in_one_body_cannot_state_its_position_in_another()
    {
        var member = Holding(new ActorSeat(p.Fagutvalg.Id, "FU", SeatRole.Member, p.North.Id, ThisTerm));

        Assert.Throws<DomainException>(() => member.RegistersOnBehalf(p.Ssu.Id, p.North, "SSU", Today));
    }

    [Fact]
    public void The_secretariat_registers_a_position_on_a_party_s_behalf()
    {
        var secretary = Holding(new ActorSeat(p.Ssu.Id, "SSU", SeatRole.Secretariat, null, ThisTerm));

        Assert.True(secretary.RegistersOnBehalf(p.Ssu.Id, p.South, "SSU", Today));
    }

    [Theory]
    [InlineData(SeatRole.Participant)]
    [InlineData(SeatRole.Observer)]
    public void Participants_and_observers_hold_no_position(SeatRole role)
    {
        var actor = Holding(new ActorSeat(p.Ssu.Id, "SSU", role, p.North.Id, ThisTerm));

        Assert.Throws<DomainException>(() => actor.RegistersOnBehalf(p.Ssu.Id, p.North, "SSU", Today));
    }

    [Fact]
    public void A_person_whose_last_seat_has_ended_has_nothing_to_do_here_from_the_day_after()
    {
        var lastDay = new DateOnly(2026, 11, 30);
        var leaving = Holding(
            new ActorSeat(p.Ssu.Id, "SSU", SeatRole.Member, p.North.Id, new Term(new DateOnly(2024, 1, 1), new DateOnly(2025, 12, 31))),
            new ActorSeat(p.Ssu.Id, "SSU", SeatRole.Observer, null, new Term(new DateOnly(2026, 1, 1), lastDay)));

        Assert.True(leaving.HasBusinessHere(lastDay));
        Assert.False(leaving.HasBusinessHere(lastDay.AddDays(1)));
        Assert.False(Holding().HasBusinessHere(Today));
    }

    [Fact]
    public void An_administrator_and_one_who_records_a_party_s_ratification_have_something_to_do_here_without_a_seat()
    {
        Assert.True(new Actor(null, "admin", true, []).HasBusinessHere(Today));
        Assert.True(new Actor(Guid.NewGuid(), "Kommunens saksbehandler", false, [], [p.North.Id]).HasBusinessHere(Today));
    }

    [Fact]
    public void A_seat_that_has_ended_gives_no_rights()
    {
        var former = Holding(new ActorSeat(p.Ssu.Id, "SSU", SeatRole.Secretariat, null, new Term(new DateOnly(2024, 1, 1), new DateOnly(2025, 12, 31))));

        var error = Assert.Throws<DomainException>(() => former.MustRegisterCase(Today));
        Assert.Equal("Bare sekretariatet kan registrere saker.", error.Message);
    }

    [Fact]
    public void Only_the_chair_or_deputy_of_the_body_leads_its_treatment()
    {
        var chair = Holding(new ActorSeat(p.Au.Id, "AU", SeatRole.Chair, p.Hospital.Id, ThisTerm));
        var member = Holding(new ActorSeat(p.Au.Id, "AU", SeatRole.Member, p.Jointly.Id, ThisTerm));

        chair.MustPutForward(p.Au.Id, "AU", Today);
        Assert.Throws<DomainException>(() => chair.MustPutForward(p.Ssu.Id, "SSU", Today));
        var error = Assert.Throws<DomainException>(() => member.MustPutForward(p.Au.Id, "AU", Today));
        Assert.Equal("Bare lederen eller nestlederen i AU kan avslutte behandlingen.", error.Message);
    }

    [Fact]
    public void An_administrator_without_a_person_cannot_act_in_cases()
    {
        var admin = new Actor(null, "admin", true, []);

        Assert.Throws<DomainException>(() => admin.ActingPersonId);
        Assert.False(admin.IsSecretariat(Today));
    }

    [Theory]
    [InlineData(SeatRole.Chair)]
    [InlineData(SeatRole.Member)]
    [InlineData(SeatRole.Participant)]
    [InlineData(SeatRole.Observer)]
    public void Only_an_administrator_or_the_secretariat_administers_users_and_seats(SeatRole role)
    {
        var other = Holding(new ActorSeat(p.Ssu.Id, "SSU", role, p.North.Id, ThisTerm));
        var secretary = Holding(new ActorSeat(p.Ssu.Id, "SSU", SeatRole.Secretariat, null, ThisTerm));
        var admin = new Actor(null, "admin", true, []);

        admin.MustAdminister(Today);
        secretary.MustAdminister(Today);
        var error = Assert.Throws<DomainException>(() => other.MustAdminister(Today));
        Assert.Equal("Bare administrator eller sekretariatet kan administrere brukere og verv.", error.Message);
    }

    [Fact]
    public void A_secretariat_seat_that_has_ended_gives_no_right_to_administer()
    {
        var former = Holding(new ActorSeat(p.Ssu.Id, "SSU", SeatRole.Secretariat, null, new Term(new DateOnly(2026, 1, 1), Today.AddDays(-1))));

        Assert.False(former.MayAdminister(Today));
        Assert.True(former.MayAdminister(Today.AddDays(-1)));
    }

    [Fact]
    public void An_administrator_cannot_deactivate_themself()
    {
        var admin = new Actor(null, "admin", true, []) { UserId = "admin-id" };

        admin.MustDeactivate(Today, "someone-else", ofAdministrator: false);
        var error = Assert.Throws<DomainException>(() => admin.MustDeactivate(Today, "admin-id", ofAdministrator: true));
        Assert.Equal("Du kan ikke deaktivere din egen bruker. Be en annen administrator eller sekretariatet om det.", error.Message);
    }

    [Fact]
    public void Only_an_administrator_deactivates_an_administrator_or_sets_their_password()
    {
        var secretary = Holding(new ActorSeat(p.Ssu.Id, "SSU", SeatRole.Secretariat, null, ThisTerm));
        var admin = new Actor(null, "admin", true, []) { UserId = "admin-id" };

        secretary.MustManageAccount(Today, ofAdministrator: false);
        admin.MustManageAccount(Today, ofAdministrator: true);
        var error = Assert.Throws<DomainException>(() => secretary.MustDeactivate(Today, "admin-id", ofAdministrator: true));
        Assert.Equal("Bare en administrator kan deaktivere en administrator eller gi den nytt passord.", error.Message);
        Assert.Throws<DomainException>(() => secretary.MustManageAccount(Today, ofAdministrator: true));
    }

    [Fact]
    public void A_substitute_states_the_partys_position_in_a_meeting_only_once_called_in_and_an_absent_member_not_at_all()
    {
        var substitute = Holding(new ActorSeat(p.Ssu.Id, "SSU", SeatRole.Substitute, p.North.Id, ThisTerm));
        var member = Holding(new ActorSeat(p.Ssu.Id, "SSU", SeatRole.Member, p.North.Id, ThisTerm));

        Assert.Empty(substitute.OwnPartiesInMeeting(p.Ssu.Id, Today, MeetingPresence.NotCalled));
        Assert.Equal([p.North.Id], substitute.OwnPartiesInMeeting(p.Ssu.Id, Today, new MeetingPresence(AttendanceStatus.Expected, CalledInAsSubstitute: true)));
        var absent = new MeetingPresence(AttendanceStatus.Absent, false);
        Assert.Empty(member.OwnPartiesInMeeting(p.Ssu.Id, Today, absent));
        var error = Assert.Throws<DomainException>(() => member.MustStatePositionInMeeting(p.Ssu.Id, p.North, "SSU", Today, absent));
        Assert.Contains("meldt forfall", error.Message);
    }

    [Fact]
    public void A_read_only_sign_in_is_offered_no_command_it_would_be_refused()
    {
        var proof = new SignInProof("Entra ID", SecondFactor: false, Enum.GetValues<WritingRole>().ToHashSet());
        var secretary = new Actor(Guid.NewGuid(), "Mari", false, [new ActorSeat(p.Ssu.Id, "SSU", SeatRole.Secretariat, null, ThisTerm)]) { SignIn = proof };
        var member = new Actor(Guid.NewGuid(), "Siri", false, [new ActorSeat(p.Ssu.Id, "SSU", SeatRole.Member, p.North.Id, ThisTerm)]) { SignIn = proof };

        Assert.False(secretary.MayCreateDraft(Today));
        Assert.False(secretary.MayRecordAttendance(Today));
        Assert.Empty(secretary.PartiesToRegisterFor(p.Ssu.Id, [p.North.Id, p.South.Id], Today));
        Assert.False(member.MayRegisterPosition(p.Ssu.Id, p.North.Id, Today));
        Assert.Empty(member.OwnPartiesInMeeting(p.Ssu.Id, Today, new MeetingPresence(AttendanceStatus.Present, false)));
        Assert.Contains("uten andre faktor", Assert.Throws<DomainException>(() => member.RegistersOnBehalf(p.Ssu.Id, p.North, "SSU", Today)).Message);
        // Reading is not writing: what the secretariat reads, she still reads.
        Assert.True(secretary.MayReadAuditLog(Today));
    }

    [Fact]
    public void Every_may_answers_as_its_must_does()
    {
        var chair = Holding(new ActorSeat(p.Au.Id, "AU", SeatRole.Chair, p.Hospital.Id, ThisTerm));
        var observer = Holding(new ActorSeat(p.Ssu.Id, "SSU", SeatRole.Observer, null, ThisTerm));
        foreach (var actor in new[] { chair, observer })
        {
            Assert.Equal(actor.MayPutForward(p.Au.Id, Today), Record.Exception(() => actor.MustPutForward(p.Au.Id, "AU", Today)) is null);
            Assert.Equal(actor.MayAmendWording(p.Au.Id, Today), Record.Exception(() => actor.MustAmendWording(p.Au.Id, "AU", Today)) is null);
            Assert.Equal(actor.MayAddRemark(p.Au.Id, Today), Record.Exception(() => actor.MustAddRemark(p.Au.Id, "AU", Today)) is null);
            Assert.Equal(actor.MayCreateDraft(Today), Record.Exception(() => actor.MustCreateDraft(Today)) is null);
            Assert.Equal(actor.MayRegisterPosition(p.Au.Id, p.Hospital.Id, Today),
                Record.Exception(() => actor.RegistersOnBehalf(p.Au.Id, p.Hospital, "AU", Today)) is null);
        }
        Assert.True(chair.MayPutForward(p.Au.Id, Today));
        Assert.False(observer.MayAddRemark(p.Ssu.Id, Today));
    }
}
