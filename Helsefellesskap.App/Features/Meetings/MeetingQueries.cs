using Helsefellesskap.App.Features.Cases;
using Helsefellesskap.App.Data;
using Helsefellesskap.App.Data.Configurations;
using Helsefellesskap.App.Features.Access;
using Helsefellesskap.App.Features.Meetings.Live;
using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Access;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Meetings;
using Helsefellesskap.Domain.Partnerships;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Features.Meetings;

public sealed record MeetingRow(Guid Id, string BodyShortName, string BodyName, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    string Location, string? VideoLink, MeetingStatus Status, int CaseCount);

/// <summary>A case the secretariat may put on a meeting's agenda.</summary>
public sealed record AgendaCandidate(Guid CaseId, string Number, string Title, string Why);

public sealed class MeetingQueries(IDbContextFactory<AppDbContext> dbFactory, Actors actors, TimeProvider clock)
{
    public async Task<IReadOnlyList<MeetingRow>> ListAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var bodies = await db.Bodies.AsNoTracking().IgnoreAutoIncludes().Select(b => new { b.Id, b.ShortName, b.Name }).ToDictionaryAsync(b => b.Id);
        var meetings = await db.Meetings.AsNoTracking().IgnoreAutoIncludes().OrderBy(m => m.StartsAt).ToListAsync();
        var agendaCounts = await db.Set<AgendaItem>().AsNoTracking().Where(i => i.Kind == AgendaItemKind.Case)
            .GroupBy(i => i.MeetingId).Select(g => new { MeetingId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.MeetingId, g => g.Count);
        var treatedCounts = await db.Cases.AsNoTracking().SelectMany(c => c.Treatments)
            .Where(t => t.MeetingId != null).GroupBy(t => t.MeetingId!.Value)
            .Select(g => new { MeetingId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.MeetingId, g => g.Count);
        return meetings.Select(m => new MeetingRow(m.Id, bodies[m.BodyId].ShortName, bodies[m.BodyId].Name, m.StartsAt, m.EndsAt,
            m.Location, m.VideoLink, m.Status,
            Math.Max(agendaCounts.GetValueOrDefault(m.Id), treatedCounts.GetValueOrDefault(m.Id)))).ToList();
    }

    /// <summary>The signed-in user in a meeting of the body, and the cases on its agenda they may not read.</summary>
    public async Task<MeetingRights> RightsAsync(Guid bodyId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        if (await actors.CurrentOrNullAsync(db) is not { } actor) return MeetingRights.None;
        var today = OsloTime.Today(clock);
        // Only exempt cases and drafts can be closed to a reader, so only those are checked.
        var restricted = await db.Cases.AsNoTracking().Include(c => c.Treatments).Where(c => c.IsExemptFromPublication || c.Year == null).ToListAsync();
        return new MeetingRights(actor, today)
        {
            WithheldCases = restricted.Where(c => !actor.MayReadCase(c, today)).ToDictionary(c => c.Id, Cases.CaseRegister.HiddenTitle),
        };
    }

    /// <summary>Cases put forward to the meeting's body (or registered for it) that no open agenda holds yet.</summary>
    public async Task<IReadOnlyList<AgendaCandidate>> AgendaCandidatesAsync(Guid meetingId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var meeting = await db.Meetings.AsNoTracking().IgnoreAutoIncludes().SingleAsync(m => m.Id == meetingId);
        var bodyId = meeting.BodyId;
        var onAgendas = await db.Set<AgendaItem>().AsNoTracking()
            .Where(i => i.CaseId != null && i.State != AgendaItemState.Closed &&
                db.Meetings.Any(m => m.Id == i.MeetingId && m.Status != MeetingStatus.Closed && m.Status != MeetingStatus.MinutesApproved))
            .Select(i => i.CaseId!.Value).ToListAsync();
        var registered = CaseStatus.Registered.ToString();
        var cases = await db.Cases.AsNoTracking().WithRecord()
            .Where(c => EF.Property<Guid?>(c, CaseProjection.ReadyForBodyId) == bodyId ||
                (c.BodyId == bodyId && EF.Property<string>(c, CaseProjection.Status) == registered))
            .Where(c => !onAgendas.Contains(c.Id))
            .ToListAsync();
        var numbering = await CaseRegister.ShortNamesAsync(db);
        return cases.Where(c => c.IsReadyForAgendaOf(bodyId))
            .OrderBy(c => c.Year).ThenBy(c => c.Sequence)
            .Select(c => new AgendaCandidate(c.Id, c.Number?.In(numbering[c.BodyId]) ?? "", c.Title, c.LatestTreatment switch
            {
                { ForwardedToBodyId: not null } t => $"{t.Outcome.Label()} fra {t.BodyName}",
                { NextStep: { } step } t => $"Ikke konsensus i {t.BodyName}; {step.Label().ToLowerInvariant()}",
                _ => "Registrert for utvalget",
            })).ToList();
    }

    /// <summary>The body's substitutes on the meeting day who are not called to the meeting yet.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> SubstitutesAsync(MeetingSnapshot snapshot)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var day = DateOnly.FromDateTime(snapshot.StartsAt.ToOslo().DateTime);
        var body = await db.Bodies.AsNoTracking().SingleAsync(b => b.Id == snapshot.BodyId);
        var called = snapshot.Attendance.Select(a => a.PersonId).ToHashSet();
        var seats = body.SeatsOn(day).Where(s => s.Role == SeatRole.Substitute && !called.Contains(s.PersonId)).ToList();
        var ids = seats.Select(s => s.PersonId).Concat(seats.Select(s => s.PartyId!.Value)).ToList();
        var people = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name);
        var parties = await db.Parties.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name);
        return seats.Select(s => (s.PersonId, $"{people[s.PersonId]} ({parties[s.PartyId!.Value]})")).ToList();
    }

    public async Task<IReadOnlyList<(Guid Id, string Name)>> BodiesAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var bodies = await db.Bodies.AsNoTracking().IgnoreAutoIncludes().OrderBy(b => b.Kind).ToListAsync();
        return bodies.Select(b => (b.Id, b.Name)).ToList();
    }
}
