using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features.Cases;
using Helsefellesskap.App.Features.Email;
using Helsefellesskap.App.Features.Meetings;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Meetings;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.Tests.Meetings;

/// <summary>
/// The outbox worker is woken by the commands that wrote mail, not by every meeting command: a meeting's busiest
/// commands (opening items, registering positions) would otherwise send it to the database for nothing each time.
/// </summary>
public sealed class OutboxWakeSpecs(DemoDatabaseTemplate template) : ServiceSpec(template)
{
    private MeetingWork Work => Service<MeetingWork>();
    private long Wakes => Service<OutboxSignal>().Notifications;

    private async Task<int> MailCount()
    {
        await using var db = Database.NewContext();
        return await db.Set<OutboxMessage>().CountAsync();
    }

    [Fact]
    public async Task Opening_a_meeting_and_an_item_and_registering_a_position_do_not_wake_the_outbox_worker()
    {
        Guid meeting;
        await using (var db = Database.NewContext())
            meeting = await db.Meetings.Where(m => m.Status == MeetingStatus.NoticeSent).Select(m => m.Id).SingleAsync();
        var before = Wakes;
        await As("torstein.vik");
        await Work.OpenMeetingAsync(meeting);
        var item = (await Work.SnapshotAsync(meeting))!.Agenda.Single(a => a.Title == "Felles plan for digital hjemmeoppfølging").ItemId;
        await Work.OpenItemAsync(meeting, item);
        await As("kjersti.haug");
        await Work.RegisterPositionAsync(meeting, item, await Party("Sykehuset Innlandet HF"), 1, PositionKind.Agree, null, null);

        Assert.Equal(PositionKind.Agree, (await Work.SnapshotAsync(meeting))!.Current!.Board
            .Single(r => r.PartyName == "Sykehuset Innlandet HF").Kind);
        Assert.Equal(before, Wakes);
    }

    [Fact]
    public async Task Sending_the_notice_writes_mail_and_wakes_the_outbox_worker_once()
    {
        await As("mari.hovde");
        var ssu = await Body("SSU");
        var cases = Service<CaseWork>();
        var caseId = await cases.CreateDraftAsync(new("Felles rutine for legemiddelsamstemming", CaseType.Decision, false, CaseTag.None, ssu, null,
            "Bakgrunn.", "Vurdering.", "SSU vedtar rutinen."));
        await cases.RegisterAsync(caseId);
        var meeting = await Work.ScheduleAsync(new MeetingInput(ssu, new DateOnly(2026, 12, 8), new TimeOnly(9, 0), TimeSpan.FromHours(3),
            "Hamar rådhus", null));
        await Work.AddCaseAsync(meeting, caseId);
        var before = Wakes;
        var mail = await MailCount();

        await Work.SendNoticeAsync(meeting);

        Assert.True(await MailCount() > mail);
        Assert.Equal(before + 1, Wakes);
    }
}
