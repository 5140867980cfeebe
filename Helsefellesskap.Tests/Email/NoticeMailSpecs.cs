using Helsefellesskap.App;
using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features.Cases;
using Helsefellesskap.App.Features.Email;
using Helsefellesskap.App.Features.Meetings;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Meetings;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Helsefellesskap.Tests.Email;

/// <summary>
/// The notice and its updates through the outbox to a real SMTP server on the loopback: what arrives, to whom, with
/// which invitation, and that an outage or a restart neither loses nor doubles a message.
/// </summary>
public sealed class NoticeMailSpecs : ServiceSpec
{
    private static readonly TimeZoneInfo Oslo = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");
    private readonly SmtpSink smtp;

    public NoticeMailSpecs(DemoDatabaseTemplate template) : this(template, SmtpSink.OnFreePort()) { }

    private NoticeMailSpecs(DemoDatabaseTemplate template, SmtpSink sink) : base(template, services => UseSmtp(services, sink)) => smtp = sink;

    private static void UseSmtp(IServiceCollection services, SmtpSink sink) =>
        services.Configure<EmailOptions>(o =>
        {
            o.Smtp.Host = "127.0.0.1";
            o.Smtp.Port = sink.Port;
            o.Smtp.UseTls = false;
            o.AppUrl = "https://hf.eksempel.no";
        });

    private MeetingWork Meetings => Service<MeetingWork>();
    private FixedClock Clock => (FixedClock)Service<TimeProvider>();

    /// <summary>A new SSU meeting on 8 December 2026 at 09:00 with one registered case on its agenda, not yet noticed.</summary>
    private async Task<(Guid Meeting, string CaseNumber)> PlannedMeeting(string title = "Felles rutine for legemiddelsamstemming")
    {
        await As("mari.hovde");
        var ssu = await Body("SSU");
        var cases = Service<CaseWork>();
        var caseId = await cases.CreateDraftAsync(new(title, CaseType.Decision, false, CaseTag.None, ssu, null, "Bakgrunn.", "Vurdering.", "SSU vedtar rutinen."));
        await cases.RegisterAsync(caseId);
        var meeting = await Meetings.ScheduleAsync(new MeetingInput(ssu, new DateOnly(2026, 12, 8), new TimeOnly(9, 0), TimeSpan.FromHours(3),
            "Hamar rådhus", "https://video.eksempel.no/ssu"));
        await Meetings.AddCaseAsync(meeting, caseId);
        await using var db = Database.NewContext();
        var number = (await db.Cases.AsNoTracking().WithRecord().SingleAsync(c => c.Id == caseId)).Number!.ToString()!;
        return (meeting, number);
    }

    private async Task<List<string>> CalledAddresses(Guid meetingId)
    {
        await using var db = Database.NewContext();
        var meeting = await db.Meetings.AsNoTracking().SingleAsync(m => m.Id == meetingId);
        var ids = meeting.Attendance.Select(a => a.PersonId).ToList();
        return (await db.People.AsNoTracking().Where(p => ids.Contains(p.Id) && p.Email != null).Select(p => p.Email!).ToListAsync()).Order().ToList();
    }

    private static Ical.Net.Calendar Invitation(MimeMessage message)
    {
        var part = message.BodyParts.OfType<TextPart>().Single(p => p.ContentType.MimeType == "text/calendar");
        return Ical.Net.Calendar.Load(part.Text)!;
    }

    private static DateTime OsloStart(Ical.Net.Calendar calendar) =>
        TimeZoneInfo.ConvertTimeFromUtc(calendar.Events.Single().DtStart!.AsUtc, Oslo);

    private static List<string> Recipients(IEnumerable<MimeMessage> messages) =>
        messages.SelectMany(m => m.To.Mailboxes.Select(a => a.Address)).Order().ToList();

    [Fact]
    public async Task The_notice_mails_everyone_called_once_with_the_agenda_and_an_invitation_at_the_right_time_in_Oslo()
    {
        await smtp.StartAsync();
        var (meeting, caseNumber) = await PlannedMeeting();

        await Meetings.SendNoticeAsync(meeting);
        await Service<OutboxDispatcher>().SendDueAsync();
        await Service<OutboxDispatcher>().SendDueAsync();

        var called = await CalledAddresses(meeting);
        Assert.True(called.Count > 20);
        var received = await smtp.WaitForAsync(m => m.Subject.StartsWith("Innkalling: møte i SSU"), called.Count);
        Assert.Equal(called, Recipients(received));
        var hilde = received.Single(m => m.To.Mailboxes.Single().Address == "hilde.moen@eksempel.no");
        Assert.Equal("Innkalling: møte i SSU 8. desember 2026 kl. 09:00", hilde.Subject);
        Assert.Contains("Tid: tirsdag 8. desember 2026 kl. 09:00–12:00", hilde.TextBody);
        Assert.Contains("Sted: Hamar rådhus", hilde.TextBody);
        Assert.Contains("Videolenke: https://video.eksempel.no/ssu", hilde.TextBody);
        Assert.Contains($"3. {caseNumber} Felles rutine for legemiddelsamstemming", hilde.TextBody);
        Assert.Contains($"https://hf.eksempel.no/moter/{meeting}/innkalling", hilde.TextBody);
        var attachment = Assert.Single(hilde.Attachments);
        Assert.Equal("innkalling.ics", attachment.ContentDisposition.FileName);
        var calendar = Invitation(hilde);
        Assert.Equal("REQUEST", calendar.Method);
        Assert.Equal(MeetingCalendar.Uid(meeting), calendar.Events.Single().Uid);
        Assert.Equal(0, calendar.Events.Single().Sequence);
        Assert.Equal(new DateTime(2026, 12, 8, 9, 0, 0), OsloStart(calendar));
    }

    [Fact]
    public async Task A_changed_time_sends_an_update_with_the_same_uid_and_a_higher_sequence_and_a_cancellation_removes_it()
    {
        await smtp.StartAsync();
        var (meeting, _) = await PlannedMeeting();
        await Meetings.SendNoticeAsync(meeting);

        await Meetings.RescheduleAsync(meeting, new DateOnly(2026, 12, 9), new TimeOnly(13, 30), TimeSpan.FromHours(2), "Gjøvik rådhus", null);
        await Service<OutboxDispatcher>().SendDueAsync();
        await Meetings.CancelAsync(meeting);
        await Service<OutboxDispatcher>().SendDueAsync();

        var called = (await CalledAddresses(meeting)).Count;
        var update = (await smtp.WaitForAsync(m => m.Subject.StartsWith("Endret innkalling"), called))
            .Single(m => m.To.Mailboxes.Single().Address == "hilde.moen@eksempel.no");
        Assert.Equal("Endret innkalling: møte i SSU 9. desember 2026 kl. 13:30", update.Subject);
        Assert.Contains("Sted: Gjøvik rådhus", update.TextBody);
        var updated = Invitation(update);
        Assert.Equal((MeetingCalendar.Uid(meeting), 1), (updated.Events.Single().Uid, updated.Events.Single().Sequence));
        Assert.Equal(new DateTime(2026, 12, 9, 13, 30, 0), OsloStart(updated));
        var cancellation = (await smtp.WaitForAsync(m => m.Subject.StartsWith("Avlyst"), called))
            .Single(m => m.To.Mailboxes.Single().Address == "hilde.moen@eksempel.no");
        var cancelled = Invitation(cancellation);
        Assert.Equal(("CANCEL", 2), (cancelled.Method, cancelled.Events.Single().Sequence));
        Assert.Equal(MeetingCalendar.Uid(meeting), cancelled.Events.Single().Uid);
        Assert.Equal(called * 3, smtp.Received.Count);
    }

    [Fact]
    public async Task An_smtp_outage_while_the_notice_is_sent_loses_nothing_and_after_a_restart_sends_every_message_exactly_once()
    {
        var (meeting, _) = await PlannedMeeting();
        await Meetings.SendNoticeAsync(meeting);
        var called = (await CalledAddresses(meeting)).Count;

        // The server is down: every attempt fails, and each message waits before the next.
        Assert.Equal(0, await Service<OutboxDispatcher>().SendDueAsync());
        await using (var db = Database.NewContext())
        {
            var rows = await db.Set<OutboxMessage>().AsNoTracking().ToListAsync();
            Assert.Equal(called, rows.Count);
            Assert.All(rows, r => Assert.Equal((1, null, Clock.Now + TimeSpan.FromSeconds(30)), (r.Attempts, r.SentAt, r.NextAttemptAt)));
            // The attempts are bookkeeping, not audited; the messages' creation is.
            Assert.Equal(called, await db.AuditRecords.CountAsync(r => r.EntityType == nameof(OutboxMessage)));
        }

        // The server comes up, and the app restarts (new services on the same file) before the next run.
        await smtp.StartAsync();
        Assert.Equal(0, await Service<OutboxDispatcher>().SendDueAsync());
        await using (var restarted = TestServices.Build(Database.Path, services => UseSmtp(services, smtp)))
        {
            var clock = (FixedClock)restarted.GetRequiredService<TimeProvider>();
            clock.Now = Clock.Now + TimeSpan.FromMinutes(1);
            Assert.Equal(called, await restarted.GetRequiredService<OutboxDispatcher>().SendDueAsync());
            Assert.Equal(0, await restarted.GetRequiredService<OutboxDispatcher>().SendDueAsync());
        }

        var received = await smtp.WaitForAsync(m => m.Subject.StartsWith("Innkalling"), called);
        Assert.Equal(called, received.Count);
        Assert.Equal(called, received.Select(m => m.To.Mailboxes.Single().Address).Distinct().Count());
        Assert.Equal(called, smtp.Received.Count);
    }

    [Fact]
    public async Task Sending_the_notice_again_without_a_change_to_the_meeting_never_mails_anyone_twice_for_the_same_revision()
    {
        await smtp.StartAsync();
        var (meeting, _) = await PlannedMeeting();
        await Meetings.SendNoticeAsync(meeting);
        await using var db = Database.NewContext();
        var first = await db.Set<OutboxMessage>().CountAsync();

        // The same event's messages, enqueued again, are refused by their keys.
        var stored = await db.Meetings.SingleAsync(m => m.Id == meeting);
        Assert.Equal(0, await MeetingMail.EnqueueNoticeAsync(db, stored, Service<Microsoft.Extensions.Options.IOptions<EmailOptions>>().Value, Clock.Now));
        Assert.Equal(first, await db.Set<OutboxMessage>().CountAsync());
    }

    [Fact]
    public async Task Without_an_smtp_host_the_mail_is_written_as_eml_files_beside_the_database()
    {
        await using var local = TestServices.Build(Database.Path);
        var options = local.GetRequiredService<Microsoft.Extensions.Options.IOptions<EmailOptions>>().Value;
        Assert.Null(options.Smtp.Host);
        var (meeting, _) = await PlannedMeeting();
        await Meetings.SendNoticeAsync(meeting);

        var sent = await local.GetRequiredService<OutboxDispatcher>().SendDueAsync();

        var folder = Path.Combine(local.GetRequiredService<DatabaseLocation>().Directory, "mail");
        var files = Directory.GetFiles(folder, "*.eml");
        Assert.Equal(sent, (await CalledAddresses(meeting)).Count);
        var hilde = files.Select(f => MimeMessage.Load(f)).Single(m => m.To.Mailboxes.Single().Address == "hilde.moen@eksempel.no"
            && m.Subject.StartsWith("Innkalling") && m.TextBody.Contains(meeting.ToString()));
        Assert.Single(hilde.Attachments);
    }

    [Fact]
    public async Task A_message_that_keeps_failing_waits_for_the_secretariat_who_sends_it_again()
    {
        var (meeting, _) = await PlannedMeeting();
        await Meetings.SendNoticeAsync(meeting);
        for (var attempt = 0; attempt < OutboxMessage.MaxAttempts; attempt++)
        {
            await Service<OutboxDispatcher>().SendDueAsync();
            Clock.Now += TimeSpan.FromHours(1);
        }
        await As("mari.hovde");
        var (failed, _) = await Service<Mailings>().ListAsync();
        var called = (await CalledAddresses(meeting)).Count;
        Assert.Equal(called, failed.Count);
        Assert.All(failed, m => Assert.Equal(MailState.Failed, m.State));
        Assert.Equal(0, await Service<OutboxDispatcher>().SendDueAsync());

        await smtp.StartAsync();
        var hilde = failed.Single(m => m.ToAddress == "hilde.moen@eksempel.no");
        await Service<Mailings>().SendAgainAsync(hilde.Id);
        Assert.Equal(1, await Service<OutboxDispatcher>().SendDueAsync());

        Assert.Equal("hilde.moen@eksempel.no", Assert.Single(smtp.Received).To.Mailboxes.Single().Address);
        await using var db = Database.NewContext();
        Assert.Equal("E-post til Hilde Moen sendt på nytt", (await db.AuditRecords.OrderByDescending(r => r.Sequence).FirstAsync()).Action);
    }

    [Fact]
    public async Task Approved_minutes_are_mailed_with_a_link_to_everyone_called_to_the_meeting()
    {
        await smtp.StartAsync();
        Guid meeting;
        await using (var db = Database.NewContext())
        {
            var au = await Body("AU");
            meeting = (await db.Meetings.AsNoTracking().Where(m => m.BodyId == au && m.Status == MeetingStatus.Closed).ToListAsync()).Single().Id;
        }
        await As("knut.ellingsen");

        await Meetings.ApproveMinutesAsync(meeting);
        await Service<OutboxDispatcher>().SendDueAsync();

        var called = await CalledAddresses(meeting);
        var received = await smtp.WaitForAsync(m => m.Subject.StartsWith("Protokoll godkjent: møte i AU"), called.Count);
        Assert.Equal(called, Recipients(received));
        var perOlav = received.Single(m => m.To.Mailboxes.Single().Address == "perolav.nes@eksempel.no");
        Assert.Equal("Protokoll godkjent: møte i AU 18. november 2026", perOlav.Subject);
        Assert.Contains($"https://hf.eksempel.no/moter/{meeting}/protokoll", perOlav.TextBody);
        Assert.Empty(perOlav.Attachments);
    }
}
