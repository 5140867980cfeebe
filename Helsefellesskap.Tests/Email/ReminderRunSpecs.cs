using Helsefellesskap.App;
using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features.Administration;
using Helsefellesskap.App.Features.Cases;
using Helsefellesskap.App.Features.Email;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Tests.Email;

/// <summary>
/// The reminder run on the seeded record, driven by the clock: what is due when, once only, one digest a day, and a
/// restart between two runs that neither sends twice nor drops anything.
/// </summary>
public sealed class ReminderRunSpecs : ServiceSpec
{
    private const string Title = "Felles rutine for samhandling om ernæring";
    private readonly SmtpSink smtp;

    public ReminderRunSpecs(DemoDatabaseTemplate template) : this(template, SmtpSink.OnFreePort()) { }

    private ReminderRunSpecs(DemoDatabaseTemplate template, SmtpSink sink) : base(template, services => UseSmtp(services, sink)) => smtp = sink;

    private static void UseSmtp(IServiceCollection services, SmtpSink sink) =>
        services.Configure<EmailOptions>(o => { o.Smtp.Host = "127.0.0.1"; o.Smtp.Port = sink.Port; o.Smtp.UseTls = false; });

    private static DateTimeOffset Morning(int year, int month, int day) => OsloTime.At(new DateOnly(year, month, day), 7);

    /// <summary>A case sent to AU for preparation; AU next meets on 13 January 2027 (the demo's planned meeting).</summary>
    private async Task<Guid> CaseWaitingInAu()
    {
        await As("mari.hovde");
        var cases = Service<CaseWork>();
        var id = await cases.CreateDraftAsync(new(Title, CaseType.Decision, false, CaseTag.FrailElderly, await Body("SSU"), null, "B.", "V.", "F."));
        await cases.RegisterAsync(id);
        await cases.SendForPreparationAsync(id, await Body("AU"));
        return id;
    }

    [Fact]
    public async Task A_reminder_never_carries_the_title_of_a_case_exempt_from_publication()
    {
        var id = await CaseWaitingInAu();
        await Service<CaseWork>().SetPublicationAsync(id, exempt: true, "offl. § 13");
        ((FixedClock)Service<TimeProvider>()).Now = Morning(2027, 1, 6);

        Assert.True(await Service<ReminderRun>().RunAsync() > 0);

        var digests = await Digests();
        Assert.DoesNotContain(digests, d => d.Body.Contains(Title));
        Assert.Contains(digests, d => d.Body.Contains("Unntatt offentlighet, offl. § 13") && d.Body.Contains("har ikke gitt standpunkt i AU"));
    }

    private async Task<List<OutboxMessage>> Digests()
    {
        await using var db = Database.NewContext();
        return (await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Kind == MailKind.Reminders).ToListAsync()).OrderBy(m => m.Key).ToList();
    }

    [Fact]
    public async Task A_missing_position_is_reminded_seven_days_before_the_bodys_meeting_once_in_one_digest_per_person_and_a_restart_sends_nothing_twice()
    {
        await CaseWaitingInAu();
        var clock = (FixedClock)Service<TimeProvider>();

        // Eight days before AU meets: not due yet.
        clock.Now = Morning(2027, 1, 5);
        await Service<ReminderRun>().RunAsync();
        Assert.DoesNotContain(await Digests(), d => d.Body.Contains(Title));

        // Seven days before: due, for each AU member whose party has not spoken, once, in that day's one digest.
        clock.Now = Morning(2027, 1, 6);
        var written = await Service<ReminderRun>().RunAsync();
        Assert.Equal(0, await Service<ReminderRun>().RunAsync());
        var digests = await Digests();
        Assert.Equal(digests.Count, digests.Select(d => d.Key).Distinct().Count());
        var reminded = digests.Where(d => d.Body.Contains(Title) && d.Key.EndsWith("2027-01-06")).Select(d => d.ToAddress).Order().ToList();
        Assert.Equal(["geir.lien@eksempel.no", "knut.ellingsen@eksempel.no", "mari.hovde@eksempel.no", "perolav.nes@eksempel.no"], reminded);
        Assert.All(digests.GroupBy(d => (d.PersonId, d.Key[^10..])), day => Assert.Single(day));

        // The app restarts before the worker sends; then a run the same day writes nothing and every digest goes once.
        await using (var restarted = TestServices.Build(Database.Path, services => UseSmtp(services, smtp)))
        {
            ((FixedClock)restarted.GetRequiredService<TimeProvider>()).Now = Morning(2027, 1, 6);
            Assert.Equal(0, await restarted.GetRequiredService<ReminderRun>().RunAsync());
            await smtp.StartAsync();
            Assert.Equal(digests.Count, await restarted.GetRequiredService<OutboxDispatcher>().SendDueAsync());
        }
        Assert.True(written > 0);
        var knut = (await smtp.WaitForAsync(m => m.To.Mailboxes.Single().Address == "knut.ellingsen@eksempel.no" && m.TextBody.Contains(Title), 1)).Single();
        Assert.StartsWith("Påminnelse:", knut.Subject);
        Assert.Contains("har ikke gitt standpunkt i AU", knut.TextBody);
        Assert.Contains("/mitt-arbeid", knut.TextBody);
        Assert.Equal(digests.Count, smtp.Received.Count);

        // The next day nothing new is due for the case: it was reminded at seven days, and one day is yet to come.
        clock.Now = Morning(2027, 1, 7);
        await Service<ReminderRun>().RunAsync();
        Assert.DoesNotContain(await Digests(), d => d.Body.Contains(Title) && d.Key.EndsWith("2027-01-07"));
        clock.Now = Morning(2027, 1, 12);
        await Service<ReminderRun>().RunAsync();
        Assert.Contains(await Digests(), d => d.Body.Contains(Title) && d.Key.EndsWith("2027-01-12") && d.ToAddress == "knut.ellingsen@eksempel.no");
    }

    [Fact]
    public async Task A_person_who_turned_reminders_off_gets_none()
    {
        await CaseWaitingInAu();
        await As("admin");
        await using (var db = Database.NewContext())
        {
            var knut = await db.People.SingleAsync(p => p.Email == "knut.ellingsen@eksempel.no");
            await Service<UserAdministration>().UpdatePersonAsync(knut.Id, knut.Name, knut.Title, knut.Email, wantsReminders: false);
        }
        ((FixedClock)Service<TimeProvider>()).Now = Morning(2027, 1, 6);

        await Service<ReminderRun>().RunAsync();

        var digests = await Digests();
        Assert.Contains(digests, d => d.ToAddress == "perolav.nes@eksempel.no" && d.Body.Contains(Title));
        Assert.DoesNotContain(digests, d => d.ToAddress == "knut.ellingsen@eksempel.no");
    }

    [Fact]
    public async Task A_late_ratification_reminds_the_municipalitys_contact_the_day_after_its_deadline()
    {
        var clock = (FixedClock)Service<TimeProvider>();
        await using (var db = Database.NewContext())
        {
            var tolga = await db.Parties.SingleAsync(p => p.Name == "Tolga");
            // Tolga's earliest open deadline: the day after it, that ratification is late.
            var deadline = (await db.Cases.WithRecord().ToListAsync()).SelectMany(c => c.Treatments).SelectMany(t => t.Ratifications)
                .Where(r => r.PartyId == tolga.Id && !r.IsSettled && r.Deadline is not null).Min(r => r.Deadline!.Value);
            clock.Now = OsloTime.At(deadline.AddDays(1), 7);
        }

        await Service<ReminderRun>().RunAsync();

        var tolgas = Assert.Single(await Digests(), d => d.ToAddress == "kd.tolga@eksempel.no");
        Assert.Contains("Lokal forankring for Tolga", tolgas.Body);
    }
}
