using System.Text;
using Helsefellesskap.App.Data;
using Helsefellesskap.Domain.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Features.Email;

/// <summary>
/// The mail a meeting's commands write to the outbox, inside the command's own save: the notice with its invitation,
/// an update after a change, the cancellation, and the approved minutes. Everyone called gets it; notices cannot be
/// turned off. A person without an e-mail address gets nothing.
/// </summary>
public static class MeetingMail
{
    /// <summary>
    /// The notice (or, at a later <see cref="Meeting.CalendarSequence"/>, the updated notice) to everyone called, or
    /// only to <paramref name="onlyTo"/> (a substitute called in). Once per person and revision.
    /// </summary>
    public static async Task<int> EnqueueNoticeAsync(AppDbContext db, Meeting meeting, EmailOptions options, DateTimeOffset now,
        IReadOnlyCollection<Guid>? onlyTo = null)
    {
        var cancelled = meeting.Status == MeetingStatus.Cancelled;
        var (bodyName, bodyShortName) = await BodyAsync(db, meeting.BodyId);
        var agenda = cancelled ? "" : await AgendaAsync(db, meeting);
        var when = When(meeting);
        var (kind, subject, opening, keyPrefix) = cancelled
            ? (MailKind.Cancellation, $"Avlyst: møte i {bodyShortName} {when}", $"Møtet i {bodyName} {when} er avlyst.", "avlysning")
            : meeting.CalendarSequence == 0
                ? (MailKind.Notice, $"Innkalling: møte i {bodyShortName} {when}", $"Du er innkalt til møte i {bodyName}.", "innkalling")
                : (MailKind.NoticeUpdate, $"Endret innkalling: møte i {bodyShortName} {when}",
                    $"Innkallingen til møtet i {bodyName} er endret. Denne erstatter den du fikk før.", "innkalling");
        var description = Details(meeting, options, agenda);
        var calendarMeeting = new CalendarMeeting(meeting.Id, meeting.CalendarSequence, $"Møte i {bodyName}", meeting.StartsAt, meeting.EndsAt,
            string.IsNullOrEmpty(meeting.Location) ? meeting.VideoLink : meeting.Location, description,
            options.Link($"/moter/{meeting.Id}/innkalling"), cancelled);

        var called = meeting.Attendance.Select(a => a.PersonId).Where(id => onlyTo is null || onlyTo.Contains(id)).ToHashSet();
        var count = 0;
        foreach (var person in await RecipientsAsync(db, called))
        {
            var key = cancelled ? $"{keyPrefix}/{meeting.Id}/{person.Id}" : $"{keyPrefix}/{meeting.Id}/{meeting.CalendarSequence}/{person.Id}";
            var body = $"{opening}\n\n{description}\n\nMed vennlig hilsen\nSekretariatet, {options.FromName}\n";
            var ics = MeetingCalendar.Write(calendarMeeting, "REQUEST", now, options.FromName, options.FromAddress, [(person.Name, person.Email)]);
            if (await AddOnceAsync(db, new OutboxMessage(key, kind, person.Id, person.Name, person.Email, subject, body, now, ics,
                    cancelled ? "CANCEL" : "REQUEST"))) count++;
        }
        return count;
    }

    /// <summary>The approved minutes, with a link, to everyone called to the meeting.</summary>
    public static async Task<int> EnqueueMinutesApprovedAsync(AppDbContext db, Meeting meeting, EmailOptions options, DateTimeOffset now)
    {
        var (bodyName, bodyShortName) = await BodyAsync(db, meeting.BodyId);
        var when = meeting.StartsAt.Format("d. MMMM yyyy");
        var subject = $"Protokoll godkjent: møte i {bodyShortName} {when}";
        var body = $"Protokollen fra møtet i {bodyName} {when} er godkjent.\n\n" +
            $"Les protokollen: {options.Link($"/moter/{meeting.Id}/protokoll")}\n\n" +
            $"Med vennlig hilsen\nSekretariatet, {options.FromName}\n";
        var count = 0;
        foreach (var person in await RecipientsAsync(db, meeting.Attendance.Select(a => a.PersonId).ToHashSet()))
            if (await AddOnceAsync(db, new OutboxMessage($"protokoll/{meeting.Id}/{person.Id}", MailKind.MinutesApproved, person.Id,
                    person.Name, person.Email, subject, body, now))) count++;
        return count;
    }

    /// <summary>Adds the message unless its key (event and recipient) is in the outbox already.</summary>
    public static async Task<bool> AddOnceAsync(AppDbContext db, OutboxMessage message)
    {
        if (db.ChangeTracker.Entries<OutboxMessage>().Any(e => e.Entity.Key == message.Key)) return false;
        if (await db.Set<OutboxMessage>().AnyAsync(m => m.Key == message.Key)) return false;
        db.Set<OutboxMessage>().Add(message);
        return true;
    }

    private static string When(Meeting meeting) => meeting.StartsAt.Format("d. MMMM yyyy 'kl.' HH:mm");

    private static string Details(Meeting meeting, EmailOptions options, string agenda)
    {
        var text = new StringBuilder();
        text.Append($"Tid: {meeting.StartsAt.Format("dddd d. MMMM yyyy 'kl.' HH:mm")}–{meeting.EndsAt.Format("HH:mm")}\n");
        text.Append($"Sted: {(string.IsNullOrEmpty(meeting.Location) ? "Digitalt" : meeting.Location)}\n");
        if (meeting.VideoLink is not null) text.Append($"Videolenke: {meeting.VideoLink}\n");
        if (agenda.Length > 0) text.Append($"\nSaksliste:\n{agenda}");
        text.Append($"\nInnkalling og sakspapirer: {options.Link($"/moter/{meeting.Id}/innkalling")}\n");
        text.Append($"Meld forfall på møtesiden: {options.Link($"/moter/{meeting.Id}")}");
        return text.ToString();
    }

    /// <summary>
    /// The agenda with case numbers and titles. A case exempt from publication shows its legal basis instead of its
    /// title: e-mail is read outside the app, where reading rights are not checked.
    /// </summary>
    private static async Task<string> AgendaAsync(AppDbContext db, Meeting meeting)
    {
        var caseIds = meeting.Agenda.Where(i => i.CaseId is not null).Select(i => i.CaseId!.Value).ToList();
        var cases = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id);
        var lines = new StringBuilder();
        var number = 0;
        foreach (var item in meeting.Agenda)
        {
            number++;
            var title = item.CaseId is { } id && cases.GetValueOrDefault(id) is { } c
                ? $"{c.Number} {(c.IsExemptFromPublication ? $"(unntatt offentlighet, {c.ExemptionBasis})" : c.Title)}"
                : item.Title;
            lines.Append($"{number}. {title}\n");
        }
        return lines.ToString();
    }

    private static async Task<(string Name, string ShortName)> BodyAsync(AppDbContext db, Guid bodyId)
    {
        // Projected as an anonymous type: PostgreSQL would send a tuple as one record column, which Npgsql refuses.
        var body = await db.Bodies.AsNoTracking().IgnoreAutoIncludes().Where(b => b.Id == bodyId).Select(b => new { b.Name, b.ShortName }).SingleAsync();
        return (body.Name, body.ShortName);
    }

    private sealed record Recipient(Guid Id, string Name, string Email);

    private static async Task<List<Recipient>> RecipientsAsync(AppDbContext db, IReadOnlySet<Guid> personIds)
    {
        var ids = personIds.ToList();
        return (await db.People.AsNoTracking().Where(p => ids.Contains(p.Id) && p.Email != null).ToListAsync())
            .OrderBy(p => p.Name, StringComparer.Create(Norwegian.Culture, false))
            .Select(p => new Recipient(p.Id, p.Name, p.Email!)).ToList();
    }
}
