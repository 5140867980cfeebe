using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features.Access;
using Helsefellesskap.App.Features.Cases;
using Helsefellesskap.App.Features.Meetings.Live;
using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Access;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Meetings;
using Helsefellesskap.Domain.Partnerships;
using Helsefellesskap.App.Features.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.App.Features.Meetings;

/// <summary>What the secretariat types when it schedules a meeting.</summary>
/// <paramref name="Submission"/> is made when the form renders: the same submission twice schedules one meeting.
public sealed record MeetingInput(Guid BodyId, DateOnly Day, TimeOnly StartTime, TimeSpan Duration, string Location, string? VideoLink,
    Guid? Submission = null);

/// <summary>A remark as the form sent it; <paramref name="Key"/> makes the same submission twice record one remark.</summary>
public sealed record RemarkSubmission(string Text, Guid Key);

/// <summary>How the chair closes an item: the next step without consensus, where a recommendation goes, or a send-back.</summary>
public sealed record ItemClosing(NextStep? NextStep = null, Guid? ForwardToBodyId = null, string? SendBackComment = null);

/// <summary>
/// The commands of a meeting, before, in and after it. Each reads the actor fresh, lets the domain decide, saves the
/// meeting and the case it touches in one transaction, then reads the meeting's snapshot once and publishes it to
/// every screen that follows the meeting.
/// </summary>
public sealed class MeetingWork(IDbContextFactory<AppDbContext> dbFactory, WriteGate gate, Actors actors,
    IMeetingBus bus, CaseNotifier caseNotifier, TimeProvider clock, Documents.MeetingDocuments documents,
    IOptions<EmailOptions> email, OutboxSignal outbox, Data.Audit.AuditCheckpoints? checkpoints = null)
{
    private DateOnly Today => OsloTime.Today(clock);
    private DateTimeOffset Now => clock.GetUtcNow();

    public Task<Guid> ScheduleAsync(MeetingInput input) => gate.RunAsync(async () =>
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var actor = await actors.CurrentAsync(db);
        actor.MustWrite(OsloTime.Today(clock)); // a read-only sign-in writes nothing
        actor.MustScheduleMeeting(Today);
        // A submission seen before (a double click, a retry) made its meeting already; that meeting is the answer.
        if (input.Submission is { } key && await db.Meetings.AsNoTracking().AnyAsync(m => m.Id == key)) return key;
        var body = await db.Bodies.SingleOrDefaultAsync(b => b.Id == input.BodyId) ?? throw new DomainException("Velg et utvalg.");
        DomainException.ThrowIf(input.Day < Today, "Et nytt møte kan ikke legges til en dag som har vært.");
        var meeting = new Meeting(body, OsloTime.At(input.Day, input.StartTime.Hour, input.StartTime.Minute), input.Duration,
            input.Location, input.VideoLink, input.Day, input.Submission);
        db.Meetings.Add(meeting);
        db.AuditAction = $"Møte i {body.ShortName} planlagt";
        try
        {
            await db.SaveChangesAsync();
        }
        // On PostgreSQL no gate keeps the same submission's two saves apart: the second fails on the meeting's key
        // (its id is the submission), and the meeting the first made is the answer to both.
        catch (DbUpdateException) when (input.Submission is { } submitted)
        {
            if (!await MadeAlreadyAsync(db => db.Meetings.AnyAsync(m => m.Id == submitted))) throw;
            return submitted;
        }
        return meeting.Id;
    });

    // --- Before the meeting ---

    public Task AddCaseAsync(Guid meetingId, Guid caseId) => Change(meetingId, async (db, actor, meeting) =>
    {
        actor.MustSetAgenda(Today);
        var @case = await db.Cases.AsNoTracking().WithRecord().SingleOrDefaultAsync(c => c.Id == caseId) ?? throw new DomainException("Saken finnes ikke.");
        var body = await BodyAsync(db, meeting.BodyId);
        var number = CaseRegister.NumberText(@case, await CaseRegister.ShortNamesAsync(db));
        DomainException.ThrowIf(!@case.IsReadyForAgendaOf(body.Id),
            $"{number} er ikke lagt fram for {body.ShortName} og kan ikke settes på sakslisten.");
        var elsewhere = await db.Set<AgendaItem>().AnyAsync(i => i.CaseId == caseId && i.MeetingId != meetingId && i.State != AgendaItemState.Closed &&
            db.Meetings.Any(m => m.Id == i.MeetingId && (m.Status == MeetingStatus.Planned || m.Status == MeetingStatus.NoticeSent || m.Status == MeetingStatus.InProgress)));
        DomainException.ThrowIf(elsewhere, $"{number} står allerede på sakslisten til et annet møte.");
        meeting.AddCase(caseId, @case.Title);
        db.AuditAction = $"{number} satt på sakslisten";
    });

    public Task MoveCaseAsync(Guid meetingId, Guid itemId, int direction) => Change(meetingId, (db, actor, meeting) =>
    {
        actor.MustSetAgenda(Today);
        meeting.MoveCase(itemId, direction);
        db.AuditAction = "Sakslisten endret";
        return Task.CompletedTask;
    });

    public Task RemoveCaseAsync(Guid meetingId, Guid itemId) => Change(meetingId, (db, actor, meeting) =>
    {
        actor.MustSetAgenda(Today);
        meeting.RemoveCase(itemId);
        db.AuditAction = "Sak fjernet fra sakslisten";
        return Task.CompletedTask;
    });

    /// <summary>Sends the notice: one e-mail with the invitation to everyone called, written in the same save.</summary>
    public Task SendNoticeAsync(Guid meetingId) => Change(meetingId, async (db, actor, meeting) =>
    {
        actor.MustSendNotice(Today);
        meeting.SendNotice(Now);
        await MeetingMail.EnqueueNoticeAsync(db, meeting, email.Value, Now);
        db.AuditAction = "Innkalling sendt";
    });

    /// <summary>Moves the meeting or changes its place; after the notice, everyone called gets the updated invitation.</summary>
    public Task RescheduleAsync(Guid meetingId, DateOnly day, TimeOnly startTime, TimeSpan duration, string location, string? videoLink) =>
        Change(meetingId, async (db, actor, meeting) =>
    {
        actor.MustRescheduleMeeting(Today);
        DomainException.ThrowIf(day < Today, "Et møte kan ikke flyttes til en dag som har vært.");
        if (meeting.Reschedule(OsloTime.At(day, startTime.Hour, startTime.Minute), duration, location, videoLink))
            await MeetingMail.EnqueueNoticeAsync(db, meeting, email.Value, Now);
        db.AuditAction = "Tid og sted for møtet endret";
    });

    /// <summary>Cancels the meeting; those who had the notice get a cancellation that removes it from their calendars.</summary>
    public Task CancelAsync(Guid meetingId) => Change(meetingId, async (db, actor, meeting) =>
    {
        actor.MustCancelMeeting(Today);
        if (meeting.Cancel(Now)) await MeetingMail.EnqueueNoticeAsync(db, meeting, email.Value, Now);
        db.AuditAction = "Møtet avlyst";
    });

    /// <summary>A seat holder reports their own absence; the secretariat may report it for anyone called.</summary>
    public Task ReportAbsenceAsync(Guid meetingId, Guid? personId, string? reason) => Change(meetingId, (db, actor, meeting) =>
    {
        var who = personId ?? actor.ActingPersonId;
        actor.MustReportAbsence(who, Today);
        meeting.ReportAbsence(who, reason);
        db.AuditAction = "Forfall meldt";
        return Task.CompletedTask;
    });

    public Task RecordPresenceAsync(Guid meetingId, Guid personId, bool present) => Change(meetingId, (db, actor, meeting) =>
    {
        actor.MustRecordAttendance(Today);
        meeting.RecordPresence(personId, present);
        db.AuditAction = present ? "Registrert til stede" : "Registrert fraværende";
        return Task.CompletedTask;
    });

    public Task RecordAllCalledPresentAsync(Guid meetingId) => Change(meetingId, (db, actor, meeting) =>
    {
        actor.MustRecordAttendance(Today);
        var count = meeting.RecordAllCalledPresent();
        db.AuditAction = $"Alle innkalte registrert til stede ({count})";
        return Task.CompletedTask;
    });

    public Task CallInSubstituteAsync(Guid meetingId, Guid substitutePersonId, Guid forPersonId) => Change(meetingId, async (db, actor, meeting) =>
    {
        actor.MustRecordAttendance(Today);
        var body = await BodyAsync(db, meeting.BodyId);
        var day = DateOnly.FromDateTime(meeting.StartsAt.ToOslo().DateTime);
        var seat = body.SeatsOn(day).FirstOrDefault(s => s.PersonId == substitutePersonId && s.Role == SeatRole.Substitute)
            ?? throw new DomainException($"Personen er ikke vararepresentant i {body.ShortName} på møtedagen.");
        meeting.CallInSubstitute(seat, forPersonId);
        // A substitute called in after the notice gets it too, as it stands now.
        if (meeting.Status == MeetingStatus.NoticeSent)
            await MeetingMail.EnqueueNoticeAsync(db, meeting, email.Value, Now, [substitutePersonId]);
        db.AuditAction = "Vara kalt inn";
    });

    // --- In the meeting ---

    public Task OpenMeetingAsync(Guid meetingId) => Change(meetingId, async (db, actor, meeting) =>
    {
        await MustRunAsync(db, meeting, (body, day) => actor.MustOpenMeeting(body.Id, body.ShortName, day));
        meeting.Open(Now);
        db.AuditAction = "Møtet åpnet";
    });

    /// <summary>Opens an agenda item; a case item starts the case's treatment in this meeting.</summary>
    public Task OpenItemAsync(Guid meetingId, Guid itemId) => Change(meetingId, async (db, actor, meeting) =>
    {
        await MustRunAsync(db, meeting, (body, day) => actor.MustOpenMeetingItem(body.Id, body.ShortName, day));
        var item = meeting.Agenda.SingleOrDefault(i => i.Id == itemId) ?? throw new DomainException("Punktet finnes ikke på sakslisten.");
        Guid? treatmentId = null;
        if (item.IsCase)
        {
            var @case = await CaseAsync(db, item.CaseId!.Value);
            var body = await BodyAsync(db, meeting.BodyId);
            treatmentId = @case.StartTreatment(body, Today, actor.ActingPersonId, Now, meeting.Id).Id;
        }
        meeting.OpenAgendaItem(itemId, treatmentId, Now);
        db.AuditAction = $"Åpnet «{item.Title}»";
    });

    /// <summary>
    /// A representative states their party's position on the open item; the secretariat may register it on the
    /// party's behalf. <paramref name="seen"/> is the party's position on the screen the click came from.
    /// The busiest command of a meeting, so it reads only what its rules need (<see cref="RegistrationAsync"/>), saves
    /// once, and builds the next snapshot from the last one and the treatment it saved.
    /// </summary>
    public async Task RegisterPositionAsync(Guid meetingId, Guid itemId, Guid partyId, int wordingVersion, PositionKind kind, string? text,
        SeenPosition? seen)
    {
        // Every party registers on the same case, often at the same moment. Registrations in one meeting take turns
        // (on SQLite the gate, on PostgreSQL the meeting's turn across servers); a save that still finds the case
        // changed since its read (from its own page, say) is run again on what is there now, where the seen position
        // and the wording version are checked again.
        var (snapshot, caseId) = await gate.RunAgainOnConflictAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            await using var turn = await db.BeginTurnAsync(meetingId);
            var actor = await actors.CurrentAsync(db);
            actor.MustWrite(Today); // a read-only sign-in writes nothing
            var (presence, party, @case, treatment) = await RegistrationAsync(db, meetingId, itemId, partyId, actor.PersonId);
            actor.MustStatePositionInMeeting(treatment.BodyId, party, treatment.BodyName, Today, presence);
            var onBehalf = actor.RegistersOnBehalf(treatment.BodyId, party, treatment.BodyName, Today);
            // The name of whoever registered the party's standing position, for the refusal to replace it unasked.
            var standing = treatment.CurrentPositions.FirstOrDefault(p => p.PartyId == partyId);
            var names = standing is not null && standing.RegisteredByPersonId != actor.ActingPersonId && seen?.ConfirmsReplacing != true
                ? await db.People.AsNoTracking().Where(p => p.Id == standing.RegisteredByPersonId).ToDictionaryAsync(p => p.Id, p => p.Name)
                : [];
            @case.RegisterPosition(treatment.Id, party, wordingVersion, kind, text, actor.ActingPersonId, onBehalf, Now, seen,
                id => names.GetValueOrDefault(id, "en annen"), actor.ProvedOrganisation);
            db.AuditAction = onBehalf
                ? $"Standpunkt registrert av sekretariatet på vegne av {party.Name}"
                : $"Standpunkt registrert for {party.Name}";
            await db.SaveChangesAsync();
            if (turn is not null) await turn.CommitAsync();
            if (!bus.AnyoneFollows(meetingId)) return (null, @case.Id);
            // Inside the gate, as every command's snapshot: snapshots then follow the order of the changes.
            var revision = await bus.NextRevisionAsync(db);
            var next = bus.Latest(meetingId) is { } latest
                ? MeetingSnapshots.AfterRegistration(latest, treatment, id => id == actor.ActingPersonId ? ActingName(actor) : null, revision)
                : null;
            if (next is null)
            {
                db.ChangeTracker.Clear();
                next = await MeetingSnapshots.LoadAsync(db, meetingId, revision);
            }
            if (next is not null) bus.Remember(next);
            return (next, @case.Id);
        });
        // A registration writes no mail: the outbox worker is not woken for it.
        if (snapshot is not null) _ = bus.PublishAsync(snapshot);
        _ = caseNotifier.PublishAsync(caseId);
    }

    /// <summary>The name the board shows for the actor's own position: theirs, unless they act for someone else.</summary>
    private static string? ActingName(Actor actor) => actor.ActingPersonId == actor.PersonId ? actor.Name : null;

    /// <summary>
    /// What a registration's rules need, in two statements: the item, the actor's own attendance line and the party;
    /// then the case's own row with its latest proposal version (for the register's projection) and only this
    /// treatment, with its current wording, its standing positions (replaced ones are history the rules never read)
    /// and the parties that must agree. The party is tracked, so the audit finds its name without reading it again.
    /// </summary>
    private static async Task<(MeetingPresence Presence, Party Party, Case Case, Treatment Treatment)> RegistrationAsync(AppDbContext db,
        Guid meetingId, Guid itemId, Guid partyId, Guid? personId)
    {
        var found = await RegistrationItemQuery(db, meetingId, partyId, itemId, personId) ?? throw new DomainException("Møtet finnes ikke.");
        var item = found.Items.SingleOrDefault() ?? throw new DomainException("Punktet finnes ikke på sakslisten.");
        var party = found.Party ?? throw new DomainException("Parten finnes ikke.");
        db.Attach(party);
        DomainException.ThrowIf(!item.IsCase, $"«{item.Title}» er ikke en sak som partene gir standpunkt til.");
        DomainException.ThrowIf(item.TreatmentId is null, $"«{item.Title}» er ikke åpnet ennå. Standpunkt gis når lederen har åpnet saken.");
        var treatmentId = item.TreatmentId!.Value;
        var @case = await RegistrationCaseQuery(db, item.CaseId!.Value, treatmentId) ?? throw new DomainException("Saken finnes ikke.");
        var treatment = @case.Treatments.SingleOrDefault(t => t.Id == treatmentId) ?? throw new DomainException("Behandlingen finnes ikke i denne saken.");
        // The domain takes a position only on an open treatment, and an open treatment is the case's latest: what the
        // register projects from the case when it saves (its status, the body it waits for) is then read from it alone.
        return (MeetingPresence.Of(found.Attendance.SingleOrDefault()), party, @case, treatment);
    }

    // The registration's two reads, compiled once: EF otherwise walks and compares each LINQ tree at every execution to
    // find its cached plan, which cost more CPU than running the statements (bench/README.md, RegistrationBench).
    private static readonly Func<AppDbContext, Guid, Guid, Guid, Guid?, Task<RegistrationRows?>> RegistrationItemQuery =
        EF.CompileAsyncQuery((AppDbContext db, Guid meetingId, Guid partyId, Guid itemId, Guid? personId) => (
                from m in db.Meetings.AsNoTracking().IgnoreAutoIncludes().Where(m => m.Id == meetingId)
                from p in db.Parties.AsNoTracking().Where(p => p.Id == partyId).DefaultIfEmpty()
                select new RegistrationRows(p, m.Agenda.Where(i => i.Id == itemId).ToList(), m.Attendance.Where(a => a.PersonId == personId).ToList()))
            .AsSingleQuery().SingleOrDefault());

    private static readonly Func<AppDbContext, Guid, Guid, Task<Case?>> RegistrationCaseQuery =
        EF.CompileAsyncQuery((AppDbContext db, Guid caseId, Guid treatmentId) => db.Cases
            .Include(c => c.ProposalVersions.OrderByDescending(v => v.Version).Take(1))
            .Include(c => c.Treatments.Where(t => t.Id == treatmentId)).ThenInclude(t => t.Wordings.OrderByDescending(w => w.Version).Take(1))
            .Include(c => c.Treatments).ThenInclude(t => t.Positions.Where(p => p.ReplacedAt == null))
            .Include("Treatments._requiredParties")
            .AsSingleQuery().SingleOrDefault(c => c.Id == caseId));

    private sealed record RegistrationRows(Party? Party, List<AgendaItem> Items, List<Attendance> Attendance);

    public Task AmendWordingAsync(Guid meetingId, Guid itemId, string text) => Change(meetingId, async (db, actor, meeting) =>
    {
        await MustRunAsync(db, meeting, (body, day) => actor.MustAmendWording(body.Id, body.ShortName, day));
        var (item, @case) = await CaseItemAsync(db, meeting, itemId);
        @case.AmendWording(item.TreatmentId!.Value, text, actor.ActingPersonId, Now);
        db.AuditAction = "Ordlyd endret i møtet";
    });

    /// <summary>Anyone with a say in the meeting, participants included, may add a remark for the minutes.</summary>
    public Task AddRemarkAsync(Guid meetingId, Guid itemId, string text, Guid? submission = null) => Change(meetingId, async (db, actor, meeting) =>
    {
        var body = await BodyAsync(db, meeting.BodyId);
        actor.MustAddRemark(body.Id, body.ShortName, Today);
        meeting.AddRemark(itemId, actor.ActingPersonId, text, Now, submission);
        db.AuditAction = "Merknad til protokollen";
    }, minutes: true, // the remarks so far: the same submission twice records one
        madeAlready: submission is { } key ? db => db.Set<MeetingRemark>().AnyAsync(r => r.Id == key) : null);

    /// <summary>The chair closes an item. The outcome is the domain's; the chair only chooses what happens without consensus.</summary>
    public Task CloseItemAsync(Guid meetingId, Guid itemId, ItemClosing closing) => Change(meetingId, async (db, actor, meeting) =>
    {
        var item = meeting.Agenda.SingleOrDefault(i => i.Id == itemId) ?? throw new DomainException("Punktet finnes ikke på sakslisten.");
        var body = await BodyAsync(db, meeting.BodyId);
        actor.MustCloseMeetingItem(body.Id, body.ShortName, Today, item.IsCase);
        DomainException.ThrowIf(item.State == AgendaItemState.Closed, $"«{item.Title}» er allerede avsluttet.");
        if (item.IsCase && item.TreatmentId is { } treatmentId)
        {
            var @case = await CaseAsync(db, item.CaseId!.Value);
            if (closing.SendBackComment is { } comment) @case.SendBack(treatmentId, comment, Now);
            else
            {
                var parties = await db.Parties.AsNoTracking().Where(p => p.PartnershipId == @case.PartnershipId).ToListAsync();
                var forwardTo = closing.ForwardToBodyId is { } id ? await BodyAsync(db, id) : null;
                var nextStepBody = await NextStepBodyAsync(db, body, closing.NextStep);
                @case.CloseTreatment(treatmentId, Now, closing.NextStep, parties, forwardTo, nextStepBody, actor.ActingPersonId);
            }
        }
        meeting.CloseAgendaItem(itemId, Now);
        db.AuditAction = $"Avsluttet «{item.Title}»";
    });

    public Task CloseMeetingAsync(Guid meetingId) => Change(meetingId, async (db, actor, meeting) =>
    {
        await MustRunAsync(db, meeting, (body, day) => actor.MustRunMeeting(body.Id, body.ShortName, day, "avslutte møtet"));
        meeting.Close(Now);
        db.AuditAction = "Møtet avsluttet";
    });

    // --- After the meeting ---

    public Task WriteMinutesAsync(Guid meetingId, Guid? itemId, string text) => Change(meetingId, (db, actor, meeting) =>
    {
        actor.MustWriteMinutes(Today);
        meeting.WriteMinutes(itemId, text);
        db.AuditAction = "Protokolltekst endret";
        return Task.CompletedTask;
    });

    /// <summary>
    /// Records the approval and freezes the minutes: the document as it renders now, with this approval, is stored
    /// with its SHA-256 in the same save (and so in the audit trail); every later view shows that document.
    /// </summary>
    public async Task ApproveMinutesAsync(Guid meetingId)
    {
        await Change(meetingId, async (db, actor, meeting) =>
        {
            await MustRunAsync(db, meeting, (body, day) => actor.MustApproveMinutes(body.Id, body.ShortName, day));
            var at = Now;
            // Rendered inside the write gate from what is saved, so nothing can change between rendering and approving.
            var document = await documents.RenderForApprovalAsync(meetingId, actor.ActingPersonId, at);
            db.ApprovedMinutes.Add(meeting.ApproveMinutes(actor.ActingPersonId, at, document));
            await MeetingMail.EnqueueMinutesApprovedAsync(db, meeting, email.Value, at);
            db.AuditAction = "Protokoll godkjent og låst";
        });
        // The head after the approval leaves the database at once (the document itself holds the head before it).
        if (checkpoints is not null) await checkpoints.AppendAsync(dbFactory, clock, Data.Audit.AuditCheckpoints.AtApproval);
    }

    /// <summary>A correction of approved minutes, registered by those who may approve minutes.</summary>
    public Task CorrectMinutesAsync(Guid meetingId, string text, string reason) => Change(meetingId, async (db, actor, meeting) =>
    {
        await MustRunAsync(db, meeting, (body, day) => actor.MustCorrectMinutes(body.Id, body.ShortName, day));
        var correction = meeting.CorrectMinutes(text, reason, actor.ActingPersonId, Now);
        db.AuditAction = $"Rettelse {correction.Number} til protokollen";
    }, minutes: true); // the corrections so far: the next one is numbered after them

    /// <summary>Reads a meeting's snapshot for a screen that joins it; later changes arrive through the notifier.</summary>
    public async Task<MeetingSnapshot?> SnapshotAsync(Guid meetingId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await MeetingSnapshots.LoadAsync(db, meetingId, await bus.NextRevisionAsync(db));
    }

    /// <summary>The body the chair's next step names: the partnership's partnership meeting or working committee.</summary>
    private static async Task<Body?> NextStepBodyAsync(AppDbContext db, Body body, NextStep? step)
    {
        BodyKind? kind = step switch
        {
            NextStep.UpToPartnershipMeeting => BodyKind.PartnershipMeeting,
            NextStep.BackToWorkingCommittee => BodyKind.WorkingCommittee,
            _ => null,
        };
        if (kind is null) return null;
        return await db.Bodies.AsNoTracking().FirstOrDefaultAsync(b => b.PartnershipId == body.PartnershipId && b.Kind == kind)
            ?? throw new DomainException($"Helsefellesskapet har ikke {(kind == BodyKind.PartnershipMeeting ? "et partnerskapsmøte" : "et arbeidsutvalg")} å sende saken til.");
    }

    /// <param name="minutes">The command reads the meeting's remarks or corrections (<see cref="AggregateLoading.WithMinutes"/>).</param>
    /// <param name="madeAlready">
    /// For a command with a submission key: whether that submission's row is saved. When the save fails and it is,
    /// the same submission was saved by a call in the same moment (on PostgreSQL no gate keeps the two apart; the
    /// second fails on the row's key or the meeting's version), and the command is done, not refused.
    /// </param>
    private async Task Change(Guid meetingId, Func<AppDbContext, Actor, Meeting, Task> change, bool minutes = false,
        Func<AppDbContext, Task<bool>>? madeAlready = null)
    {
        var touchedCases = new List<Guid>();
        var wroteMail = false;
        var snapshot = await gate.RunAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            // The meeting's commands take turns, as the gate makes them on SQLite: on PostgreSQL, across app servers, or
            // remarks and absence reports made at the same moment would find the meeting changed and be refused.
            await using var turn = await db.BeginTurnAsync(meetingId);
            var actor = await actors.CurrentAsync(db);
            actor.MustWrite(OsloTime.Today(clock)); // a read-only sign-in writes nothing
            var meetings = minutes ? db.Meetings.WithMinutes() : db.Meetings;
            var meeting = await meetings.SingleOrDefaultAsync(m => m.Id == meetingId) ?? throw new DomainException("Møtet finnes ikke.");
            await change(db, actor, meeting);
            wroteMail = db.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added);
            // Someone else's change in the same moment surfaces as EF's concurrency exception, which the page's one
            // command path (Shared/Commands.cs) turns into the one message users read for it.
            try
            {
                await db.SaveChangesAsync();
                if (turn is not null) await turn.CommitAsync();
            }
            catch (DbUpdateException) when (madeAlready is not null)
            {
                if (turn is not null) await turn.RollbackAsync(); // its turn ends before another context asks
                if (!await MadeAlreadyAsync(madeAlready)) throw;
                wroteMail = false;
                return null; // the call that saved it publishes the snapshot
            }
            touchedCases.AddRange(db.ChangeTracker.Entries<Case>().Select(e => e.Entity.Id));
            db.ChangeTracker.Clear();
            // Read inside the gate: snapshots are then read in the order the changes were made.
            var read = await MeetingSnapshots.LoadAsync(db, meetingId, await bus.NextRevisionAsync(db));
            if (read is not null) bus.Remember(read);
            return read;
        });
        // Only a command that wrote mail (a notice, its update, a cancellation, approved minutes) wakes the worker.
        if (wroteMail) outbox.Notify();
        // Not awaited: the command is done once saved; the screens, the user's own included, update as the snapshot reaches them.
        if (snapshot is not null) _ = bus.PublishAsync(snapshot);
        foreach (var caseId in touchedCases) _ = caseNotifier.PublishAsync(caseId);
    }

    /// <summary>Asks a fresh context: the failed save's context holds the rows it could not save.</summary>
    private async Task<bool> MadeAlreadyAsync(Func<AppDbContext, Task<bool>> exists)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await exists(db);
    }

    /// <summary>The meeting's rules name its body in their refusals.</summary>
    private async Task MustRunAsync(AppDbContext db, Meeting meeting, Action<Body, DateOnly> must) =>
        must(await BodyAsync(db, meeting.BodyId), Today);

    /// <summary>A case item that has been opened; whether its treatment is still open, the case decides.</summary>
    private static async Task<(AgendaItem Item, Case Case)> CaseItemAsync(AppDbContext db, Meeting meeting, Guid itemId)
    {
        var item = meeting.Agenda.SingleOrDefault(i => i.Id == itemId) ?? throw new DomainException("Punktet finnes ikke på sakslisten.");
        DomainException.ThrowIf(!item.IsCase, $"«{item.Title}» er ikke en sak som partene gir standpunkt til.");
        DomainException.ThrowIf(item.TreatmentId is null, $"«{item.Title}» er ikke åpnet ennå. Standpunkt gis når lederen har åpnet saken.");
        return (item, await CaseAsync(db, item.CaseId!.Value));
    }

    private static async Task<Case> CaseAsync(AppDbContext db, Guid caseId) =>
        await db.Cases.WithRecord().SingleOrDefaultAsync(c => c.Id == caseId) ?? throw new DomainException("Saken finnes ikke.");

    private static async Task<Body> BodyAsync(AppDbContext db, Guid bodyId) =>
        await db.Bodies.AsNoTracking().SingleOrDefaultAsync(b => b.Id == bodyId) ?? throw new DomainException("Utvalget finnes ikke.");
}
