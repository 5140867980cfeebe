using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features.Access;
using Helsefellesskap.App.Features.Cases;
using Helsefellesskap.Domain.Access;
using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Meetings;
using Helsefellesskap.Domain.Partnerships;
using Microsoft.EntityFrameworkCore;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Helsefellesskap.App.Features.Meetings.Documents;

public sealed record MeetingHeading(Guid Id, Guid BodyId, string BodyName, string BodyShortName, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    string Location, string? VideoLink, MeetingStatus Status, DateTimeOffset? NoticeSentAt, DateTimeOffset? MinutesApprovedAt);

/// <summary>A case on the notice with its papers: the presentation and the proposed decision, and the attachments.</summary>
public sealed record NoticeItem(int Number, string Title, string? CaseNumber, Guid? CaseId, CaseType? Type, bool IsPrincipled,
    string Background, string Assessment, string Proposal, IReadOnlyList<(Guid Id, string FileName)> Attachments)
{
    /// <summary>Whose text the proposal is when a body gave it: "Innstilling fra AU".</summary>
    public string? ProposalSource { get; init; }

    /// <summary>The legal basis, when the reader may not read the case's papers: the notice shows it instead of them.</summary>
    public string? WithheldBasis { get; init; }
}

public sealed record Notice(MeetingHeading Meeting, IReadOnlyList<NoticeItem> Items, IReadOnlyList<string> Called);

/// <summary>A party's position as recorded: who registered it and when, and whether a later one replaced it.</summary>
public sealed record MinutesPosition(string Party, PositionKind Kind, string? Text, string RegisteredBy, bool OnBehalf)
{
    public DateTimeOffset At { get; init; }
    public bool Replaced { get; init; }
}

/// <summary>One wording a body treated, who put it forward and when, and every position given on it.</summary>
public sealed record MinutesWording(int Version, string Text, string By, DateTimeOffset At, IReadOnlyList<MinutesPosition> Positions);

public sealed record MinutesRemark(string Person, string Text);

/// <summary>A disagreement and its reason, on the wording it was given on.</summary>
public sealed record MinutesDissent(string Party, string? Text, int WordingVersion, bool OnEarlierWording);

/// <summary>One item of the minutes: what was recorded, which the prose beside it cannot change.</summary>
public sealed record MinutesItem(Guid? ItemId, int Number, string Title, string? CaseNumber, AgendaItemKind Kind, bool Treated,
    string? Wording, int WordingVersions, string? Outcome, string? NextStep, string? ForwardedTo, string? SentBackComment,
    IReadOnlyList<MinutesPosition> Positions, IReadOnlyList<string> Missing, IReadOnlyList<MinutesRemark> Remarks, string Prose)
{
    public Guid? CaseId { get; init; }

    /// <summary>The legal basis when the item's case is exempt from publication (unntatt offentlighet).</summary>
    public string? ExemptionBasis { get; init; }

    /// <summary>The path of the treatment: each wording with the positions on it, replaced ones included.</summary>
    public IReadOnlyList<MinutesWording> Path { get; init; } = [];

    /// <summary>Every standing disagreement, on the final wording and on earlier ones.</summary>
    public IReadOnlyList<MinutesDissent> Dissent { get; init; } = [];

    /// <summary>Worth showing the path: the wording was amended, or a position was replaced.</summary>
    [JsonIgnore] public bool HasPath => Path.Count > 1 || Path.Any(w => w.Positions.Any(p => p.Replaced));

    /// <summary>Withheld from this reader (a confidential case they may not read): only the number and legal basis show.</summary>
    [JsonIgnore] public bool Withheld { get; init; }
}

public sealed record MinutesAbsence(string Person, string? Reason);

/// <summary>A correction of approved minutes, shown after them.</summary>
public sealed record MinutesCorrectionView(int Number, DateTimeOffset At, string By, string Text, string Reason, string Sha256);

/// <summary>How the shown minutes are held: the stored approved document and its checksum.</summary>
public sealed record MinutesSeal(string Sha256, bool FrozenAtUpgrade, bool IsIntact)
{
    /// <summary>The audit chain's head printed in the approved document (none in minutes approved before it was).</summary>
    public Data.Audit.AuditHead? RecordHead { get; init; }
}

public sealed record Minutes(MeetingHeading Meeting, string Intro, IReadOnlyList<string> Present,
    IReadOnlyList<MinutesAbsence> Absent, IReadOnlyList<string> NotRecorded, IReadOnlyList<MinutesItem> Items, string? ApprovedBy)
{
    [JsonIgnore] public bool IsLocked => Meeting.Status == MeetingStatus.MinutesApproved;

    /// <summary>
    /// The audit chain's head just before the approval's own records: published in the document, so the chain can
    /// later be checked against it by anyone holding a copy of the minutes.
    /// </summary>
    public Data.Audit.AuditHead? RecordHead { get; init; }

    /// <summary>Set when these are the stored approved minutes; not part of the document itself.</summary>
    [JsonIgnore] public MinutesSeal? Seal { get; init; }

    [JsonIgnore] public IReadOnlyList<MinutesCorrectionView> Corrections { get; init; } = [];
}

/// <summary>The meeting's documents, read from what was recorded: the notice, the calendar file and the minutes.</summary>
public sealed class MeetingDocuments(IDbContextFactory<AppDbContext> dbFactory, IServiceProvider services, TimeProvider clock)
{
    // The start-up backfill renders minutes with no one signed in, so the reader is resolved only when a notice is read.
    private Actors Readers => services.GetRequiredService<Actors>();

    public async Task<Notice?> NoticeAsync(Guid meetingId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        if (await LoadAsync(db, meetingId) is not var (meeting, heading)) return null;
        var caseIds = meeting.Agenda.Where(i => i.CaseId is not null).Select(i => i.CaseId!.Value).ToList();
        var cases = await db.Cases.AsNoTracking().WithRecord().Where(c => caseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id);
        var numbering = await CaseRegister.ShortNamesAsync(db);
        var reader = await Readers.CurrentAsync(db);
        var today = OsloTime.Today(clock);
        var items = meeting.Agenda.Select((item, index) =>
        {
            var c = item.CaseId is { } id ? cases.GetValueOrDefault(id) : null;
            if (c is not null && !reader.MayReadCase(c, today))
                return new NoticeItem(index + 1, CaseRegister.HiddenTitle(c), c.Number?.In(numbering[c.BodyId]), c.Id, c.Type, c.IsPrincipled, "", "", "", [])
                {
                    WithheldBasis = c.ExemptionBasis ?? "",
                };
            return new NoticeItem(index + 1, item.Title, c is null ? null : c.Number?.In(numbering[c.BodyId]), c?.Id, c?.Type, c?.IsPrincipled ?? false,
                c?.Background ?? "", c?.Assessment ?? "", c?.ProposedDecision ?? "",
                c?.Attachments.Select(a => (a.Id, a.FileName)).ToList() ?? [])
            {
                ProposalSource = c?.CurrentProposal is { IsBodysText: true } v ? Norwegian.Capitalise(v.Label()) : null,
            };
        }).ToList();
        var names = await NamesAsync(db, meeting);
        var called = InListOrder(meeting.Attendance.Where(a => a.SubstituteForPersonId is null), names)
            .Select(a => $"{names.People[a.PersonId]} ({a.Role.Label()}{(a.PartyId is { } p ? ", " + names.Parties[p] : "")})").ToList();
        return new Notice(heading, items, called);
    }

    /// <summary>The meeting as a calendar event (.ics), in UTC so every calendar shows it at the right Norwegian time.</summary>
    public async Task<string?> CalendarAsync(Guid meetingId, string pageUrl)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        if (await LoadAsync(db, meetingId) is not var (meeting, heading)) return null;
        var agenda = string.Join("\n", meeting.Agenda.Select((i, n) => $"{n + 1}. {i.Title}"));
        // The same UID and SEQUENCE as the invitation sent by e-mail, so a download and a mail never make two entries.
        var calendarMeeting = new Email.CalendarMeeting(meeting.Id, meeting.CalendarSequence, $"Møte i {heading.BodyName}",
            meeting.StartsAt, meeting.EndsAt, string.IsNullOrEmpty(meeting.Location) ? meeting.VideoLink : meeting.Location,
            $"Saksliste:\n{agenda}\n\nInnkalling og sakspapirer: {pageUrl}" + (meeting.VideoLink is null ? "" : $"\nVideo: {meeting.VideoLink}"),
            pageUrl, meeting.Status == MeetingStatus.Cancelled);
        return Email.MeetingCalendar.Write(calendarMeeting, "PUBLISH", clock.GetUtcNow(), "", "", []);
    }

    /// <summary>
    /// The minutes: once approved, the stored approved document with its corrections after it; before that, drawn
    /// from the record as it stands.
    /// </summary>
    public async Task<Minutes?> MinutesAsync(Guid meetingId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        if (await LoadAsync(db, meetingId) is not var (meeting, heading)) return null;
        var stored = await db.ApprovedMinutes.AsNoTracking().SingleOrDefaultAsync(a => a.MeetingId == meetingId);
        if (stored is null) return await DraftAsync(db, meeting, heading);

        var document = JsonSerializer.Deserialize<Minutes>(stored.Document, Canonical)!;
        var authors = meeting.Corrections.Select(c => c.ByPersonId).Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => authors.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name);
        return document with
        {
            Seal = new MinutesSeal(stored.Sha256, stored.FrozenAtUpgrade, stored.IsIntact) { RecordHead = document.RecordHead },
            Corrections = meeting.Corrections.Select(c => new MinutesCorrectionView(c.Number, c.At,
                people.GetValueOrDefault(c.ByPersonId, "ukjent"), c.Text, c.Reason, c.Sha256)).ToList(),
        };
    }

    /// <summary>
    /// The minutes as the signed-in reader may read them. An item whose case the reader may not read
    /// (<see cref="Actor.MayReadCase"/>: a confidential case, offl. § 13) shows only its number and legal basis: no
    /// title, wording, outcome, positions, remarks or prose. The approved document itself is never changed; the
    /// withholding happens here, for this reader, every time.
    /// </summary>
    public async Task<Minutes?> MinutesForReaderAsync(Guid meetingId)
    {
        if (await MinutesAsync(meetingId) is not { } minutes) return null;
        await using var db = await dbFactory.CreateDbContextAsync();
        var reader = await Readers.CurrentAsync(db);
        var today = OsloTime.Today(clock);
        var caseIds = minutes.Items.Where(i => i.CaseId is not null).Select(i => i.CaseId!.Value).ToList();
        var withheld = (await db.Cases.AsNoTracking().WithRecord().Where(c => caseIds.Contains(c.Id)).ToListAsync())
            .Where(c => !reader.MayReadCase(c, today)).ToDictionary(c => c.Id);
        if (withheld.Count == 0) return minutes;
        return minutes with
        {
            Items = minutes.Items.Select(i => i.CaseId is { } id && withheld.TryGetValue(id, out var c) ? Withhold(i, c) : i).ToList(),
        };
    }

    private static MinutesItem Withhold(MinutesItem item, Case @case) =>
        new(null, item.Number, CaseRegister.HiddenTitle(@case), item.CaseNumber, item.Kind, item.Treated,
            null, 0, null, null, null, null, [], [], [], "")
        {
            CaseId = item.CaseId, ExemptionBasis = @case.ExemptionBasis ?? item.ExemptionBasis, Withheld = true,
        };

    /// <summary>
    /// The document to store at approval: the minutes as they render now, with the approval they are about to get.
    /// Canonical JSON, so its SHA-256 is the checksum shown on every later view.
    /// </summary>
    public async Task<string> RenderForApprovalAsync(Guid meetingId, Guid approvedByPersonId, DateTimeOffset at)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var (meeting, heading) = await LoadAsync(db, meetingId) ?? throw new DomainException("Møtet finnes ikke.");
        var draft = await DraftAsync(db, meeting, heading);
        var approver = await db.People.AsNoTracking().Where(p => p.Id == approvedByPersonId).Select(p => p.Name).SingleOrDefaultAsync();
        return Serialize(draft with
        {
            Meeting = heading with { Status = MeetingStatus.MinutesApproved, MinutesApprovedAt = at },
            ApprovedBy = approver,
            // Read inside the write gate, before the approval is saved: the last record before the approval's own.
            RecordHead = await Data.Audit.AuditHead.ReadAsync(db),
        });
    }

    /// <summary>The approved minutes of a meeting approved before the app stored them, as they render now.</summary>
    public async Task<string> RenderAsApprovedAsync(Guid meetingId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var (meeting, heading) = await LoadAsync(db, meetingId) ?? throw new DomainException("Møtet finnes ikke.");
        return Serialize(await DraftAsync(db, meeting, heading));
    }

    private static readonly JsonSerializerOptions Canonical = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize(Minutes minutes) => JsonSerializer.Serialize(minutes, Canonical);

    private async Task<Minutes> DraftAsync(AppDbContext db, Meeting meeting, MeetingHeading heading)
    {
        var meetingId = meeting.Id;
        // Meetings held before the app have no agenda items, only treatments that name the meeting.
        var cases = await db.Cases.AsNoTracking().WithRecord().Where(c => c.Treatments.Any(t => t.MeetingId == meetingId)).ToListAsync();
        var names = await NamesAsync(db, meeting, cases);
        // A draft names each case with its body; approved minutes are stored documents and keep the numbers they were approved with.
        var numbering = await CaseRegister.ShortNamesAsync(db);
        var norwegian = StringComparer.Create(Norwegian.Culture, false);
        string Person(Guid id) => names.People.GetValueOrDefault(id, "ukjent");

        MinutesPosition PositionOf(Position p) =>
            new(names.Parties[p.PartyId], p.Kind, p.Text, Person(p.RegisteredByPersonId), p.RegisteredOnBehalf)
            { At = p.RegisteredAt, Replaced = p.IsReplaced };

        List<MinutesRemark> RemarksOn(Guid? itemId) => itemId is null ? [] : meeting.Remarks.Where(r => r.AgendaItemId == itemId)
            .OrderBy(r => r.At).Select(r => new MinutesRemark(Person(r.PersonId), r.Text)).ToList();

        MinutesItem CaseItem(Guid? itemId, int number, string title, Case c, Treatment? t, string prose)
        {
            var remarks = RemarksOn(itemId);
            var exemption = c.IsExemptFromPublication ? c.ExemptionBasis : null;
            if (t is null)
                return new MinutesItem(itemId, number, title, c.Number?.In(numbering[c.BodyId]), AgendaItemKind.Case, false, null, 0, null, null, null,
                    null, [], [], remarks, prose) { CaseId = c.Id, ExemptionBasis = exemption };
            var information = c.Type == CaseType.Information;
            var positions = t.CurrentPositions.Where(p => t.RequiredParties.Contains(p.PartyId)).Select(PositionOf)
                .OrderBy(p => p.Party, norwegian).ToList();
            var missing = t.Tally.Missing.Select(id => names.Parties[id]).Order(norwegian).ToList();
            var path = information ? [] : t.Wordings.OrderBy(w => w.Version).Select(w => new MinutesWording(w.Version, w.Text, Person(w.ByPersonId), w.At,
                t.Positions.Where(p => p.WordingVersion == w.Version).OrderBy(p => p.RegisteredAt).Select(PositionOf).ToList())).ToList();
            var current = t.CurrentWording.Version;
            var dissent = t.Positions.Where(p => p.Kind == PositionKind.Disagree && !p.IsReplaced)
                .OrderBy(p => p.WordingVersion).ThenBy(p => names.Parties[p.PartyId], norwegian)
                .Select(p => new MinutesDissent(names.Parties[p.PartyId], p.Text, p.WordingVersion, p.WordingVersion < current)).ToList();
            // The outcome the body reached when it closed the item: what local ratification made of it later is not minutes.
            var outcome = t.IsClosed ? (t.OutcomeAtClose ?? t.Outcome) : t.Outcome;
            return new MinutesItem(itemId, number, title, c.Number?.In(numbering[c.BodyId]), AgendaItemKind.Case, true, t.CurrentWording.Text,
                t.Wordings.Count, outcome.Label(), t.NextStep?.Label(), t.ForwardedToBodyName, t.SentBackComment,
                information ? [] : positions, information ? [] : missing, remarks, prose)
            { CaseId = c.Id, ExemptionBasis = exemption, Path = path, Dissent = information ? [] : dissent };
        }

        List<MinutesItem> items;
        if (meeting.Agenda.Any(i => i.IsCase))
            items = meeting.Agenda.Select((i, n) =>
            {
                if (!i.IsCase)
                    return new MinutesItem(i.Id, n + 1, i.Title, null, i.Kind, !i.IsReportedAsNotTreated, null, 0, null, null,
                        null, null, [], [], RemarksOn(i.Id), i.MinutesText);
                var c = cases.FirstOrDefault(x => x.Id == i.CaseId);
                var t = c?.Treatments.SingleOrDefault(x => x.Id == i.TreatmentId);
                return c is null
                    ? new MinutesItem(i.Id, n + 1, i.Title, null, i.Kind, !i.IsReportedAsNotTreated, null, 0, null, null, null, null, [], [], [], i.MinutesText)
                    : CaseItem(i.Id, n + 1, i.Title, c, t, i.MinutesText);
            }).ToList();
        else
            items = cases.OrderBy(c => c.Sequence)
                .Select((c, n) => CaseItem(null, n + 1, c.Title, c, c.Treatments.Single(t => t.MeetingId == meetingId), "")).ToList();

        List<Attendance> With(AttendanceStatus status) => InListOrder(meeting.Attendance.Where(a => a.Status == status), names).ToList();
        var present = With(AttendanceStatus.Present).Select(a => Describe(a, names)).ToList();
        var notRecorded = With(AttendanceStatus.Expected).Select(a => Describe(a, names)).ToList();
        var absent = With(AttendanceStatus.Absent).Select(a => new MinutesAbsence(Describe(a, names), a.AbsenceReason)).ToList();
        var approvedBy = meeting.MinutesApprovedByPersonId is { } by ? names.People.GetValueOrDefault(by) : null;
        return new Minutes(heading, meeting.MinutesIntro, present, absent, notRecorded, items, approvedBy);
    }

    private static IEnumerable<Attendance> InListOrder(IEnumerable<Attendance> attendance, Names names) =>
        Attendance.InListOrder(attendance, a => a.PartyId is { } p ? names.Parties[p] : null, a => a.Role, a => names.People[a.PersonId]);

    private static string Describe(Attendance a, Names names) =>
        $"{names.People[a.PersonId]} ({a.Role.Label()}{(a.PartyId is { } p ? ", " + names.Parties[p] : "")}" +
        $"{(a.SubstituteForPersonId is { } s ? ", vara for " + names.People[s] : "")})";

    private sealed record Names(IReadOnlyDictionary<Guid, string> People, IReadOnlyDictionary<Guid, string> Parties);

    private static async Task<Names> NamesAsync(AppDbContext db, Meeting meeting, IEnumerable<Case>? cases = null)
    {
        var partnership = await db.Bodies.AsNoTracking().IgnoreAutoIncludes().Where(b => b.Id == meeting.BodyId).Select(b => b.PartnershipId).SingleAsync();
        var personIds = meeting.Attendance.Select(a => a.PersonId).Concat(meeting.Remarks.Select(r => r.PersonId))
            .Concat((cases ?? []).SelectMany(c => c.Treatments).SelectMany(t => t.Positions).Select(p => p.RegisteredByPersonId))
            .Concat((cases ?? []).SelectMany(c => c.Treatments).SelectMany(t => t.Wordings).Select(w => w.ByPersonId))
            .Concat(meeting.MinutesApprovedByPersonId is { } by ? [by] : []).Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name);
        var parties = await db.Parties.AsNoTracking().Where(p => p.PartnershipId == partnership).ToDictionaryAsync(p => p.Id, p => p.Name);
        return new Names(people, parties);
    }

    private static async Task<(Meeting, MeetingHeading)?> LoadAsync(AppDbContext db, Guid meetingId)
    {
        var meeting = await db.Meetings.AsNoTracking().WithMinutes().SingleOrDefaultAsync(m => m.Id == meetingId);
        if (meeting is null) return null;
        var body = await db.Bodies.AsNoTracking().IgnoreAutoIncludes().SingleAsync(b => b.Id == meeting.BodyId);
        return (meeting, new MeetingHeading(meeting.Id, body.Id, body.Name, body.ShortName, meeting.StartsAt, meeting.EndsAt, meeting.Location,
            meeting.VideoLink, meeting.Status, meeting.NoticeSentAt, meeting.MinutesApprovedAt));
    }
}
