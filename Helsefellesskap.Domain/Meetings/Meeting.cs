using Helsefellesskap.Domain.Partnerships;

namespace Helsefellesskap.Domain.Meetings;

public enum MeetingStatus { Planned, NoticeSent, InProgress, Closed, MinutesApproved, Cancelled }

/// <summary>
/// A meeting of a body: its agenda, who is called and who came, the item the chair has open, the remarks for the
/// minutes, and the minutes' prose. The cases' positions and outcomes live in the cases' treatments.
/// </summary>
public sealed class Meeting : Aggregate
{
    public const string NoticeItemTitle = "Godkjenning av innkalling og saksliste";
    public const string MinutesItemTitle = "Godkjenning av protokoll fra forrige møte";
    public const string AnyOtherBusinessTitle = "Eventuelt";

    private readonly List<AgendaItem> _agenda = [];
    private readonly List<Attendance> _attendance = [];
    private readonly List<MeetingRemark> _remarks = [];
    private readonly List<MinutesCorrection> _corrections = [];

    private Meeting() { Location = ""; MinutesIntro = ""; }

    /// <summary>
    /// Schedules a meeting: everyone with a seat in the body on the day is called, except substitutes.
    /// <paramref name="submission"/>, the key of the form that asked, becomes the meeting's id, so the same
    /// submission twice (a double click) can only ever make one meeting.
    /// </summary>
    public Meeting(Body body, DateTimeOffset startsAt, TimeSpan duration, string location, string? videoLink, DateOnly day,
        Guid? submission = null)
    {
        if (submission is { } key && key != Guid.Empty) Id = key;
        DomainException.ThrowIf(duration <= TimeSpan.Zero, "Et møte må vare en stund.");
        DomainException.ThrowIf(duration > TimeSpan.FromHours(12), "Et møte kan ikke vare mer enn 12 timer.");
        // Checked before the end is computed: the last moment a date can hold plus 12 hours does not exist.
        Plausible.Moment(startsAt, "Møtetidspunktet");
        Plausible.SingleLine(location, "Stedet");
        DomainException.ThrowIf(string.IsNullOrWhiteSpace(location) && string.IsNullOrWhiteSpace(videoLink),
            "Et møte må ha et sted eller en videolenke.");
        DomainException.ThrowIf(!string.IsNullOrWhiteSpace(videoLink) && !IsWebLink(videoLink.Trim()),
            "Videolenken må være en nettadresse som begynner med https:// eller http://.");
        BodyId = body.Id;
        StartsAt = startsAt;
        EndsAt = startsAt + duration;
        Location = location?.Trim() ?? "";
        VideoLink = string.IsNullOrWhiteSpace(videoLink) ? null : videoLink.Trim();
        Status = MeetingStatus.Planned;
        MinutesIntro = "";
        foreach (var seat in body.SeatsOn(day).Where(s => s.Role != SeatRole.Substitute))
            if (_attendance.All(a => a.PersonId != seat.PersonId))
                _attendance.Add(new Attendance(Id, seat.PersonId, seat.Role, seat.PartyId, null));
        _agenda.Add(new AgendaItem(Id, 1, AgendaItemKind.ApprovalOfNotice, NoticeItemTitle, null));
        _agenda.Add(new AgendaItem(Id, 2, AgendaItemKind.ApprovalOfMinutes, MinutesItemTitle, null));
        _agenda.Add(new AgendaItem(Id, 3, AgendaItemKind.AnyOtherBusiness, AnyOtherBusinessTitle, null));
    }

    public Guid BodyId { get; private set; }
    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }
    public string Location { get; private set; }
    public string? VideoLink { get; private set; }
    public MeetingStatus Status { get; private set; }
    public DateTimeOffset? NoticeSentAt { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }

    /// <summary>
    /// The revision of the calendar invitation (iCalendar SEQUENCE): 0 for the first notice, one more for every
    /// notice sent again, every change of time or place after a notice, and the cancellation.
    /// </summary>
    public int CalendarSequence { get; private set; }
    public DateTimeOffset? OpenedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public DateTimeOffset? MinutesApprovedAt { get; private set; }
    public Guid? MinutesApprovedByPersonId { get; private set; }

    /// <summary>The item every screen in the meeting shows: the open one, or the one last closed.</summary>
    public Guid? CurrentItemId { get; private set; }

    /// <summary>The secretariat's opening prose for the minutes (Markdown).</summary>
    public string MinutesIntro { get; private set; }

    public IReadOnlyList<AgendaItem> Agenda => _agenda.OrderBy(i => i.Order).ToList();
    public IReadOnlyList<Attendance> Attendance => _attendance;
    public IReadOnlyList<MeetingRemark> Remarks => _remarks;

    /// <summary>Corrections (rettelser) of the approved minutes, in order; the approved document itself never changes.</summary>
    public IReadOnlyList<MinutesCorrection> Corrections => _corrections.OrderBy(c => c.Number).ToList();

    public AgendaItem? OpenItem => _agenda.SingleOrDefault(i => i.State == AgendaItemState.Open);
    public AgendaItem? CurrentItem => _agenda.SingleOrDefault(i => i.Id == CurrentItemId);
    public bool MinutesAreLocked => Status == MeetingStatus.MinutesApproved;

    /// <summary>For demo data and imports of meetings that were held before the app.</summary>
    public void RecordAsHeld(bool minutesApproved)
    {
        Status = minutesApproved ? MeetingStatus.MinutesApproved : MeetingStatus.Closed;
        ClosedAt = EndsAt;
        if (minutesApproved) MinutesApprovedAt = EndsAt;
        foreach (var item in _agenda.Where(i => !i.IsCase && i.State == AgendaItemState.Pending))
        {
            item.Open(null, StartsAt);
            item.Close(StartsAt);
        }
    }

    /// <summary>For demo data and imports: a case that was treated in this meeting before the app, as a closed item.</summary>
    public AgendaItem RecordTreatedCase(Guid caseId, string title, Guid treatmentId)
    {
        DomainException.ThrowIf(_agenda.Any(i => i.CaseId == caseId), "Saken står allerede på sakslisten.");
        var aob = _agenda.Single(i => i.Kind == AgendaItemKind.AnyOtherBusiness);
        var item = new AgendaItem(Id, aob.Order++, AgendaItemKind.Case, title, caseId);
        item.Open(treatmentId, StartsAt);
        item.Close(StartsAt);
        _agenda.Add(item);
        return item;
    }

    // --- Before the meeting: the agenda and the notice ---

    /// <summary>Puts a case on the agenda, before "any other business"; the app checks it is ready for this body.</summary>
    public AgendaItem AddCase(Guid caseId, string title)
    {
        DomainException.ThrowIf(Status is MeetingStatus.Closed or MeetingStatus.MinutesApproved,
            "Møtet er avholdt; sakslisten kan ikke endres.");
        DomainException.ThrowIf(_agenda.Any(i => i.CaseId == caseId), "Saken står allerede på sakslisten.");
        var aob = _agenda.SingleOrDefault(i => i.Kind == AgendaItemKind.AnyOtherBusiness);
        var order = aob?.Order ?? _agenda.Count + 1;
        if (aob is not null) aob.Order++;
        var item = new AgendaItem(Id, order, AgendaItemKind.Case, title, caseId);
        _agenda.Add(item);
        return item;
    }

    /// <summary>Moves a case one place up or down among the cases; the standard items keep their places.</summary>
    public void MoveCase(Guid itemId, int direction)
    {
        DomainException.ThrowIf(Status is MeetingStatus.Closed or MeetingStatus.MinutesApproved,
            "Møtet er avholdt; sakslisten kan ikke endres.");
        var cases = _agenda.Where(i => i.IsCase).OrderBy(i => i.Order).ToList();
        var index = cases.FindIndex(i => i.Id == itemId);
        DomainException.ThrowIf(index < 0, "Bare saker kan flyttes på sakslisten.");
        var target = index + Math.Sign(direction);
        if (direction == 0 || target < 0 || target >= cases.Count) return;
        (cases[index].Order, cases[target].Order) = (cases[target].Order, cases[index].Order);
    }

    public void RemoveCase(Guid itemId)
    {
        var item = ItemById(itemId);
        DomainException.ThrowIf(!item.IsCase, "Standardpunktene på sakslisten kan ikke fjernes.");
        DomainException.ThrowIf(item.State != AgendaItemState.Pending,
            $"«{item.Title}» er behandlet i møtet og kan ikke fjernes fra sakslisten.");
        _agenda.Remove(item);
        foreach (var later in _agenda.Where(i => i.Order > item.Order)) later.Order--;
    }

    /// <summary>The notice (innkalling) goes out with the agenda; sending again after a change sends an updated one.</summary>
    public void SendNotice(DateTimeOffset at)
    {
        DomainException.ThrowIf(Status is not (MeetingStatus.Planned or MeetingStatus.NoticeSent),
            "Innkallingen sendes før møtet begynner.");
        DomainException.ThrowIf(!_agenda.Any(i => i.IsCase), "Sett minst én sak på sakslisten før innkallingen sendes.");
        if (Status == MeetingStatus.NoticeSent) CalendarSequence++;
        Status = MeetingStatus.NoticeSent;
        NoticeSentAt = at;
    }

    /// <summary>
    /// Moves the meeting or changes its place before it begins. Returns whether those called must be told: after
    /// the notice, every change of time or place is a new revision of the invitation.
    /// </summary>
    public bool Reschedule(DateTimeOffset startsAt, TimeSpan duration, string location, string? videoLink)
    {
        DomainException.ThrowIf(Status is not (MeetingStatus.Planned or MeetingStatus.NoticeSent),
            "Tid og sted kan bare endres før møtet begynner.");
        DomainException.ThrowIf(duration <= TimeSpan.Zero, "Et møte må vare en stund.");
        DomainException.ThrowIf(duration > TimeSpan.FromHours(12), "Et møte kan ikke vare mer enn 12 timer.");
        Plausible.Moment(startsAt, "Møtetidspunktet");
        Plausible.SingleLine(location, "Stedet");
        DomainException.ThrowIf(string.IsNullOrWhiteSpace(location) && string.IsNullOrWhiteSpace(videoLink),
            "Et møte må ha et sted eller en videolenke.");
        DomainException.ThrowIf(!string.IsNullOrWhiteSpace(videoLink) && !IsWebLink(videoLink.Trim()),
            "Videolenken må være en nettadresse som begynner med https:// eller http://.");
        var newLocation = location?.Trim() ?? "";
        var newVideo = string.IsNullOrWhiteSpace(videoLink) ? null : videoLink.Trim();
        var changed = startsAt != StartsAt || startsAt + duration != EndsAt || newLocation != Location || newVideo != VideoLink;
        if (!changed) return false;
        StartsAt = startsAt;
        EndsAt = startsAt + duration;
        Location = newLocation;
        VideoLink = newVideo;
        if (Status != MeetingStatus.NoticeSent) return false;
        CalendarSequence++;
        return true;
    }

    /// <summary>Cancels a meeting that has not begun; those who had the notice are told (returns whether they were).</summary>
    public bool Cancel(DateTimeOffset at)
    {
        DomainException.ThrowIf(Status is not (MeetingStatus.Planned or MeetingStatus.NoticeSent),
            "Bare et møte som ikke har begynt kan avlyses.");
        var noticeSent = Status == MeetingStatus.NoticeSent;
        if (noticeSent) CalendarSequence++;
        Status = MeetingStatus.Cancelled;
        CancelledAt = at;
        return noticeSent;
    }

    // --- Attendance ---

    public void ReportAbsence(Guid personId, string? reason)
    {
        DomainException.ThrowIf(Status is MeetingStatus.Closed or MeetingStatus.MinutesApproved,
            "Møtet er avholdt; fravær kan ikke lenger meldes.");
        var attendance = AttendanceOf(personId);
        // docs/roles.md: observers follow the meeting; they are not called to it and so have no absence to report.
        DomainException.ThrowIf(attendance.Role == SeatRole.Observer,
            "Observatører melder ikke forfall; forfall meldes av medlemmer, varaer, deltakere og sekretariatet.");
        DomainException.ThrowIf(attendance.Status == AttendanceStatus.Absent, "Forfall er allerede meldt.");
        attendance.ReportAbsence(reason);
    }

    /// <summary>The secretariat records who came; someone whose substitute acts in their place is not present.</summary>
    public void RecordPresence(Guid personId, bool present)
    {
        DomainException.ThrowIf(MinutesAreLocked, "Protokollen er godkjent; oppmøtet kan ikke endres.");
        var attendance = AttendanceOf(personId);
        DomainException.ThrowIf(present && _attendance.Any(a => a.SubstituteForPersonId == personId),
            "En vararepresentant møter i stedet for denne personen. Fjern ikke varaen; registrer heller varaen som fraværende.");
        attendance.RecordPresence(present);
    }

    /// <summary>
    /// "Alle innkalte møtte": everyone called who has not reported absence is present, in one command; the
    /// secretariat then records the exceptions one by one. Returns how many were recorded.
    /// </summary>
    public int RecordAllCalledPresent()
    {
        DomainException.ThrowIf(MinutesAreLocked, "Protokollen er godkjent; oppmøtet kan ikke endres.");
        var expected = _attendance.Where(a => a.Status == AttendanceStatus.Expected).ToList();
        DomainException.ThrowIf(expected.Count == 0, "Alle innkalte har allerede registrert oppmøte eller forfall.");
        foreach (var a in expected) a.RecordPresence(true);
        return expected.Count;
    }

    /// <summary>
    /// Calls in a substitute for a member who reported absence. The substitute must hold a substitute seat for the
    /// same party in the body, and then acts for the party in this meeting.
    /// </summary>
    public Attendance CallInSubstitute(Seat substituteSeat, Guid forPersonId)
    {
        DomainException.ThrowIf(Status is MeetingStatus.Closed or MeetingStatus.MinutesApproved,
            "Møtet er avholdt; vara kan ikke lenger kalles inn.");
        DomainException.ThrowIf(substituteSeat.BodyId != BodyId, "Vervet hører til et annet utvalg.");
        DomainException.ThrowIf(substituteSeat.Role != SeatRole.Substitute, "Bare en vararepresentant kan kalles inn som vara.");
        var absent = AttendanceOf(forPersonId);
        DomainException.ThrowIf(absent.Status != AttendanceStatus.Absent,
            "Vara kalles inn for et medlem som har meldt forfall. Meld forfall for medlemmet først.");
        DomainException.ThrowIf(absent.PartyId != substituteSeat.PartyId,
            "Varaen representerer en annen part enn medlemmet som har forfall.");
        DomainException.ThrowIf(_attendance.Any(a => a.SubstituteForPersonId == forPersonId),
            "Det er allerede kalt inn en vara for dette medlemmet.");
        DomainException.ThrowIf(_attendance.Any(a => a.PersonId == substituteSeat.PersonId),
            "Denne personen er allerede innkalt til møtet.");
        var substitute = new Attendance(Id, substituteSeat.PersonId, SeatRole.Substitute, substituteSeat.PartyId, forPersonId);
        _attendance.Add(substitute);
        return substitute;
    }

    /// <summary>
    /// Who states a party's position in the meeting: not a member who reported absence, and a substitute only
    /// once called in. The actor's seat is checked by <see cref="Access.Actor.MustStatePositionInMeeting"/>.
    /// </summary>
    public void MustBeAbleToStatePosition(Guid personId, SeatRole role)
    {
        if (PositionRefusal(role, PresenceOf(personId)) is { } refusal) throw new DomainException(refusal);
    }

    /// <summary>A substitute is called in for a chair, deputy or member who reported absence, one substitute for each.</summary>
    public bool AwaitsSubstitute(Guid personId) =>
        _attendance.SingleOrDefault(a => a.PersonId == personId) is { Status: AttendanceStatus.Absent, PartyId: not null, IsCalledInSubstitute: false } absent &&
        absent.Role is SeatRole.Chair or SeatRole.DeputyChair or SeatRole.Member &&
        !_attendance.Any(a => a.SubstituteForPersonId == personId);

    /// <summary>How a person stands in this meeting's attendance, as the rules on positions read it.</summary>
    public MeetingPresence PresenceOf(Guid? personId) =>
        MeetingPresence.Of(_attendance.SingleOrDefault(a => a.PersonId == personId));

    public static string? PositionRefusal(SeatRole role, MeetingPresence presence) =>
        role == SeatRole.Substitute && !presence.CalledInAsSubstitute ? "Du er vararepresentant og er ikke kalt inn til dette møtet."
        : presence.Status == AttendanceStatus.Absent ? "Du har meldt forfall til dette møtet, så du kan ikke gi standpunkt her. Meld deg til stede hos sekretariatet."
        : null;

    // --- In the meeting ---

    public void Open(DateTimeOffset at)
    {
        DomainException.ThrowIf(Status == MeetingStatus.Planned, "Send innkallingen før møtet åpnes.");
        DomainException.ThrowIf(Status != MeetingStatus.NoticeSent, "Møtet er allerede åpnet eller avholdt.");
        Status = MeetingStatus.InProgress;
        OpenedAt = at;
    }

    /// <summary>The chair opens an item; every screen in the meeting follows to it.</summary>
    public AgendaItem OpenAgendaItem(Guid itemId, Guid? treatmentId, DateTimeOffset at)
    {
        DomainException.ThrowIf(Status != MeetingStatus.InProgress, "Møtet må være åpnet før en sak kan behandles.");
        var item = ItemById(itemId);
        var open = OpenItem;
        DomainException.ThrowIf(open is not null && open.Id != itemId,
            $"«{open?.Title}» er fortsatt åpen. Avslutt den før neste punkt åpnes.");
        item.Open(treatmentId, at);
        CurrentItemId = item.Id;
        return item;
    }

    public void CloseAgendaItem(Guid itemId, DateTimeOffset at)
    {
        DomainException.ThrowIf(Status != MeetingStatus.InProgress, "Møtet er ikke i gang.");
        ItemById(itemId).Close(at);
    }

    /// <summary>
    /// A remark for the minutes on an item that is open or has been treated in this meeting. The same
    /// <paramref name="submission"/> twice records the remark once: the second time returns the first.
    /// </summary>
    public MeetingRemark AddRemark(Guid itemId, Guid personId, string text, DateTimeOffset at, Guid? submission = null)
    {
        if (submission is { } key && _remarks.SingleOrDefault(r => r.Id == key) is { } earlier) return earlier;
        DomainException.ThrowIf(Status != MeetingStatus.InProgress, "Merknader til protokollen gis mens møtet pågår.");
        var item = ItemById(itemId);
        DomainException.ThrowIf(item.State == AgendaItemState.Pending, $"«{item.Title}» er ikke åpnet ennå.");
        var remark = new MeetingRemark(Id, itemId, personId, text, at, submission);
        _remarks.Add(remark);
        return remark;
    }

    /// <summary>Closes the meeting. Items never opened were not treated, and their cases wait for a later meeting.</summary>
    public void Close(DateTimeOffset at)
    {
        DomainException.ThrowIf(Status != MeetingStatus.InProgress, "Bare et møte som pågår kan avsluttes.");
        var open = OpenItem;
        DomainException.ThrowIf(open is not null, $"«{open?.Title}» er fortsatt åpen. Avslutt den før møtet avsluttes.");
        Status = MeetingStatus.Closed;
        ClosedAt = at;
    }

    // --- After the meeting: the minutes ---

    public void WriteMinutes(Guid? itemId, string text)
    {
        DomainException.ThrowIf(MinutesAreLocked, "Protokollen er godkjent og låst. Den kan ikke endres.");
        DomainException.ThrowIf(Status != MeetingStatus.Closed, "Protokollen skrives når møtet er avsluttet.");
        Plausible.LongText(text, "Protokollteksten");
        if (itemId is { } id) ItemById(id).WriteMinutes(text ?? "");
        else MinutesIntro = (text ?? "").Trim();
    }

    /// <summary>
    /// Approves the minutes and freezes them: <paramref name="document"/> is everything the minutes show, rendered
    /// for this approval; it is stored with its SHA-256 in the same save, and every later view shows it.
    /// </summary>
    public ApprovedMinutes ApproveMinutes(Guid byPersonId, DateTimeOffset at, string document)
    {
        DomainException.ThrowIf(MinutesAreLocked, "Protokollen er allerede godkjent.");
        DomainException.ThrowIf(Status != MeetingStatus.Closed, "Protokollen godkjennes etter at møtet er avsluttet.");
        var approved = new ApprovedMinutes(Id, document, at, byPersonId, frozenAtUpgrade: false);
        Status = MeetingStatus.MinutesApproved;
        MinutesApprovedAt = at;
        MinutesApprovedByPersonId = byPersonId;
        return approved;
    }

    /// <summary>
    /// For minutes approved before the app stored the approved document: freezes them as they render now, marked
    /// as frozen at the upgrade. The caller freezes each meeting's minutes once.
    /// </summary>
    public ApprovedMinutes FreezeApprovedMinutesAtUpgrade(string document)
    {
        DomainException.ThrowIf(!MinutesAreLocked, "Bare godkjente protokoller fryses ved oppgradering.");
        return new ApprovedMinutes(Id, document, MinutesApprovedAt ?? EndsAt, MinutesApprovedByPersonId, frozenAtUpgrade: true);
    }

    /// <summary>
    /// A mistake in approved minutes is corrected only by a recorded correction with a reason, shown after the
    /// minutes; the approved text stays as it was. The app checks that the one correcting may approve minutes.
    /// </summary>
    public MinutesCorrection CorrectMinutes(string text, string reason, Guid byPersonId, DateTimeOffset at)
    {
        DomainException.ThrowIf(!MinutesAreLocked,
            "Bare en godkjent protokoll rettes med en rettelse. Et utkast endres direkte i protokollteksten.");
        var correction = new MinutesCorrection(Id, _corrections.Count + 1, text, reason, byPersonId, at);
        _corrections.Add(correction);
        return correction;
    }

    private AgendaItem ItemById(Guid itemId) =>
        _agenda.SingleOrDefault(i => i.Id == itemId) ?? throw new DomainException("Punktet finnes ikke på sakslisten.");

    private Attendance AttendanceOf(Guid personId) =>
        _attendance.SingleOrDefault(a => a.PersonId == personId)
        ?? throw new DomainException("Personen er ikke innkalt til dette møtet.");

    private static bool IsWebLink(string link) =>
        Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http";
}
