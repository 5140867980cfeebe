using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Meetings;
using Helsefellesskap.Domain.Partnerships;

namespace Helsefellesskap.Tests.Domain.Meetings;

/// <summary>The record that holds: outcomes recorded at close, minutes frozen at approval, corrections as addenda.</summary>
public sealed class MinutesRecordSpecs
{
    private readonly TestPartnership p = new();
    private static readonly DateTimeOffset Now = TestPartnership.Now;
    private static readonly DateOnly Today = TestPartnership.Today;

    /// <summary>Every party agrees in SSU, the hospital subject to local ratification; closed.</summary>
    private (Case Case, Treatment Treatment) AdoptedWithReservation()
    {
        var (c, t) = p.CaseInTreatment();
        p.Position(c, t, p.North);
        p.Position(c, t, p.South);
        p.Position(c, t, p.Hospital, PositionKind.AgreeSubjectToRatification, "Styret må behandle saken.");
        c.CloseTreatment(t.Id, Now, null, p.AllParties);
        return (c, t);
    }

    private Meeting ClosedMeeting()
    {
        var meeting = new Meeting(p.Ssu, Now.AddDays(1), TimeSpan.FromHours(2), "Hamar", null, Today);
        meeting.AddCase(Guid.NewGuid(), "Sak");
        meeting.SendNotice(Now);
        meeting.Open(Now);
        meeting.Close(Now);
        return meeting;
    }

    [Fact]
    public void The_outcome_a_body_reached_is_recorded_at_close_and_a_later_rejection_does_not_change_it()
    {
        var (c, t) = AdoptedWithReservation();
        Assert.Equal(Outcome.AdoptedPendingRatification, t.OutcomeAtClose);

        c.RecordRatification(t.Id, p.Hospital, new(RatificationStatus.Rejected, "Styret", "Sak 4/26", Today, Comment: "Kostnadene er uklare."),
            p.Secretary.Id, Now);

        Assert.Equal(Outcome.NotAdopted, t.Outcome);
        Assert.Equal(Outcome.AdoptedPendingRatification, t.OutcomeAtClose);
    }

    [Fact]
    public void A_treatment_sent_back_records_sent_back_as_its_outcome_at_close()
    {
        var (c, t) = p.CaseInTreatment(body: p.Au);
        c.SendBack(t.Id, "Mangler kostnadsoverslag.", Now);
        Assert.Equal(Outcome.SentBack, t.OutcomeAtClose);
    }

    [Fact]
    public void The_outcome_at_close_is_filled_where_missing_with_ratification_ignored_and_never_overwritten()
    {
        var (c, t) = AdoptedWithReservation();
        c.RecordRatification(t.Id, p.Hospital, new(RatificationStatus.Rejected, "Styret", null, Today), p.Secretary.Id, Now);
        // A treatment closed before the app recorded the outcome at close.
        typeof(Treatment).GetProperty(nameof(Treatment.OutcomeAtClose))!.SetValue(t, null);

        Assert.True(t.RecordOutcomeAtCloseWhereMissing());
        Assert.Equal(Outcome.AdoptedPendingRatification, t.OutcomeAtClose);
        Assert.False(t.RecordOutcomeAtCloseWhereMissing());

        var (_, open) = p.CaseInTreatment();
        Assert.False(open.RecordOutcomeAtCloseWhereMissing());
        Assert.Null(open.OutcomeAtClose);
    }

    [Fact]
    public void Approved_minutes_are_stored_with_the_sha256_of_their_document()
    {
        var meeting = ClosedMeeting();
        var approved = meeting.ApproveMinutes(p.Secretary.Id, Now, "{\"Intro\":\"Møtet ble ledet av leder.\"}");

        Assert.True(meeting.MinutesAreLocked);
        Assert.Equal(meeting.Id, approved.MeetingId);
        Assert.Equal(ApprovedMinutes.Hash("{\"Intro\":\"Møtet ble ledet av leder.\"}"), approved.Sha256);
        Assert.Equal(64, approved.Sha256.Length);
        Assert.True(approved.IsIntact);
        Assert.False(approved.FrozenAtUpgrade);
        Assert.Throws<DomainException>(() => meeting.ApproveMinutes(p.Secretary.Id, Now, "{}"));
    }

    [Fact]
    public void Only_approved_minutes_are_frozen_at_upgrade_and_they_are_marked_so()
    {
        var meeting = ClosedMeeting();
        Assert.Throws<DomainException>(() => meeting.FreezeApprovedMinutesAtUpgrade("{}"));
        meeting.RecordAsHeld(minutesApproved: true);
        var frozen = meeting.FreezeApprovedMinutesAtUpgrade("{}");
        Assert.True(frozen.FrozenAtUpgrade);
    }

    [Fact]
    public void Approved_minutes_are_corrected_only_by_a_numbered_correction_with_a_reason()
    {
        var meeting = ClosedMeeting();
        var draft = Assert.Throws<DomainException>(() => meeting.CorrectMinutes("Riktig dato er 3. mars.", "Feil dato.", p.Secretary.Id, Now));
        Assert.Contains("Bare en godkjent protokoll rettes", draft.Message);
        meeting.ApproveMinutes(p.Secretary.Id, Now, "{}");

        var noReason = Assert.Throws<DomainException>(() => meeting.CorrectMinutes("Riktig dato er 3. mars.", "  ", p.Secretary.Id, Now));
        Assert.Contains("begrunnes", noReason.Message);
        Assert.Throws<DomainException>(() => meeting.CorrectMinutes(" ", "Feil dato.", p.Secretary.Id, Now));

        var first = meeting.CorrectMinutes(" Riktig dato er 3. mars. ", "Feil dato i punkt 4.", p.Secretary.Id, Now);
        var second = meeting.CorrectMinutes("Navnet skrives Aasen.", "Skrivefeil.", p.Secretary.Id, Now.AddDays(1));
        Assert.Equal([1, 2], meeting.Corrections.Select(c => c.Number));
        Assert.Equal("Riktig dato er 3. mars.", first.Text);
        Assert.Equal(64, first.Sha256.Length);
        Assert.NotEqual(first.Sha256, second.Sha256);
    }

    [Fact]
    public void Standard_agenda_items_are_never_printed_as_not_treated_only_cases_are()
    {
        var meeting = new Meeting(p.Ssu, Now.AddDays(1), TimeSpan.FromHours(2), "Hamar", null, Today);
        var caseItem = meeting.AddCase(Guid.NewGuid(), "Sak");
        meeting.SendNotice(Now);
        meeting.Open(Now);
        meeting.Close(Now);

        Assert.All(meeting.Agenda.Where(i => !i.IsCase), i => Assert.False(i.IsReportedAsNotTreated));
        Assert.True(caseItem.IsReportedAsNotTreated);
    }

    [Fact]
    public void People_are_listed_by_party_then_role_then_name()
    {
        var people = new[]
        {
            (Name: "Øystein", Party: (string?)null, Role: SeatRole.Secretariat),
            (Name: "Berit", Party: "Sykehuset", Role: SeatRole.Member),
            (Name: "Anne", Party: "Sykehuset", Role: SeatRole.Member),
            (Name: "Per", Party: "Sykehuset", Role: SeatRole.DeputyChair),
            (Name: "Kari", Party: "Helseregion Nord", Role: SeatRole.Member),
        };
        var ordered = Attendance.InListOrder(people, x => x.Party, x => x.Role, x => x.Name).Select(x => x.Name);
        Assert.Equal(["Kari", "Per", "Anne", "Berit", "Øystein"], ordered);
    }

    [Fact]
    public void Later_ratification_events_are_dated_developments_of_the_decision()
    {
        var (c, t) = AdoptedWithReservation();
        Assert.Empty(t.Developments(_ => "?"));
        c.RecordRatification(t.Id, p.Hospital, new(RatificationStatus.Rejected, "Styret i sykehuset", "Sak 4/26", Today.AddDays(5),
            Comment: "Kostnadene er uklare."), p.Secretary.Id, Now);

        var development = Assert.Single(t.Developments(id => id == p.Hospital.Id ? "Sykehuset" : "?"));
        Assert.Equal(Today.AddDays(5), development.On);
        Assert.Equal("Sykehuset avviste vedtaket i styret i sykehuset – begrunnelse: Kostnadene er uklare.", development.Text);

        var (c2, t2) = AdoptedWithReservation();
        c2.RecordRatification(t2.Id, p.Hospital, new(RatificationStatus.Ratified, "Styret", "Sak 5/26", Today.AddDays(9)), p.Secretary.Id, Now);
        Assert.Equal($"Forankret i 1 av 1 – bindende fra {Today.AddDays(9):dd.MM.yyyy}", Assert.Single(t2.Developments(_ => "?")).Text);
    }
}
