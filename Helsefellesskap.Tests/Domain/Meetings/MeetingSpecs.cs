using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Meetings;
using Helsefellesskap.Domain.Partnerships;

namespace Helsefellesskap.Tests.Domain.Meetings;

/// <summary>The meeting's rules: the agenda, the notice, attendance, the items in the meeting, and the minutes.</summary>
public sealed class MeetingSpecs
{
    private readonly TestPartnership p = new();
    private static readonly DateTimeOffset Now = TestPartnership.Now;

    private Meeting NewMeeting() =>
        new(p.Ssu, Now.AddDays(10), TimeSpan.FromHours(3), "Hamar rådhus", "https://video.example.no/ssu", TestPartnership.Today);

    private (Meeting Meeting, AgendaItem Item) InProgressWithCase()
    {
        var meeting = NewMeeting();
        var item = meeting.AddCase(Guid.NewGuid(), "Felles prosedyre");
        meeting.SendNotice(Now);
        meeting.Open(Now);
        return (meeting, item);
    }

    [Fact]
    public void A_new_meeting_calls_everyone_with_a_seat_except_substitutes_and_has_the_standard_items()
    {
        var meeting = NewMeeting();
        Assert.Equal(p.Ssu.Seats.Count(s => s.Role != SeatRole.Substitute), meeting.Attendance.Count);
        Assert.DoesNotContain(meeting.Attendance, a => a.Role == SeatRole.Substitute);
        Assert.Equal([Meeting.NoticeItemTitle, Meeting.MinutesItemTitle, Meeting.AnyOtherBusinessTitle], meeting.Agenda.Select(i => i.Title));
    }

    [Fact]
    public void A_meeting_needs_a_place_or_a_video_link_and_a_video_link_must_be_a_web_address()
    {
        Assert.Throws<DomainException>(() => new Meeting(p.Ssu, Now, TimeSpan.FromHours(1), " ", null, TestPartnership.Today));
        var bad = Assert.Throws<DomainException>(() => new Meeting(p.Ssu, Now, TimeSpan.FromHours(1), "", "javascript:alert(1)", TestPartnership.Today));
        Assert.Contains("https://", bad.Message);
    }

    [Fact]
    public void Cases_go_before_any_other_business_in_the_order_the_secretariat_sets()
    {
        var meeting = NewMeeting();
        var first = meeting.AddCase(Guid.NewGuid(), "Første");
        var second = meeting.AddCase(Guid.NewGuid(), "Andre");
        meeting.MoveCase(second.Id, -1);
        Assert.Equal([Meeting.NoticeItemTitle, Meeting.MinutesItemTitle, "Andre", "Første", Meeting.AnyOtherBusinessTitle],
            meeting.Agenda.Select(i => i.Title));
        meeting.MoveCase(second.Id, -1);
        Assert.Equal("Andre", meeting.Agenda[2].Title);
        Assert.Throws<DomainException>(() => meeting.MoveCase(meeting.Agenda[0].Id, 1));
        meeting.RemoveCase(first.Id);
        Assert.Equal(4, meeting.Agenda.Count);
        Assert.Equal([1, 2, 3, 4], meeting.Agenda.Select(i => i.Order));
    }

    [Fact]
    public void A_case_stands_on_the_agenda_once()
    {
        var meeting = NewMeeting();
        var caseId = Guid.NewGuid();
        meeting.AddCase(caseId, "Sak");
        Assert.Throws<DomainException>(() => meeting.AddCase(caseId, "Sak"));
    }

    [Fact]
    public void The_notice_needs_a_case_on_the_agenda_and_the_meeting_is_opened_only_after_the_notice()
    {
        var meeting = NewMeeting();
        Assert.Contains("minst én sak", Assert.Throws<DomainException>(() => meeting.SendNotice(Now)).Message);
        meeting.AddCase(Guid.NewGuid(), "Sak");
        Assert.Contains("Send innkallingen", Assert.Throws<DomainException>(() => meeting.Open(Now)).Message);
        meeting.SendNotice(Now);
        meeting.Open(Now);
        Assert.Equal(MeetingStatus.InProgress, meeting.Status);
    }

    [Fact]
    public void One_item_is_open_at_a_time_and_every_screen_follows_the_one_opened()
    {
        var (meeting, item) = InProgressWithCase();
        var notice = meeting.Agenda[0];
        meeting.OpenAgendaItem(notice.Id, null, Now);
        Assert.Equal(notice.Id, meeting.CurrentItemId);
        Assert.Contains("fortsatt åpen", Assert.Throws<DomainException>(() => meeting.OpenAgendaItem(item.Id, Guid.NewGuid(), Now)).Message);
        meeting.CloseAgendaItem(notice.Id, Now);
        meeting.OpenAgendaItem(item.Id, Guid.NewGuid(), Now);
        Assert.Equal(item.Id, meeting.CurrentItemId);
    }

    [Fact]
    public void An_item_is_closed_once_and_never_opened_again()
    {
        var (meeting, item) = InProgressWithCase();
        meeting.OpenAgendaItem(item.Id, Guid.NewGuid(), Now);
        meeting.CloseAgendaItem(item.Id, Now);
        Assert.Contains("allerede avsluttet", Assert.Throws<DomainException>(() => meeting.CloseAgendaItem(item.Id, Now)).Message);
        Assert.Contains("allerede behandlet", Assert.Throws<DomainException>(() => meeting.OpenAgendaItem(item.Id, Guid.NewGuid(), Now)).Message);
    }

    [Fact]
    public void A_case_item_is_opened_with_its_treatment_and_a_treated_case_cannot_leave_the_agenda()
    {
        var (meeting, item) = InProgressWithCase();
        Assert.Throws<DomainException>(() => meeting.OpenAgendaItem(item.Id, null, Now));
        meeting.OpenAgendaItem(item.Id, Guid.NewGuid(), Now);
        Assert.Contains("kan ikke fjernes", Assert.Throws<DomainException>(() => meeting.RemoveCase(item.Id)).Message);
    }

    [Fact]
    public void The_meeting_cannot_close_while_an_item_is_open_and_items_never_opened_were_not_treated()
    {
        var (meeting, item) = InProgressWithCase();
        meeting.OpenAgendaItem(item.Id, Guid.NewGuid(), Now);
        Assert.Contains("fortsatt åpen", Assert.Throws<DomainException>(() => meeting.Close(Now)).Message);
        meeting.CloseAgendaItem(item.Id, Now);
        meeting.Close(Now);
        Assert.Equal(MeetingStatus.Closed, meeting.Status);
        Assert.All(meeting.Agenda.Where(i => !i.IsCase), i => Assert.Equal(AgendaItemState.Pending, i.State));
    }

    [Fact]
    public void A_substitute_is_awaited_for_a_member_who_reported_absence_until_one_is_called_in_for_that_very_person()
    {
        var meeting = NewMeeting();
        var member = p.Ssu.Seats.Single(s => s.Role == SeatRole.Member && s.PartyId == p.South.Id);
        var substitute = p.Ssu.Seats.Single(s => s.Role == SeatRole.Substitute);
        Assert.False(meeting.AwaitsSubstitute(member.PersonId));

        meeting.ReportAbsence(member.PersonId, "Kommunestyremøte");
        Assert.True(meeting.AwaitsSubstitute(member.PersonId));
        meeting.CallInSubstitute(substitute, member.PersonId);
        // Matched by the person, not by a name two people may share.
        Assert.False(meeting.AwaitsSubstitute(member.PersonId));
        Assert.False(meeting.AwaitsSubstitute(substitute.PersonId));
    }

    [Fact]
    public void A_member_who_reported_absence_does_not_state_a_position_and_a_substitute_acts_only_when_called_in()
    {
        var meeting = NewMeeting();
        var member = p.Ssu.Seats.Single(s => s.Role == SeatRole.Member && s.PartyId == p.South.Id);
        var substitute = p.Ssu.Seats.Single(s => s.Role == SeatRole.Substitute);
        Assert.Contains("ikke kalt inn", Assert.Throws<DomainException>(() => meeting.MustBeAbleToStatePosition(substitute.PersonId, SeatRole.Substitute)).Message);
        Assert.Contains("Meld forfall for medlemmet først", Assert.Throws<DomainException>(() => meeting.CallInSubstitute(substitute, member.PersonId)).Message);

        meeting.ReportAbsence(member.PersonId, "Kommunestyremøte");
        Assert.Contains("meldt forfall", Assert.Throws<DomainException>(() => meeting.MustBeAbleToStatePosition(member.PersonId, SeatRole.Member)).Message);
        meeting.CallInSubstitute(substitute, member.PersonId);
        meeting.MustBeAbleToStatePosition(substitute.PersonId, SeatRole.Substitute);
        Assert.Contains("allerede kalt inn", Assert.Throws<DomainException>(() => meeting.CallInSubstitute(substitute, member.PersonId)).Message);
    }

    [Fact]
    public void A_substitute_is_called_in_only_for_a_member_of_the_same_party()
    {
        var meeting = NewMeeting();
        var hospitalMember = p.Ssu.Seats.Single(s => s.Role == SeatRole.Member && s.PartyId == p.Hospital.Id);
        var southSubstitute = p.Ssu.Seats.Single(s => s.Role == SeatRole.Substitute);
        meeting.ReportAbsence(hospitalMember.PersonId, null);
        Assert.Contains("annen part", Assert.Throws<DomainException>(() => meeting.CallInSubstitute(southSubstitute, hospitalMember.PersonId)).Message);
    }

    [Fact]
    public void All_called_who_have_not_reported_absence_are_recorded_present_in_one_command()
    {
        var meeting = NewMeeting();
        var member = p.Ssu.Seats.Single(s => s.Role == SeatRole.Member && s.PartyId == p.South.Id);
        meeting.ReportAbsence(member.PersonId, "Sykdom");
        var substitute = meeting.CallInSubstitute(p.Ssu.Seats.Single(s => s.Role == SeatRole.Substitute), member.PersonId);

        var recorded = meeting.RecordAllCalledPresent();

        Assert.Equal(meeting.Attendance.Count - 1, recorded);
        var absent = Assert.Single(meeting.Attendance, a => a.Status != AttendanceStatus.Present);
        Assert.Equal(member.PersonId, absent.PersonId);
        Assert.Equal("Sykdom", absent.AbsenceReason);
        Assert.Equal(AttendanceStatus.Present, substitute.Status);
        // The exceptions are then recorded one by one, as before.
        var late = meeting.Attendance.First(a => a.Role == SeatRole.Participant).PersonId;
        meeting.RecordPresence(late, false);
        Assert.Equal(AttendanceStatus.Absent, meeting.Attendance.Single(a => a.PersonId == late).Status);
        Assert.Contains("allerede", Assert.Throws<DomainException>(() => meeting.RecordAllCalledPresent()).Message);
    }

    [Fact]
    public void Someone_whose_substitute_acts_for_them_cannot_be_recorded_as_present()
    {
        var meeting = NewMeeting();
        var member = p.Ssu.Seats.Single(s => s.Role == SeatRole.Member && s.PartyId == p.South.Id);
        meeting.ReportAbsence(member.PersonId, null);
        meeting.CallInSubstitute(p.Ssu.Seats.Single(s => s.Role == SeatRole.Substitute), member.PersonId);
        Assert.Throws<DomainException>(() => meeting.RecordPresence(member.PersonId, true));
    }

    [Fact]
    public void Remarks_for_the_minutes_are_given_on_an_opened_item_while_the_meeting_is_in_progress()
    {
        var (meeting, item) = InProgressWithCase();
        var person = p.Ssu.Seats.First(s => s.Role == SeatRole.Participant).PersonId;
        Assert.Throws<DomainException>(() => meeting.AddRemark(item.Id, person, "For tidlig", Now));
        meeting.OpenAgendaItem(item.Id, Guid.NewGuid(), Now);
        Assert.Throws<DomainException>(() => meeting.AddRemark(item.Id, person, "  ", Now));
        meeting.AddRemark(item.Id, person, "Fastlegene må høres.", Now);
        Assert.Single(meeting.Remarks);
    }

    [Fact]
    public void The_minutes_are_written_after_the_meeting_and_locked_when_approved()
    {
        var (meeting, item) = InProgressWithCase();
        Assert.Contains("når møtet er avsluttet", Assert.Throws<DomainException>(() => meeting.WriteMinutes(null, "Innledning")).Message);
        Assert.Throws<DomainException>(() => meeting.ApproveMinutes(p.Secretary.Id, Now, "{}"));
        meeting.Close(Now);
        meeting.WriteMinutes(null, "Møtet ble ledet av leder.");
        meeting.WriteMinutes(item.Id, "Drøftingen gjaldt kostnadene.");
        meeting.ApproveMinutes(p.Secretary.Id, Now, "{}");
        Assert.True(meeting.MinutesAreLocked);
        Assert.Contains("låst", Assert.Throws<DomainException>(() => meeting.WriteMinutes(item.Id, "Endret")).Message);
        Assert.Throws<DomainException>(() => meeting.ApproveMinutes(p.Secretary.Id, Now, "{}"));
        Assert.Equal("Drøftingen gjaldt kostnadene.", meeting.Agenda.Single(i => i.Id == item.Id).MinutesText);
    }

    [Fact]
    public void A_position_registered_on_a_screen_that_had_not_seen_anothers_registration_is_refused_and_the_other_stands()
    {
        var (@case, treatment) = p.CaseInTreatment();
        var first = @case.RegisterPosition(treatment.Id, p.Hospital, 1, PositionKind.Agree, null, p.Secretary.Id, false, Now, new SeenPosition(null));
        var refused = Assert.Throws<DomainException>(() => @case.RegisterPosition(treatment.Id, p.Hospital, 1, PositionKind.Disagree,
            "For dyrt", p.Secretary.Id, false, Now, new SeenPosition(null)));
        Assert.Contains("Noen andre registrerte nettopp et standpunkt for Sykehuset: «Enig»", refused.Message);
        Assert.Same(first, treatment.CurrentPositions.Single(x => x.PartyId == p.Hospital.Id));

        // Having seen it, the party's representative may change it; the first stays as history.
        @case.RegisterPosition(treatment.Id, p.Hospital, 1, PositionKind.Disagree, "For dyrt", p.Secretary.Id, false, Now, new SeenPosition(first.Id));
        Assert.Equal(PositionKind.Disagree, treatment.CurrentPositions.Single(x => x.PartyId == p.Hospital.Id).Kind);
        Assert.True(first.IsReplaced);
    }

    [Fact]
    public void The_same_position_sent_twice_from_a_stale_screen_counts_once()
    {
        var (@case, treatment) = p.CaseInTreatment();
        var first = @case.RegisterPosition(treatment.Id, p.Hospital, 1, PositionKind.Agree, null, p.Secretary.Id, false, Now, new SeenPosition(null));
        var again = @case.RegisterPosition(treatment.Id, p.Hospital, 1, PositionKind.Agree, null, p.Secretary.Id, false, Now, new SeenPosition(null));
        Assert.Same(first, again);
        Assert.Single(treatment.Positions);
    }

    [Fact]
    public void A_case_sent_to_a_later_meeting_without_consensus_is_ready_for_the_same_bodys_agenda_again()
    {
        var (@case, treatment) = p.CaseInTreatment();
        p.Position(@case, treatment, p.Hospital, PositionKind.Disagree, "Ikke finansiert");
        @case.CloseTreatment(treatment.Id, Now, NextStep.LaterMeeting, p.AllParties);
        Assert.True(@case.IsReadyForAgendaOf(p.Ssu.Id));
    }

    [Fact]
    public void A_meeting_is_held_in_a_plausible_year_so_its_end_can_always_be_computed()
    {
        var lastHour = new DateTimeOffset(9999, 12, 31, 23, 0, 0, TimeSpan.FromHours(1));

        var error = Assert.Throws<DomainException>(() => new Meeting(p.Ssu, lastHour, TimeSpan.FromHours(12), "Hamar", null, TestPartnership.Today));

        Assert.Equal("Møtetidspunktet må være mellom år 2000 og 2100.", error.Message);
        Assert.Throws<DomainException>(() => new Meeting(p.Ssu, new DateTimeOffset(1999, 12, 31, 10, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(1), "Hamar", null, TestPartnership.Today));
        Assert.Throws<DomainException>(() => new Meeting(p.Ssu, Now, TimeSpan.FromHours(1), "Hamar\vrådhus", null, TestPartnership.Today));
    }

    [Fact]
    public void Observers_cannot_report_absence()
    {
        var meeting = NewMeeting();
        var observer = p.Ssu.Seats.Single(s => s.Role == SeatRole.Observer);

        var error = Assert.Throws<DomainException>(() => meeting.ReportAbsence(observer.PersonId, null));

        Assert.StartsWith("Observatører melder ikke forfall", error.Message);
    }

    [Fact]
    public void A_change_of_time_or_place_after_the_notice_is_a_new_revision_of_the_invitation_and_before_it_is_not()
    {
        var meeting = NewMeeting();
        meeting.AddCase(Guid.NewGuid(), "Sak");

        Assert.False(meeting.Reschedule(Now.AddDays(11), TimeSpan.FromHours(3), "Hamar rådhus", null));
        Assert.Equal(0, meeting.CalendarSequence);
        meeting.SendNotice(Now);
        Assert.False(meeting.Reschedule(Now.AddDays(11), TimeSpan.FromHours(3), "Hamar rådhus", null));
        Assert.True(meeting.Reschedule(Now.AddDays(12), TimeSpan.FromHours(2), "Gjøvik rådhus", null));
        Assert.Equal((1, Now.AddDays(12), Now.AddDays(12).AddHours(2), "Gjøvik rådhus"),
            (meeting.CalendarSequence, meeting.StartsAt, meeting.EndsAt, meeting.Location));
        meeting.SendNotice(Now);
        Assert.Equal(2, meeting.CalendarSequence);
    }

    [Fact]
    public void A_meeting_is_cancelled_only_before_it_begins_and_the_cancellation_is_a_new_revision_once_noticed()
    {
        var planned = NewMeeting();
        Assert.False(planned.Cancel(Now));
        Assert.Equal(MeetingStatus.Cancelled, planned.Status);

        var (meeting, _) = InProgressWithCase();
        Assert.Equal("Bare et møte som ikke har begynt kan avlyses.", Assert.Throws<DomainException>(() => meeting.Cancel(Now)).Message);
        Assert.Equal("Tid og sted kan bare endres før møtet begynner.",
            Assert.Throws<DomainException>(() => meeting.Reschedule(Now, TimeSpan.FromHours(1), "Hamar", null)).Message);

        var noticed = NewMeeting();
        noticed.AddCase(Guid.NewGuid(), "Sak");
        noticed.SendNotice(Now);
        Assert.True(noticed.Cancel(Now));
        Assert.Equal(1, noticed.CalendarSequence);
    }
}
