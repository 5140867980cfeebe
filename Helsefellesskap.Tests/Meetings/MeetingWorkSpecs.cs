using Helsefellesskap.App;
using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features.Meetings;
using Helsefellesskap.App.Features.Meetings.Live;
using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Meetings;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.Tests.Meetings;

/// <summary>The meeting's commands through the app's services on real SQLite, with the demo's December SSU meeting.</summary>
public sealed class MeetingWorkSpecs(DemoDatabaseTemplate template) : ServiceSpec(template)
{
    private MeetingWork Work => Service<MeetingWork>();
    private MeetingNotifier Notifier => Service<MeetingNotifier>();

    private async Task<Guid> DecemberMeeting()
    {
        await using var db = Database.NewContext();
        return await db.Meetings.Where(m => m.Status == MeetingStatus.NoticeSent).Select(m => m.Id).SingleAsync();
    }

    private async Task<MeetingSnapshot> Snapshot(Guid meetingId) => (await Work.SnapshotAsync(meetingId))!;

    private async Task<Guid> PersonOf(string userName)
    {
        await using var db = Database.NewContext();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.PersonId!.Value).SingleAsync();
    }

    /// <summary>The December SSU meeting opened by its chair, with the digital home follow-up case open.</summary>
    private async Task<(Guid Meeting, Guid Item)> MeetingWithDecisionCaseOpen()
    {
        var meeting = await DecemberMeeting();
        await As("torstein.vik");
        await Work.OpenMeetingAsync(meeting);
        var item = (await Snapshot(meeting)).Agenda.Single(a => a.Title == "Felles plan for digital hjemmeoppfølging").ItemId;
        await Work.OpenItemAsync(meeting, item);
        return (meeting, item);
    }

    private async Task Register(Guid meeting, Guid item, string user, string party, PositionKind kind = PositionKind.Agree,
        string? text = null, bool checkSeen = true)
    {
        await As(user);
        var snapshot = await Snapshot(meeting);
        var partyId = await Party(party);
        var seen = checkSeen ? new SeenPosition(snapshot.Current!.RowFor(partyId)?.PositionId) : (SeenPosition?)null;
        await Work.RegisterPositionAsync(meeting, item, partyId, snapshot.Current!.WordingVersion, kind, text, seen);
    }

    private static readonly (string User, string Party)[] EveryParty =
    [
        ("hilde.moen", "Helseregion Gjøvik og Hadeland"), ("paal.rudstad", "Helseregion Hamar"),
        ("marte.kvaale", "Helseregion Nord-Gudbrandsdal"), ("jon.tangen", "Helseregion Nord-Østerdal"),
        ("eirik.lunde", "Helseregion Sør-Gudbrandsdal"), ("ingrid.nyhus", "Helseregion Sør-Østerdal"),
        ("ola.grindvold", "Helseregion Valdres"), ("kjersti.haug", "Sykehuset Innlandet HF"),
    ];

    [Fact]
    public async Task Opening_an_item_starts_the_cases_treatment_in_the_meeting_and_every_subscribed_screen_gets_one_snapshot_per_change()
    {
        var meeting = await DecemberMeeting();
        var received = new List<MeetingSnapshot>();
        using var a = Notifier.Subscribe(meeting, s => { lock (received) received.Add(s); return Task.CompletedTask; });
        using var b = Notifier.Subscribe(meeting, s => { lock (received) received.Add(s); return Task.CompletedTask; });

        await As("torstein.vik");
        await Work.OpenMeetingAsync(meeting);
        await Until(() => received.Count == 2);
        var item = received[^1].Agenda.Single(l => l.Title == "Felles plan for digital hjemmeoppfølging").ItemId;
        await Work.OpenItemAsync(meeting, item);
        await Until(() => received.Count == 4);

        Assert.Same(received[2], received[3]);
        var current = received[^1].Current!;
        Assert.Equal(item, current.ItemId);
        Assert.Equal(8, current.Board.Count);
        Assert.StartsWith("0 av 8 parter enige – venter på", current.TallySummary);
        Assert.True(received[^1].Revision > received[0].Revision);
        await using var db = Database.NewContext();
        var @case = await db.Cases.WithRecord().SingleAsync(c => c.Id == current.CaseId);
        Assert.Equal(meeting, @case.OpenTreatment!.MeetingId);
    }

    [Fact]
    public async Task A_member_registers_for_their_own_party_only()
    {
        var (meeting, item) = await MeetingWithDecisionCaseOpen();
        await Register(meeting, item, "kjersti.haug", "Sykehuset Innlandet HF");
        var refused = await Assert.ThrowsAsync<DomainException>(() => Register(meeting, item, "kjersti.haug", "Helseregion Hamar"));
        Assert.Contains("Du representerer ikke Helseregion Hamar", refused.Message);
        var board = (await Snapshot(meeting)).Current!.Board;
        Assert.Equal(PositionKind.Agree, board.Single(r => r.PartyName == "Sykehuset Innlandet HF").Kind);
        Assert.Null(board.Single(r => r.PartyName == "Helseregion Hamar").Kind);
    }

    [Fact]
    public async Task The_rights_a_screen_shows_follow_the_seats_and_the_attendance()
    {
        var meeting = await DecemberMeeting();
        var queries = Service<MeetingQueries>();
        await As("kjersti.haug");
        var snapshot = await Snapshot(meeting);
        var member = await queries.RightsAsync(snapshot.BodyId);
        Assert.Equal([await Party("Sykehuset Innlandet HF")], PartiesIn(member, snapshot));
        await As("siri.braaten");
        Assert.Empty(PartiesIn(await queries.RightsAsync(snapshot.BodyId), snapshot));
        await As("ola.grindvold");
        Assert.Equal([await Party("Helseregion Valdres")], PartiesIn(await queries.RightsAsync(snapshot.BodyId), snapshot));
        await As("randi.sund");
        Assert.Empty(PartiesIn(await queries.RightsAsync(snapshot.BodyId), snapshot));
        await As("liv.aune");
        var observer = await queries.RightsAsync(snapshot.BodyId);
        Assert.False(observer.Actor.MayAddRemark(snapshot.BodyId, observer.Today));
    }

    [Fact]
    public async Task The_secretariat_registers_on_behalf_of_a_party_and_the_board_says_so()
    {
        var (meeting, item) = await MeetingWithDecisionCaseOpen();
        await Register(meeting, item, "mari.hovde", "Helseregion Hamar");
        var row = (await Snapshot(meeting)).Current!.Board.Single(r => r.PartyName == "Helseregion Hamar");
        Assert.True(row.OnBehalf);
        Assert.Equal("Mari Hovde", row.RegisteredBy);
    }

    [Fact]
    public async Task A_registration_clicked_twice_or_retried_counts_once()
    {
        var (meeting, item) = await MeetingWithDecisionCaseOpen();
        await As("kjersti.haug");
        var party = await Party("Sykehuset Innlandet HF");
        var seen = new SeenPosition(null);
        await Task.WhenAll(
            Work.RegisterPositionAsync(meeting, item, party, 1, PositionKind.Agree, null, seen),
            Work.RegisterPositionAsync(meeting, item, party, 1, PositionKind.Agree, null, seen));
        await Work.RegisterPositionAsync(meeting, item, party, 1, PositionKind.Agree, null, seen);
        await using var db = Database.NewContext();
        var positions = await db.Cases.SelectMany(c => c.Treatments).Where(t => t.MeetingId == meeting)
            .SelectMany(t => t.Positions).Where(p => p.PartyId == party).ToListAsync();
        Assert.Single(positions);
    }

    [Fact]
    public async Task Two_people_registering_for_the_same_party_at_the_same_instant_the_second_is_told_and_nothing_is_lost()
    {
        var (meeting, item) = await MeetingWithDecisionCaseOpen();
        await As("kjersti.haug");
        var party = await Party("Sykehuset Innlandet HF");
        var nothingSeen = new SeenPosition(null);
        var results = await Task.WhenAll(
            Attempt(() => Work.RegisterPositionAsync(meeting, item, party, 1, PositionKind.Agree, null, nothingSeen)),
            Attempt(() => Work.RegisterPositionAsync(meeting, item, party, 1, PositionKind.Disagree, "For dyrt for sykehuset.", nothingSeen)));

        Assert.Single(results, r => r is null);
        var refusal = Assert.Single(results, r => r is not null);
        Assert.Contains("Noen andre registrerte nettopp et standpunkt for Sykehuset Innlandet HF", refusal);
        await using var db = Database.NewContext();
        var standing = await db.Cases.SelectMany(c => c.Treatments).Where(t => t.MeetingId == meeting)
            .SelectMany(t => t.Positions).Where(p => p.PartyId == party).ToListAsync();
        Assert.Single(standing);
    }

    [Fact]
    public async Task Every_party_registering_at_the_same_moment_has_its_position_recorded_and_none_is_asked_to_try_again()
    {
        // Each registration changes the same case. On PostgreSQL no gate keeps the saves apart, so all but one find the
        // case changed since they read it; they are run again on what is there now, not refused.
        var (meeting, item) = await MeetingWithDecisionCaseOpen();
        await As("mari.hovde");
        var parties = new List<Guid>();
        foreach (var (_, party) in EveryParty) parties.Add(await Party(party));

        var refusals = await Task.WhenAll(parties.Select(party => Task.Run(() =>
            Attempt(() => Work.RegisterPositionAsync(meeting, item, party, 1, PositionKind.Agree, null, new SeenPosition(null))))));

        Assert.All(refusals, Assert.Null);
        Assert.StartsWith("8 av 8 parter enige", (await Snapshot(meeting)).Current!.TallySummary);
        await using var db = Database.NewContext();
        Assert.Equal(8, await db.Cases.SelectMany(c => c.Treatments).Where(t => t.MeetingId == meeting).SelectMany(t => t.Positions).CountAsync());
    }

    [Fact]
    public async Task Remarks_and_absence_reports_made_at_the_same_moment_are_all_recorded_and_none_is_asked_to_try_again()
    {
        // Each one changes the same meeting. On SQLite the write gate keeps the saves apart; on PostgreSQL (two app
        // servers) the meeting's commands take turns in the database, or all but one would find the meeting changed.
        var (meeting, item) = await MeetingWithDecisionCaseOpen();
        await As("mari.hovde");
        var absent = await PersonOf("ola.grindvold");

        var refusals = await Task.WhenAll(Enumerable.Range(1, 7)
            .Select(i => Task.Run(() => Attempt(() => Work.AddRemarkAsync(meeting, item, $"Samtidig merknad {i}"))))
            .Append(Task.Run(() => Attempt(() => Work.ReportAbsenceAsync(meeting, absent, "Syk")))));

        Assert.All(refusals, Assert.Null);
        await using var db = Database.NewContext();
        Assert.Equal(7, await db.Set<MeetingRemark>().CountAsync(r => r.Text.StartsWith("Samtidig merknad ")));
        Assert.Equal(AttendanceStatus.Absent, (await Snapshot(meeting)).Attendance.Single(a => a.PersonId == absent).Status);
    }

    /// <summary>Deliveries run on the thread pool; wait for them, briefly.</summary>
    private static async Task Until(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++) await Task.Delay(10);
        Assert.True(condition());
    }

    private static async Task<string?> Attempt(Func<Task> command)
    {
        try { await command(); return null; }
        catch (DomainException e) { return e.Message; }
    }

    [Fact]
    public async Task The_decision_is_binding_only_when_every_party_agrees_and_the_chair_closes_it_once()
    {
        var (meeting, item) = await MeetingWithDecisionCaseOpen();
        foreach (var (user, party) in EveryParty.SkipLast(1)) await Register(meeting, item, user, party);
        Assert.StartsWith("7 av 8 parter enige – venter på Sykehuset Innlandet HF", (await Snapshot(meeting)).Current!.TallySummary);
        Assert.Equal(Outcome.NoConsensus, (await Snapshot(meeting)).Current!.Outcome);

        await Register(meeting, item, "kjersti.haug", "Sykehuset Innlandet HF");
        await As("torstein.vik");
        await Work.CloseItemAsync(meeting, item, new ItemClosing());
        var closed = (await Snapshot(meeting)).Current!;
        Assert.Equal(Outcome.Binding, closed.Outcome);
        Assert.Equal("Bindende vedtak", (await Snapshot(meeting)).Agenda.Single(a => a.ItemId == item).OutcomeLabel);

        var twice = await Assert.ThrowsAsync<DomainException>(() => Work.CloseItemAsync(meeting, item, new ItemClosing()));
        Assert.Contains("allerede avsluttet", twice.Message);
        var late = await Assert.ThrowsAsync<DomainException>(() => Register(meeting, item, "kjersti.haug", "Sykehuset Innlandet HF", PositionKind.Disagree, "Likevel uenig."));
        Assert.Contains("avsluttet", late.Message);
    }

    [Fact]
    public async Task Only_the_chair_closes_a_case_and_without_consensus_chooses_what_happens_next()
    {
        var (meeting, item) = await MeetingWithDecisionCaseOpen();
        await Register(meeting, item, "kjersti.haug", "Sykehuset Innlandet HF", PositionKind.Disagree, "Kostnadene er ikke avklart.");

        await As("mari.hovde");
        var secretariat = await Assert.ThrowsAsync<DomainException>(() => Work.CloseItemAsync(meeting, item, new ItemClosing()));
        Assert.Contains("Bare lederen eller nestlederen i SSU", secretariat.Message);
        await As("torstein.vik");
        var noStep = await Assert.ThrowsAsync<DomainException>(() => Work.CloseItemAsync(meeting, item, new ItemClosing()));
        Assert.Contains("Velg hva som skjer videre", noStep.Message);
        await Work.CloseItemAsync(meeting, item, new ItemClosing(NextStep.LaterMeeting));

        var current = (await Snapshot(meeting)).Current!;
        Assert.Equal(Outcome.NoConsensus, current.Outcome);
        Assert.Equal(NextStep.LaterMeeting, current.NextStep);
        await using var db = Database.NewContext();
        var @case = await db.Cases.WithRecord().SingleAsync(c => c.Id == current.CaseId);
        Assert.True(@case.IsReadyForAgendaOf(@case.LatestTreatment!.BodyId));
    }

    [Fact]
    public async Task Amending_the_wording_voids_the_positions_and_a_position_on_the_old_wording_is_refused()
    {
        var (meeting, item) = await MeetingWithDecisionCaseOpen();
        await Register(meeting, item, "kjersti.haug", "Sykehuset Innlandet HF");
        await As("torstein.vik");
        await Work.AmendWordingAsync(meeting, item, "SSU slutter seg til planen for 2027–2028, med evaluering etter ett år.");

        var current = (await Snapshot(meeting)).Current!;
        Assert.Equal(2, current.WordingVersion);
        Assert.All(current.Board, r => Assert.Null(r.Kind));
        Assert.Equal("Sykehuset Innlandet HF", Assert.Single(current.Voided).PartyName);

        await As("kjersti.haug");
        var hospital = await Party("Sykehuset Innlandet HF");
        var old = await Assert.ThrowsAsync<DomainException>(() => Work.RegisterPositionAsync(meeting, item,
            hospital, 1, PositionKind.Agree, null, new SeenPosition(null)));
        Assert.Contains("ordlyden er endret", old.Message);
    }

    [Fact]
    public async Task A_member_who_reported_absence_is_replaced_by_the_called_in_substitute_and_others_are_refused()
    {
        var (meeting, item) = await MeetingWithDecisionCaseOpen();
        var absent = await Assert.ThrowsAsync<DomainException>(() => Register(meeting, item, "siri.braaten", "Helseregion Valdres"));
        Assert.Contains("meldt forfall", absent.Message);
        var notCalled = await Assert.ThrowsAsync<DomainException>(() => Register(meeting, item, "randi.sund", "Sykehuset Innlandet HF"));
        Assert.Contains("ikke kalt inn", notCalled.Message);
        await Register(meeting, item, "ola.grindvold", "Helseregion Valdres");
        Assert.Equal("Ola Grindvold", (await Snapshot(meeting)).Current!.RowFor(await Party("Helseregion Valdres"))!.RegisteredBy);
    }

    [Fact]
    public async Task The_secretariat_records_all_called_present_at_once_keeping_reported_absence_and_others_are_refused()
    {
        var meeting = await DecemberMeeting();
        await As("marte.kvaale");
        await Work.ReportAbsenceAsync(meeting, null, "Kurs");
        await Assert.ThrowsAsync<DomainException>(() => Work.RecordAllCalledPresentAsync(meeting));

        await As("mari.hovde");
        await Work.RecordAllCalledPresentAsync(meeting);

        var attendance = (await Snapshot(meeting)).Attendance;
        Assert.Contains(attendance, a => a is { Name: "Marte Kvaale", Status: AttendanceStatus.Absent, AbsenceReason: "Kurs" });
        Assert.All(attendance.Where(a => a.Status != AttendanceStatus.Absent), a => Assert.Equal(AttendanceStatus.Present, a.Status));
        Assert.Contains(attendance, a => a.Status == AttendanceStatus.Present);
        await using var db = Database.NewContext();
        // One command, audited as one: every attendance it changed carries the same action.
        Assert.NotEmpty(await db.AuditRecords.Where(r => r.Action.StartsWith("Alle innkalte registrert til stede")).ToListAsync());
    }

    [Fact]
    public async Task Participants_add_remarks_for_the_minutes_and_observers_cannot()
    {
        var (meeting, item) = await MeetingWithDecisionCaseOpen();
        await As("perolav.nes");
        await Work.AddRemarkAsync(meeting, item, "Fastlegene må få planen før den trer i kraft.");
        await As("liv.aune");
        var observer = await Assert.ThrowsAsync<DomainException>(() => Work.AddRemarkAsync(meeting, item, "Statsforvalteren merker seg saken."));
        Assert.Contains("Bare medlemmer, deltakere og sekretariatet", observer.Message);
        var remark = Assert.Single((await Snapshot(meeting)).Current!.Remarks);
        Assert.Equal("Per Olav Nes", remark.PersonName);
    }

    [Fact]
    public async Task Only_cases_put_forward_to_the_body_go_on_its_agenda_and_only_on_one_open_agenda()
    {
        var meeting = await DecemberMeeting();
        await As("mari.hovde");
        await using var db = Database.NewContext();
        var draft = await db.Cases.WithRecord().FirstAsync(c => c.Year == null);
        var refused = await Assert.ThrowsAsync<DomainException>(() => Work.AddCaseAsync(meeting, draft.Id));
        Assert.Contains("er ikke lagt fram for SSU", refused.Message);
        Assert.Empty(await Service<MeetingQueries>().AgendaCandidatesAsync(meeting));

        var onAgenda = (await Snapshot(meeting)).Agenda.First(a => a.CaseId is not null);
        var newMeeting = await Work.ScheduleAsync(new MeetingInput(await Body("SSU"), new DateOnly(2027, 2, 3), new TimeOnly(9, 0),
            TimeSpan.FromHours(3), "Hamar rådhus", null));
        var twice = await Assert.ThrowsAsync<DomainException>(() => Work.AddCaseAsync(newMeeting, onAgenda.CaseId!.Value));
        Assert.Contains("står allerede på sakslisten til et annet møte", twice.Message);
    }

    [Fact]
    public async Task The_minutes_are_written_after_the_meeting_and_locked_once_approved()
    {
        var (meeting, item) = await MeetingWithDecisionCaseOpen();
        foreach (var (user, party) in EveryParty) await Register(meeting, item, user, party);
        await As("torstein.vik");
        await Work.CloseItemAsync(meeting, item, new ItemClosing());
        await Work.CloseMeetingAsync(meeting);

        await As("mari.hovde");
        await Work.WriteMinutesAsync(meeting, item, "Utvalget drøftet kostnadsfordelingen.");
        await As("torstein.vik");
        var chairWrites = await Assert.ThrowsAsync<DomainException>(() => Work.WriteMinutesAsync(meeting, null, "Lederens tekst"));
        Assert.Contains("Bare sekretariatet kan skrive protokollen", chairWrites.Message);
        await Work.ApproveMinutesAsync(meeting);
        await As("mari.hovde");
        var locked = await Assert.ThrowsAsync<DomainException>(() => Work.WriteMinutesAsync(meeting, item, "Endret etterpå"));
        Assert.Contains("godkjent og låst", locked.Message);
        Assert.Equal(MeetingStatus.MinutesApproved, (await Snapshot(meeting)).Status);
    }

    [Fact]
    public async Task A_case_under_treatment_in_a_meeting_takes_positions_in_the_meeting_only()
    {
        var (meeting, item) = await MeetingWithDecisionCaseOpen();
        var snapshot = await Snapshot(meeting);
        await As("siri.braaten");
        var valdres = await Party("Helseregion Valdres");
        var outside = await Assert.ThrowsAsync<DomainException>(() => Service<Helsefellesskap.App.Features.Cases.CaseWork>().RegisterPositionAsync(
            snapshot.Current!.CaseId!.Value, snapshot.Current.TreatmentId!.Value, valdres, 1, PositionKind.Agree, null));
        Assert.Contains("Saken behandles i et møte i SSU", outside.Message);
    }

    [Fact]
    public async Task A_second_hospital_member_sees_who_gave_the_hospitals_position_and_must_confirm_replacing_it()
    {
        var (meeting, item) = await MeetingWithDecisionCaseOpen();
        await Register(meeting, item, "kjersti.haug", "Sykehuset Innlandet HF");
        var hospital = await Party("Sykehuset Innlandet HF");
        var shown = (await Snapshot(meeting)).Current!.RowFor(hospital)!;
        Assert.Equal("Kjersti Haug", shown.RegisteredBy);

        await As("morten.berg");
        var refused = await Assert.ThrowsAsync<DomainException>(() => Work.RegisterPositionAsync(meeting, item, hospital, 1,
            PositionKind.Disagree, "Kostnadene er ikke avklart.", new SeenPosition(shown.PositionId)));
        Assert.Equal($"Sykehuset Innlandet HF har allerede standpunkt «Enig», registrert av Kjersti Haug kl. {shown.At!.Value.Format("HH:mm")}. " +
            "Bekreft at du vil erstatte det.", refused.Message);
        Assert.Equal("Kjersti Haug", (await Snapshot(meeting)).Current!.RowFor(hospital)!.RegisteredBy);

        await Work.RegisterPositionAsync(meeting, item, hospital, 1, PositionKind.Disagree, "Kostnadene er ikke avklart.",
            new SeenPosition(shown.PositionId, ConfirmsReplacing: true));
        var row = (await Snapshot(meeting)).Current!.RowFor(hospital)!;
        Assert.Equal(("Morten Berg", PositionKind.Disagree), (row.RegisteredBy, row.Kind));
        // Kjersti changes her own party's position again: Morten gave the current one, so she confirms too.
        await As("kjersti.haug");
        await Assert.ThrowsAsync<DomainException>(() => Register(meeting, item, "kjersti.haug", "Sykehuset Innlandet HF"));
        await using var db = Database.NewContext();
        var history = await db.Cases.SelectMany(c => c.Treatments).Where(t => t.MeetingId == meeting)
            .SelectMany(t => t.Positions).Where(p => p.PartyId == hospital).ToListAsync();
        Assert.Equal(2, history.Count);
        Assert.Single(history, p => p.IsReplaced);
    }

    [Fact]
    public async Task The_ssu_chair_leads_the_meeting_but_gives_no_health_regions_position()
    {
        var (meeting, item) = await MeetingWithDecisionCaseOpen();
        var refused = await Assert.ThrowsAsync<DomainException>(() => Register(meeting, item, "torstein.vik", "Helseregion Gjøvik og Hadeland"));
        Assert.Equal("Du representerer ikke Helseregion Gjøvik og Hadeland i SSU og kan ikke gi standpunkt for den parten.", refused.Message);
        // His seat adds no party: the seven regions and the hospital must agree, as before.
        Assert.Equal(8, (await Snapshot(meeting)).Current!.Required);
        Assert.Empty(PartiesIn(await Service<MeetingQueries>().RightsAsync((await Snapshot(meeting)).BodyId), await Snapshot(meeting)));
        await Register(meeting, item, "hilde.moen", "Helseregion Gjøvik og Hadeland");
        await As("torstein.vik");
        await Work.AmendWordingAsync(meeting, item, "SSU slutter seg til planen for 2027–2028, med evaluering etter ett år.");
    }

    [Fact]
    public async Task Without_consensus_sent_to_the_partnership_meeting_the_case_is_ready_for_its_agenda()
    {
        var (meeting, item) = await MeetingWithDecisionCaseOpen();
        await Register(meeting, item, "kjersti.haug", "Sykehuset Innlandet HF", PositionKind.Disagree, "Kostnadene er ikke avklart.");
        await As("torstein.vik");
        await Work.CloseItemAsync(meeting, item, new ItemClosing(NextStep.UpToPartnershipMeeting));

        var caseId = (await Snapshot(meeting)).Current!.CaseId!.Value;
        var ready = await Service<Helsefellesskap.App.Features.Cases.CaseRegister>().ReadyForAgendaAsync();
        Assert.Equal("PM", Assert.Single(ready, r => r.CaseId == caseId).BodyShortName);
        await As("mari.hovde");
        var pmMeeting = await Work.ScheduleAsync(new MeetingInput(await Body("PM"), new DateOnly(2027, 8, 26), new TimeOnly(9, 0),
            TimeSpan.FromHours(5), "Scandic Hamar", null));
        Assert.Contains(await Service<MeetingQueries>().AgendaCandidatesAsync(pmMeeting), c => c.CaseId == caseId);
        await Work.AddCaseAsync(pmMeeting, caseId);
    }

    [Fact]
    public async Task Without_consensus_sent_back_to_the_working_committee_the_case_is_ready_for_it_again()
    {
        var (meeting, item) = await MeetingWithDecisionCaseOpen();
        await Register(meeting, item, "kjersti.haug", "Sykehuset Innlandet HF", PositionKind.Disagree, "Kostnadene er ikke avklart.");
        await As("torstein.vik");
        await Work.CloseItemAsync(meeting, item, new ItemClosing(NextStep.BackToWorkingCommittee));

        var caseId = (await Snapshot(meeting)).Current!.CaseId!.Value;
        var ready = await Service<Helsefellesskap.App.Features.Cases.CaseRegister>().ReadyForAgendaAsync();
        Assert.Equal("AU", Assert.Single(ready, r => r.CaseId == caseId).BodyShortName);
    }

    [Fact]
    public async Task A_position_in_the_meeting_reaches_every_page_showing_the_case()
    {
        var (meeting, item) = await MeetingWithDecisionCaseOpen();
        var caseId = (await Snapshot(meeting)).Current!.CaseId!.Value;
        var told = 0;
        using var page = Service<Helsefellesskap.App.Features.Cases.CaseNotifier>().Subscribe(caseId, () => { Interlocked.Increment(ref told); return Task.CompletedTask; });

        await Register(meeting, item, "kjersti.haug", "Sykehuset Innlandet HF");

        await Until(() => told == 1);
    }

    [Fact]
    public async Task The_same_submission_twice_schedules_one_meeting()
    {
        await As("mari.hovde");
        var ssu = await Body("SSU");
        var key = Guid.CreateVersion7();
        var input = new MeetingInput(ssu, new DateOnly(2026, 12, 14), new TimeOnly(9, 0), TimeSpan.FromHours(3), "Hamar", null, key);
        await using var before = Database.NewContext();
        var count = await before.Meetings.CountAsync();

        var ids = await Task.WhenAll(Work.ScheduleAsync(input), Work.ScheduleAsync(input));

        Assert.Equal([key, key], ids);
        await using var after = Database.NewContext();
        Assert.Equal(count + 1, await after.Meetings.CountAsync());
    }

    [Fact]
    public async Task The_same_remark_submission_twice_records_one_remark()
    {
        var (meeting, item) = await MeetingWithDecisionCaseOpen();
        await As("perolav.nes");
        var key = Guid.CreateVersion7();

        await Task.WhenAll(Work.AddRemarkAsync(meeting, item, "Fastlegene må få planen.", key),
            Work.AddRemarkAsync(meeting, item, "Fastlegene må få planen.", key));

        Assert.Single((await Snapshot(meeting)).Current!.Remarks);
        await Work.AddRemarkAsync(meeting, item, "Fastlegene må få planen.", Guid.CreateVersion7());
        Assert.Equal(2, (await Snapshot(meeting)).Current!.Remarks.Count);
    }

    /// <summary>The parties the screen offers this user's own position form for, as the attendance stands.</summary>
    private static IReadOnlyList<Guid> PartiesIn(MeetingRights rights, MeetingSnapshot snapshot) =>
        rights.Actor.OwnPartiesInMeeting(snapshot.BodyId, rights.Today, snapshot.PresenceOf(rights.PersonId));
}
