using System.Text;
using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features.MyWork;
using Helsefellesskap.Domain.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.App.Features.Email;

/// <summary>
/// Gathers what waits for whom, asks the domain (<see cref="ReminderRules"/>) which reminders are due today, and writes
/// one digest per person to the outbox, with a record of each reminder it holds, in one save. Run again the same day
/// (or after a restart) it writes nothing twice: the records and the digest's key say what went out. With more app
/// servers, one gathers at a time, and the next sees what the first wrote.
/// </summary>
public sealed class ReminderRun(IDbContextFactory<AppDbContext> dbFactory, WriteGate gate, IServerLink servers, TimeProvider clock,
    IOptions<EmailOptions> options)
{
    /// <summary>Returns how many digests it wrote.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        await using var turn = await servers.TakeTurnAsync(ServerTurns.Outbox, cancellationToken);
        return await GatherAsync(cancellationToken);
    }

    private Task<int> GatherAsync(CancellationToken cancellationToken) => gate.RunAsync(async () =>
    {
        var now = clock.GetUtcNow();
        var today = OsloTime.Today(clock);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var people = await db.People.AsNoTracking().Where(p => p.Email != null && !p.RemindersTurnedOff).ToDictionaryAsync(p => p.Id, cancellationToken);
        var leadTimes = await db.Bodies.AsNoTracking().IgnoreAutoIncludes().ToDictionaryAsync(b => b.Id, b => b.ReminderLeadTimes, cancellationToken);
        // E-mail leaves the app: like the notice, it never carries the title of a case exempt from publication.
        var exempt = (await db.Cases.AsNoTracking().Include(c => c.Treatments).Where(c => c.IsExemptFromPublication || c.Year == null).ToListAsync(cancellationToken))
            .ToDictionary(c => c.Id, Cases.CaseRegister.HiddenTitle);
        var items = await WorkItems.GatherAsync(db, today, unreadable: exempt);
        var facts = items
            .Where(i => i.ReminderKind is not null && i.DueBy is not null && people.ContainsKey(i.PersonId))
            .Select(i => new ReminderFact(i.ReminderKind!.Value, i.SubjectId, i.PersonId, i.DueBy!.Value,
                $"{i.Title}\n  {i.Detail}\n  {options.Value.Link(i.Link)}",
                i.BodyId is { } bodyId && leadTimes.TryGetValue(bodyId, out var lead) ? lead : LeadTimes.Default))
            .ToList();
        var sent = (await db.Set<SentReminder>().AsNoTracking().Select(r => r.Key).ToListAsync(cancellationToken)).ToHashSet();
        var hadDigest = (await db.Set<SentReminder>().AsNoTracking().Where(r => r.Day == today).Select(r => r.PersonId).ToListAsync(cancellationToken)).ToHashSet();

        var digests = ReminderRules.Digests(today, facts, sent, hadDigest);
        foreach (var digest in digests)
        {
            var person = people[digest.PersonId];
            var count = digest.Reminders.Count;
            var body = new StringBuilder($"Dette venter på deg i {options.Value.FromName}:\n\n");
            foreach (var reminder in digest.Reminders)
                body.Append($"– {reminder.Fact.Text}\n\n");
            body.Append($"Alt som venter på deg: {options.Value.Link("/mitt-arbeid")}\n\n");
            body.Append("Du får høyst én slik e-post om dagen. Vil du ikke ha påminnelser, kan sekretariatet slå dem av for deg; innkallinger får du uansett.\n");
            await MeetingMail.AddOnceAsync(db, new OutboxMessage($"påminnelser/{digest.PersonId}/{today:yyyy-MM-dd}", MailKind.Reminders,
                person.Id, person.Name, person.Email!, count == 1 ? "Påminnelse: 1 sak venter på deg" : $"Påminnelse: {count} saker venter på deg",
                body.ToString(), now));
            db.Set<SentReminder>().AddRange(digest.Reminders.Select(r => new SentReminder(r.Key, digest.PersonId, today)));
        }
        if (digests.Count == 0) return 0;
        db.AuditAction = "Påminnelser lagt i utsendelseskøen";
        await db.SaveChangesAsync(cancellationToken);
        return digests.Count;
    }, cancellationToken);
}
