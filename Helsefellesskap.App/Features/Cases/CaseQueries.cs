using Helsefellesskap.App.Data;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Features.Cases;

/// <summary>A case with the names its page needs: parties, people, bodies and meetings by id.</summary>
public sealed record CaseDetails(Case Case, string BodyName, IReadOnlyDictionary<Guid, string> PartyNames,
    IReadOnlyDictionary<Guid, string> PersonNames, IReadOnlyDictionary<Guid, Meeting> Meetings);

public sealed class CaseQueries(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<CaseDetails?> GetAsync(Guid id)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var @case = await db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id);
        if (@case is null) return null;
        var body = await db.Bodies.AsNoTracking().Where(b => b.Id == @case.BodyId).Select(b => b.Name).SingleAsync();
        var parties = await db.Parties.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name);
        var people = await db.People.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name);
        var meetingIds = @case.Treatments.Where(t => t.MeetingId is not null).Select(t => t.MeetingId!.Value).ToList();
        var meetings = await db.Meetings.AsNoTracking().Where(m => meetingIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id);
        return new CaseDetails(@case, body, parties, people, meetings);
    }
}
