using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features.Email;
using Helsefellesskap.Domain.FollowUp;
using Helsefellesskap.Domain.Meetings;
using Helsefellesskap.Domain.Partnerships;
using Helsefellesskap.Domain.Reminders;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Features.MyWork;

public enum WorkKind { MeetingInProgress, Position, Meeting, Ratification, FollowUp, MinutesApproval, FailedMail }

/// <summary>
/// One thing that waits for one person: what it is, where to do it, and by which day (when it has one).
/// <paramref name="BodyId"/> is the body whose reminder lead times apply.
/// </summary>
public sealed record WorkItem(WorkKind Kind, Guid SubjectId, Guid PersonId, string Title, string Detail, string Link, DateOnly? DueBy, Guid? BodyId)
{
    /// <summary>For a meeting: whether this person has reported absence.</summary>
    public bool AbsenceReported { get; init; }

    public ReminderKind? ReminderKind => Kind switch
    {
        WorkKind.Position => Domain.Reminders.ReminderKind.PositionMissing,
        WorkKind.Ratification => Domain.Reminders.ReminderKind.Ratification,
        WorkKind.FollowUp => Domain.Reminders.ReminderKind.FollowUp,
        WorkKind.MinutesApproval => Domain.Reminders.ReminderKind.MinutesApproval,
        _ => null,
    };
}

/// <summary>
/// What waits for whom, gathered from the record in one place: the worklist at /mitt-arbeid shows one person's, and
/// the reminder run asks the domain which of everyone's are due.
/// </summary>
public static class WorkItems
{
    /// <param name="unreadable">The cases the one who reads the list may not read, shown by number and legal basis only.</param>
    public static async Task<List<WorkItem>> GatherAsync(AppDbContext db, DateOnly today, Guid? onlyPersonId = null,
        IReadOnlyDictionary<Guid, string>? unreadable = null)
    {
        var items = new List<WorkItem>();
        var bodies = await db.Bodies.AsNoTracking().ToDictionaryAsync(b => b.Id);
        var parties = await db.Parties.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name);
        var meetings = await db.Meetings.AsNoTracking().IgnoreAutoIncludes()
            .Where(m => m.Status == MeetingStatus.Planned || m.Status == MeetingStatus.NoticeSent || m.Status == MeetingStatus.InProgress
                || m.Status == MeetingStatus.Closed)
            .ToListAsync();
        // The day a body next meets: what its members must have done by then.
        var nextMeeting = meetings.Where(m => m.Status is MeetingStatus.Planned or MeetingStatus.NoticeSent && Day(m.StartsAt) >= today)
            .GroupBy(m => m.BodyId).ToDictionary(g => g.Key, g => g.Min(m => Day(m.StartsAt)));
        bool Wanted(Guid personId) => onlyPersonId is null || onlyPersonId == personId;
        string CaseNumberOf(Helsefellesskap.Domain.Cases.Case c) => c.Number is { } n ? n.In(bodies[c.BodyId].ShortName) : "Utkast";
        string CaseTitleOf(Helsefellesskap.Domain.Cases.Case c) => unreadable?.GetValueOrDefault(c.Id) ?? c.Title;

        // Meetings I am called to, the one in progress first.
        var meetingIds = meetings.Select(m => m.Id).ToList();
        var called = await db.Set<Attendance>().AsNoTracking()
            .Where(a => meetingIds.Contains(a.MeetingId) && (onlyPersonId == null || a.PersonId == onlyPersonId)).ToListAsync();
        foreach (var attendance in called)
        {
            var meeting = meetings.Single(m => m.Id == attendance.MeetingId);
            if (meeting.Status is not (MeetingStatus.NoticeSent or MeetingStatus.InProgress) || attendance.Role == SeatRole.Observer && meeting.Status != MeetingStatus.InProgress) continue;
            var body = bodies[meeting.BodyId];
            var inProgress = meeting.Status == MeetingStatus.InProgress;
            items.Add(new WorkItem(inProgress ? WorkKind.MeetingInProgress : WorkKind.Meeting, meeting.Id, attendance.PersonId,
                $"Møte i {body.ShortName}", $"{meeting.StartsAt.Format("dddd d. MMMM 'kl.' HH:mm")} · {(string.IsNullOrEmpty(meeting.Location) ? "Digitalt" : meeting.Location)}",
                $"/moter/{meeting.Id}", Day(meeting.StartsAt), body.Id) { AbsenceReported = attendance.Status == AttendanceStatus.Absent });
        }

        // Positions my party owes: in AU and the professional committees, and on an item open in a meeting now.
        var openMeetingOf = meetings.Where(m => m.Status == MeetingStatus.InProgress).ToDictionary(m => m.Id);
        var cases = await db.Cases.AsNoTracking().WithRecord().Where(c => c.Treatments.Any(t => t.ClosedAt == null)).ToListAsync();
        foreach (var @case in cases)
            foreach (var treatment in @case.Treatments.Where(t => !t.IsClosed))
            {
                var body = bodies[treatment.BodyId];
                var inMeeting = treatment.MeetingId is { } meetingId && openMeetingOf.ContainsKey(meetingId);
                if (!inMeeting && body.Kind is not (BodyKind.WorkingCommittee or BodyKind.ProfessionalCommittee)) continue;
                DateOnly? dueBy = inMeeting ? today : nextMeeting.TryGetValue(body.Id, out var day) ? day : null;
                var link = inMeeting ? $"/moter/{treatment.MeetingId}" : $"/saker/{@case.Id}";
                foreach (var partyId in treatment.Tally.Missing)
                    foreach (var seat in body.SeatsOn(today).Where(s => s.PartyId == partyId && s.MayHoldPosition && s.Role != SeatRole.Substitute && Wanted(s.PersonId)))
                        items.Add(new WorkItem(WorkKind.Position, treatment.Id, seat.PersonId, $"{CaseNumberOf(@case)} {CaseTitleOf(@case)}",
                            $"{parties.GetValueOrDefault(partyId)} har ikke gitt standpunkt i {body.ShortName}", link, dueBy, body.Id));
            }

        // Ratification my party must record: those allowed to record it, else the party's member of the partnership meeting.
        var grants = await db.RatificationGrants.AsNoTracking().ToListAsync();
        var partnershipMeeting = bodies.Values.FirstOrDefault(b => b.Kind == BodyKind.PartnershipMeeting);
        var pending = await db.Cases.AsNoTracking().WithRecord().Where(c => c.Treatments.Any(t => t.Ratifications.Any())).ToListAsync();
        foreach (var @case in pending)
            foreach (var treatment in @case.Treatments)
                foreach (var ratification in treatment.Ratifications.Where(r => !r.IsSettled))
                {
                    var contacts = grants.Where(g => g.PartyId == ratification.PartyId).Select(g => g.PersonId).ToList();
                    if (contacts.Count == 0 && partnershipMeeting is not null)
                        contacts = partnershipMeeting.SeatsOn(today).Where(s => s.PartyId == ratification.PartyId && s.Role == SeatRole.Member)
                            .Select(s => s.PersonId).ToList();
                    foreach (var personId in contacts.Distinct().Where(Wanted))
                        items.Add(new WorkItem(WorkKind.Ratification, ratification.Id, personId, $"{CaseNumberOf(@case)} {CaseTitleOf(@case)}",
                            $"Lokal forankring for {parties.GetValueOrDefault(ratification.PartyId)}",
                            $"/vedtak/{treatment.Id}/forankring", ratification.Deadline, treatment.BodyId));
                }

        // Actions I own.
        var actions = await db.FollowUpActions.AsNoTracking()
            .Where(a => (a.Status == FollowUpStatus.NotStarted || a.Status == FollowUpStatus.InProgress) && (onlyPersonId == null || a.OwnerPersonId == onlyPersonId))
            .ToListAsync();
        var treatmentBodies = cases.Concat(pending).SelectMany(c => c.Treatments).DistinctBy(t => t.Id).ToDictionary(t => t.Id, t => t.BodyId);
        foreach (var action in actions)
            items.Add(new WorkItem(WorkKind.FollowUp, action.Id, action.OwnerPersonId, action.What,
                "Oppfølgingstiltak du er ansvarlig for", "/oppfolging", action.Deadline,
                treatmentBodies.TryGetValue(action.TreatmentId, out var bodyId) ? bodyId : null));

        // Minutes waiting for approval: the chair, the deputy and the secretariat of the body.
        foreach (var meeting in meetings.Where(m => m.Status == MeetingStatus.Closed))
        {
            var body = bodies[meeting.BodyId];
            var approvers = body.SeatsOn(today).Where(s => s.Role is SeatRole.Chair or SeatRole.DeputyChair or SeatRole.Secretariat)
                .Select(s => s.PersonId).Distinct().Where(Wanted);
            foreach (var personId in approvers)
                items.Add(new WorkItem(WorkKind.MinutesApproval, meeting.Id, personId, $"Protokoll fra møtet i {body.ShortName} {meeting.StartsAt.Format("d. MMMM yyyy")}",
                    "Venter på godkjenning", $"/moter/{meeting.Id}/protokoll",
                    nextMeeting.TryGetValue(body.Id, out var day) ? day : null, body.Id));
        }

        // Failed messages, for the secretariat.
        var failed = await db.Set<OutboxMessage>().AsNoTracking().CountAsync(m => m.SentAt == null && m.Attempts >= OutboxMessage.MaxAttempts);
        if (failed > 0)
            foreach (var personId in bodies.Values.SelectMany(b => b.SeatsOn(today)).Where(s => s.Role == SeatRole.Secretariat)
                         .Select(s => s.PersonId).Distinct().Where(Wanted))
                items.Add(new WorkItem(WorkKind.FailedMail, Guid.Empty, personId, $"{failed} e-post{(failed == 1 ? "" : "er")} ble ikke sendt",
                    "Se utsendelsene og send på nytt", "/admin/utsendelser", null, null));

        return items.OrderBy(i => i.Kind == WorkKind.MeetingInProgress ? 0 : 1).ThenBy(i => i.DueBy ?? DateOnly.MaxValue).ThenBy(i => i.Kind).ToList();
    }

    private static DateOnly Day(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOslo().DateTime);
}
