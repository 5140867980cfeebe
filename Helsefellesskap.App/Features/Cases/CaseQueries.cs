using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features.Access;
using Helsefellesskap.Domain.Partnerships;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Features.Cases;

/// <summary>A case with the names its page needs: parties, people, bodies and meetings by id.</summary>
public sealed record CaseDetails(Case Case, string BodyName, IReadOnlyDictionary<Guid, string> PartyNames,
    IReadOnlyDictionary<Guid, string> PersonNames, IReadOnlyDictionary<Guid, Meeting> Meetings)
{
    /// <summary>Every party, for grouping a decision's local ratification by health region.</summary>
    public IReadOnlyDictionary<Guid, Party> Parties { get; init; } = new Dictionary<Guid, Party>();
}

public sealed record BodyChoice(Guid Id, string ShortName, string Name, bool Decides);
public sealed record PersonChoice(Guid Id, string Name);

/// <summary>What the editor offers: bodies to send a case to, and the secretariat's case officers.</summary>
/// <param name="DefaultBodyId">The body a new case is written for: the deciding body that decides most (<see cref="Body.DefaultDeciding"/>).</param>
public sealed record EditorChoices(IReadOnlyList<BodyChoice> Bodies, IReadOnlyList<PersonChoice> Officers, Guid? CurrentPersonId, Guid? DefaultBodyId = null);

public sealed class CaseQueries(IDbContextFactory<AppDbContext> dbFactory, Actors actors, TimeProvider clock)
{
    public async Task<EditorChoices> EditorChoicesAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var today = OsloTime.Today(clock);
        var bodies = await db.Bodies.AsNoTracking().ToListAsync();
        var secretariat = bodies.SelectMany(b => b.SeatsOn(today)).Where(s => s.Role == SeatRole.Secretariat)
            .Select(s => s.PersonId).ToHashSet();
        var officers = await db.People.AsNoTracking().Where(p => secretariat.Contains(p.Id))
            .OrderBy(p => p.Name).Select(p => new PersonChoice(p.Id, p.Name)).ToListAsync();
        var me = await actors.SignedInAsync();
        return new EditorChoices(
            bodies.OrderBy(b => b.Kind).Select(b => new BodyChoice(b.Id, b.ShortName, b.Name, b.Mandate == Mandate.Decides)).ToList(),
            officers, me?.PersonId, Body.DefaultDeciding(bodies)?.Id);
    }

    /// <summary>The case, or null if there is none; refuses with the Norwegian reason one who may not read it.</summary>
    public async Task<CaseDetails?> GetAsync(Guid id)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var @case = await db.Cases.AsNoTracking().WithRecord().SingleOrDefaultAsync(c => c.Id == id);
        if (@case is null) return null;
        (await actors.CurrentAsync(db)).MustReadCase(@case, OsloTime.Today(clock));
        var body = await db.Bodies.AsNoTracking().Where(b => b.Id == @case.BodyId).Select(b => b.Name).SingleAsync();
        var allParties = await db.Parties.AsNoTracking().ToDictionaryAsync(p => p.Id);
        var parties = allParties.ToDictionary(p => p.Key, p => p.Value.Name);
        var people = await db.People.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name);
        var meetingIds = @case.Treatments.Where(t => t.MeetingId is not null).Select(t => t.MeetingId!.Value).ToList();
        var meetings = await db.Meetings.AsNoTracking().Where(m => meetingIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id);
        return new CaseDetails(@case, body, parties, people, meetings) { Parties = allParties };
    }
}
