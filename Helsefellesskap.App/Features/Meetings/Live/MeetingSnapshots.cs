using Helsefellesskap.App.Features.Cases;
using Helsefellesskap.App.Data;
using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Meetings;
using Helsefellesskap.Domain.Partnerships;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Features.Meetings.Live;

/// <summary>Builds a meeting's snapshot from the database: one read, shared by every screen in the meeting.</summary>
public static class MeetingSnapshots
{
    public static async Task<MeetingSnapshot?> LoadAsync(AppDbContext db, Guid meetingId, long revision)
    {
        var meeting = await db.Meetings.AsNoTracking().WithRemarks().SingleOrDefaultAsync(m => m.Id == meetingId);
        if (meeting is null) return null;
        var body = await db.Bodies.AsNoTracking().IgnoreAutoIncludes().SingleAsync(b => b.Id == meeting.BodyId);
        var caseIds = meeting.Agenda.Where(i => i.CaseId is not null).Select(i => i.CaseId!.Value).ToList();
        // Of each case on the agenda: its proposal versions, and only its treatments in this meeting, with their
        // wordings, standing positions (replaced ones are history no screen shows), ratifications and required parties.
        var cases = await db.Cases.AsNoTracking()
            .Include(c => c.ProposalVersions)
            .Include(c => c.Treatments.Where(t => t.MeetingId == meetingId)).ThenInclude(t => t.Wordings)
            .Include(c => c.Treatments).ThenInclude(t => t.Positions.Where(p => p.ReplacedAt == null))
            .Include(c => c.Treatments).ThenInclude(t => t.Ratifications)
            .Include("Treatments._requiredParties")
            .Where(c => caseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id);
        var numbering = await CaseRegister.ShortNamesAsync(db);
        var parties = await db.Parties.AsNoTracking().Where(p => p.PartnershipId == body.PartnershipId)
            .ToDictionaryAsync(p => p.Id, p => p.Name);
        var personIds = meeting.Attendance.Select(a => a.PersonId)
            .Concat(meeting.Remarks.Select(r => r.PersonId))
            .Concat(cases.Values.SelectMany(c => c.Treatments).Where(t => t.MeetingId == meetingId)
                .SelectMany(t => t.Positions).Select(p => p.RegisteredByPersonId))
            .Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name);

        Treatment? TreatmentOf(AgendaItem item) =>
            item.CaseId is { } caseId && cases.TryGetValue(caseId, out var c) && item.TreatmentId is { } tid
                ? c.Treatments.SingleOrDefault(t => t.Id == tid) : null;

        var agenda = meeting.Agenda.Select(i =>
        {
            var treatment = TreatmentOf(i);
            var number = i.CaseId is { } id && cases.TryGetValue(id, out var c) ? c.Number?.In(numbering[c.BodyId]) : null;
            // The outcome the meeting reached, not what local ratification has made of it since.
            var outcome = treatment is { IsClosed: true } ? (treatment.OutcomeAtClose ?? treatment.Outcome).Label() : null;
            return new AgendaLine(i.Id, i.Order, i.Kind, i.Title, number, i.CaseId, i.State, outcome, i.TreatmentId);
        }).ToList();

        var current = meeting.CurrentItem is { } item
            ? Current(item, TreatmentOf(item)) with { WordingSource = WordingSourceOf(item, TreatmentOf(item)) }
            : null;

        // The deciding body starts from the recommendation it was given, and every screen says whose text it is.
        string? WordingSourceOf(AgendaItem item, Treatment? treatment)
        {
            if (item.CaseId is not { } id || !cases.TryGetValue(id, out var c)) return null;
            var version = treatment is null ? c.CurrentProposal : c.ProposalVersionOf(treatment);
            return version is { IsBodysText: true } ? Norwegian.Capitalise(version.Label()) : null;
        }

        CurrentItem Current(AgendaItem item, Treatment? treatment)
        {
            var @case = item.CaseId is { } id ? cases.GetValueOrDefault(id) : null;
            var remarks = meeting.Remarks.Where(r => r.AgendaItemId == item.Id).OrderBy(r => r.At)
                .Select(r => new RemarkLine(people.GetValueOrDefault(r.PersonId, "Ukjent"), r.Text, r.At)).ToList();
            if (treatment is null)
                return new CurrentItem(item.Id, item.Kind, item.Title, @case is null ? null : @case.Number?.In(numbering[@case.BodyId]), item.CaseId, null, @case?.Type,
                    @case?.IsPrincipled ?? false, item.State, 0, @case?.ProposedDecision ?? "", [], [], null, 0, 0, null, null, null, remarks);
            return WithTreatment(new CurrentItem(item.Id, item.Kind, item.Title, @case!.Number?.In(numbering[@case.BodyId]), @case.Id, treatment.Id,
                @case.Type, @case.IsPrincipled, item.State, 0, "", [], [], null, 0, 0, null, null, null, remarks), treatment, parties, people.GetValueOrDefault);
        }

        var attendance = meeting.Attendance
            .Select(a => new AttendanceLine(a.PersonId, people.GetValueOrDefault(a.PersonId, "Ukjent"), a.Role,
                a.PartyId is { } p ? parties.GetValueOrDefault(p) : null, a.Status, a.AbsenceReason,
                a.SubstituteForPersonId is { } s ? people.GetValueOrDefault(s) : null)
            {
                SubstituteForPersonId = a.SubstituteForPersonId,
                AwaitsSubstitute = meeting.AwaitsSubstitute(a.PersonId),
            })
            .OrderBy(a => a.Role).ThenBy(a => a.PartyName).ThenBy(a => a.Name).ToList();

        var targets = body.Mandate == Mandate.Decides ? [] : (await db.Bodies.AsNoTracking().IgnoreAutoIncludes()
                .Where(b => b.PartnershipId == body.PartnershipId).ToListAsync())
            .Where(b => b.Mandate == Mandate.Decides).Select(b => new ForwardTarget(b.Id, b.ShortName)).ToList();

        return new MeetingSnapshot(revision, meeting.Id, body.Id, body.Name, body.ShortName, body.Mandate, meeting.StartsAt,
            meeting.EndsAt, meeting.Location, meeting.VideoLink, meeting.Status, agenda, current, attendance, targets);
    }

    /// <summary>
    /// The snapshot after a position was registered on the current item, built from the last snapshot and the
    /// treatment as the command saved it (its current wording, standing positions and required parties): the board,
    /// the voided positions, the tally and the outcome are the treatment's; the rest of the meeting has not changed.
    /// Null when the last snapshot's current item is not this treatment, or a registrant's name is not at hand
    /// (<paramref name="personName"/> returns null): then the caller reads the meeting afresh.
    /// </summary>
    public static MeetingSnapshot? AfterRegistration(MeetingSnapshot previous, Treatment treatment, Func<Guid, string?> personName, long revision)
    {
        if (previous.Current is not { } current || current.TreatmentId != treatment.Id) return null;
        var parties = current.Board.ToDictionary(r => r.PartyId, r => r.PartyName);
        if (!treatment.RequiredParties.All(parties.ContainsKey)) return null;
        // Names of those who registered the positions on the board: known from the last snapshot, or given.
        var known = current.Board.Where(r => r.RegisteredById is not null && r.RegisteredBy is not null)
            .GroupBy(r => r.RegisteredById!.Value).ToDictionary(g => g.Key, g => g.First().RegisteredBy);
        string? NameOf(Guid id) => known.GetValueOrDefault(id) ?? personName(id);
        if (treatment.CurrentPositions.Any(p => NameOf(p.RegisteredByPersonId) is null)) return null;
        return previous with { Revision = revision, Current = WithTreatment(current, treatment, parties, NameOf) };
    }

    /// <summary>The current item as the treatment stands: wording, board, voided positions, tally and outcome.</summary>
    private static CurrentItem WithTreatment(CurrentItem item, Treatment treatment, IReadOnlyDictionary<Guid, string> parties,
        Func<Guid, string?> personName)
    {
        var standing = treatment.CurrentPositions.ToDictionary(p => p.PartyId);
        var board = treatment.RequiredParties
            .Select(id => standing.TryGetValue(id, out var p)
                ? new BoardRow(id, parties[id], p.Id, p.Kind, p.Text, personName(p.RegisteredByPersonId), p.RegisteredOnBehalf, p.RegisteredAt, p.RegisteredByPersonId)
                : new BoardRow(id, parties[id], null, null, null, null, false, null))
            .OrderBy(r => r.PartyName, StringComparer.Create(new("nb-NO"), false)).ToList();
        var voided = treatment.Positions.Where(p => treatment.IsVoided(p) && !p.IsReplaced)
            .Select(p => new VoidedPosition(parties[p.PartyId], p.Kind, p.WordingVersion))
            .OrderBy(v => v.PartyName).ToList();
        var tally = treatment.Tally;
        return item with
        {
            WordingVersion = treatment.CurrentWording.Version,
            Wording = treatment.CurrentWording.Text,
            Board = board,
            Voided = voided,
            TallySummary = item.CaseType == CaseType.Information ? null : tally.Summary(id => parties[id]),
            Agreeing = tally.Agreeing.Count,
            Required = tally.Required.Count,
            Outcome = treatment.OutcomeAtClose ?? treatment.Outcome,
            NextStep = treatment.NextStep,
            ForwardedTo = treatment.ForwardedToBodyName,
            EveryPartyAgrees = tally.EveryPartyAgrees,
        };
    }
}
