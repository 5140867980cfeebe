using Helsefellesskap.App.Data;
using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Meetings;
using Helsefellesskap.Domain.Partnerships;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Features.Meetings.Documents;

public sealed record MeetingHeading(Guid Id, Guid BodyId, string BodyName, string BodyShortName, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    string Location, string? VideoLink, MeetingStatus Status, DateTimeOffset? NoticeSentAt, DateTimeOffset? MinutesApprovedAt);

/// <summary>A case on the notice with its papers: the presentation and the proposed decision, and the attachments.</summary>
public sealed record NoticeItem(int Number, string Title, string? CaseNumber, Guid? CaseId, CaseType? Type, bool IsPrincipled,
    string Background, string Assessment, string Proposal, IReadOnlyList<(Guid Id, string FileName)> Attachments)
{
    /// <summary>Whose text the proposal is when a body gave it: "Innstilling fra AU".</summary>
    public string? ProposalSource { get; init; }
}

public sealed record Notice(MeetingHeading Meeting, IReadOnlyList<NoticeItem> Items, IReadOnlyList<string> Called);

public sealed record MinutesPosition(string Party, PositionKind Kind, string? Text, string RegisteredBy, bool OnBehalf);

/// <summary>One item of the minutes: what was recorded, which the prose beside it cannot change.</summary>
public sealed record MinutesItem(Guid? ItemId, int Number, string Title, string? CaseNumber, AgendaItemKind Kind, bool Treated,
    string? Wording, int WordingVersions, string? Outcome, string? NextStep, string? ForwardedTo, string? SentBackComment,
    IReadOnlyList<MinutesPosition> Positions, IReadOnlyList<string> Missing, IReadOnlyList<(string Person, string Text)> Remarks, string Prose)
{
    /// <summary>The legal basis when the item's case is exempt from publication (unntatt offentlighet).</summary>
    public string? ExemptionBasis { get; init; }

    public IEnumerable<MinutesPosition> Dissent => Positions.Where(p => p.Kind == PositionKind.Disagree);
}

public sealed record Minutes(MeetingHeading Meeting, string Intro, IReadOnlyList<string> Present,
    IReadOnlyList<string> Absent, IReadOnlyList<string> NotRecorded, IReadOnlyList<MinutesItem> Items, string? ApprovedBy)
{
    public bool IsLocked => Meeting.Status == MeetingStatus.MinutesApproved;
}

/// <summary>The meeting's documents, read from what was recorded: the notice, the calendar file and the minutes.</summary>
public sealed class MeetingDocuments(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<Notice?> NoticeAsync(Guid meetingId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        if (await LoadAsync(db, meetingId) is not var (meeting, heading)) return null;
        var caseIds = meeting.Agenda.Where(i => i.CaseId is not null).Select(i => i.CaseId!.Value).ToList();
        var cases = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id);
        var items = meeting.Agenda.Select((item, index) =>
        {
            var c = item.CaseId is { } id ? cases.GetValueOrDefault(id) : null;
            return new NoticeItem(index + 1, item.Title, c?.Number?.ToString(), c?.Id, c?.Type, c?.IsPrincipled ?? false,
                c?.Background ?? "", c?.Assessment ?? "", c?.ProposedDecision ?? "",
                c?.Attachments.Select(a => (a.Id, a.FileName)).ToList() ?? [])
            {
                ProposalSource = c?.CurrentProposal is { IsBodysText: true } v ? Norwegian.Capitalise(v.Label()) : null,
            };
        }).ToList();
        var names = await NamesAsync(db, meeting);
        var called = meeting.Attendance.Where(a => a.SubstituteForPersonId is null)
            .Select(a => $"{names.People[a.PersonId]} ({a.Role.Label()}{(a.PartyId is { } p ? ", " + names.Parties[p] : "")})").ToList();
        return new Notice(heading, items, called);
    }

    /// <summary>The meeting as a calendar event (.ics), in UTC so every calendar shows it at the right Norwegian time.</summary>
    public async Task<string?> CalendarAsync(Guid meetingId, string pageUrl)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        if (await LoadAsync(db, meetingId) is not var (meeting, heading)) return null;
        var agenda = string.Join("\n", meeting.Agenda.Select((i, n) => $"{n + 1}. {i.Title}"));
        var calendarEvent = new CalendarEvent
        {
            Uid = $"{meeting.Id}@helsefellesskap-innlandet",
            Summary = $"Møte i {heading.BodyName}",
            Start = new CalDateTime(meeting.StartsAt.UtcDateTime),
            End = new CalDateTime(meeting.EndsAt.UtcDateTime),
            Location = string.IsNullOrEmpty(meeting.Location) ? meeting.VideoLink : meeting.Location,
            Description = $"Saksliste:\n{agenda}\n\nInnkalling og sakspapirer: {pageUrl}" +
                (meeting.VideoLink is null ? "" : $"\nVideo: {meeting.VideoLink}"),
            Url = new Uri(pageUrl),
        };
        var calendar = new Ical.Net.Calendar();
        calendar.Events.Add(calendarEvent);
        return new CalendarSerializer().SerializeToString(calendar);
    }

    public async Task<Minutes?> MinutesAsync(Guid meetingId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        if (await LoadAsync(db, meetingId) is not var (meeting, heading)) return null;
        // Meetings held before the app have no agenda items, only treatments that name the meeting.
        var cases = await db.Cases.AsNoTracking().Where(c => c.Treatments.Any(t => t.MeetingId == meetingId)).ToListAsync();
        var names = await NamesAsync(db, meeting, cases);

        MinutesItem CaseItem(Guid? itemId, int number, string title, Case c, Treatment? t, string prose)
        {
            var remarks = meeting.Remarks.Where(r => r.AgendaItemId == itemId).OrderBy(r => r.At)
                .Select(r => (names.People[r.PersonId], r.Text)).ToList();
            if (t is null)
                return new MinutesItem(itemId, number, title, c.Number?.ToString(), AgendaItemKind.Case, false, null, 0, null, null, null,
                    null, [], [], remarks, prose) { ExemptionBasis = c.IsExemptFromPublication ? c.ExemptionBasis : null };
            var positions = t.CurrentPositions.Where(p => t.RequiredParties.Contains(p.PartyId))
                .Select(p => new MinutesPosition(names.Parties[p.PartyId], p.Kind, p.Text, names.People.GetValueOrDefault(p.RegisteredByPersonId, "ukjent"), p.RegisteredOnBehalf))
                .OrderBy(p => p.Party, StringComparer.Create(Norwegian.Culture, false)).ToList();
            var missing = t.Tally.Missing.Select(id => names.Parties[id]).Order().ToList();
            return new MinutesItem(itemId, number, title, c.Number?.ToString(), AgendaItemKind.Case, true, t.CurrentWording.Text,
                t.Wordings.Count, t.Outcome.Label(), t.NextStep?.Label(), t.ForwardedToBodyName, t.SentBackComment,
                c.Type == CaseType.Information ? [] : positions, c.Type == CaseType.Information ? [] : missing, remarks, prose)
            { ExemptionBasis = c.IsExemptFromPublication ? c.ExemptionBasis : null };
        }

        List<MinutesItem> items;
        if (meeting.Agenda.Any(i => i.IsCase))
            items = meeting.Agenda.Select((i, n) =>
            {
                if (!i.IsCase)
                    return new MinutesItem(i.Id, n + 1, i.Title, null, i.Kind, i.State == AgendaItemState.Closed, null, 0, null, null,
                        null, null, [], [], meeting.Remarks.Where(r => r.AgendaItemId == i.Id).Select(r => (names.People[r.PersonId], r.Text)).ToList(),
                        i.MinutesText);
                var c = cases.FirstOrDefault(x => x.Id == i.CaseId) ?? null;
                var t = c?.Treatments.SingleOrDefault(x => x.Id == i.TreatmentId);
                return c is null
                    ? new MinutesItem(i.Id, n + 1, i.Title, null, i.Kind, false, null, 0, null, null, null, null, [], [], [], i.MinutesText)
                    : CaseItem(i.Id, n + 1, i.Title, c, t, i.MinutesText);
            }).ToList();
        else
            items = cases.OrderBy(c => c.Sequence)
                .Select((c, n) => CaseItem(null, n + 1, c.Title, c, c.Treatments.Single(t => t.MeetingId == meetingId), "")).ToList();

        var present = meeting.Attendance.Where(a => a.Status == AttendanceStatus.Present).Select(a => Describe(a, names)).ToList();
        var notRecorded = meeting.Attendance.Where(a => a.Status == AttendanceStatus.Expected).Select(a => Describe(a, names)).ToList();
        var absent = meeting.Attendance.Where(a => a.Status == AttendanceStatus.Absent)
            .Select(a => Describe(a, names) + (a.AbsenceReason is null ? "" : $" – {a.AbsenceReason}")).ToList();
        var approvedBy = meeting.MinutesApprovedByPersonId is { } by ? names.People.GetValueOrDefault(by) : null;
        return new Minutes(heading, meeting.MinutesIntro, present, absent, notRecorded, items, approvedBy);
    }

    private static string Describe(Attendance a, Names names) =>
        $"{names.People[a.PersonId]} ({a.Role.Label()}{(a.PartyId is { } p ? ", " + names.Parties[p] : "")}" +
        $"{(a.SubstituteForPersonId is { } s ? ", vara for " + names.People[s] : "")})";

    private sealed record Names(IReadOnlyDictionary<Guid, string> People, IReadOnlyDictionary<Guid, string> Parties);

    private static async Task<Names> NamesAsync(AppDbContext db, Meeting meeting, IEnumerable<Case>? cases = null)
    {
        var partnership = await db.Bodies.AsNoTracking().IgnoreAutoIncludes().Where(b => b.Id == meeting.BodyId).Select(b => b.PartnershipId).SingleAsync();
        var personIds = meeting.Attendance.Select(a => a.PersonId).Concat(meeting.Remarks.Select(r => r.PersonId))
            .Concat((cases ?? []).SelectMany(c => c.Treatments).SelectMany(t => t.Positions).Select(p => p.RegisteredByPersonId))
            .Concat(meeting.MinutesApprovedByPersonId is { } by ? [by] : []).Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name);
        var parties = await db.Parties.AsNoTracking().Where(p => p.PartnershipId == partnership).ToDictionaryAsync(p => p.Id, p => p.Name);
        return new Names(people, parties);
    }

    private static async Task<(Meeting, MeetingHeading)?> LoadAsync(AppDbContext db, Guid meetingId)
    {
        var meeting = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == meetingId);
        if (meeting is null) return null;
        var body = await db.Bodies.AsNoTracking().IgnoreAutoIncludes().SingleAsync(b => b.Id == meeting.BodyId);
        return (meeting, new MeetingHeading(meeting.Id, body.Id, body.Name, body.ShortName, meeting.StartsAt, meeting.EndsAt, meeting.Location,
            meeting.VideoLink, meeting.Status, meeting.NoticeSentAt, meeting.MinutesApprovedAt));
    }
}
