using Helsefellesskap.App.Data;
using Helsefellesskap.Domain.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Features.Meetings;

public sealed record MeetingRow(Guid Id, string BodyShortName, string BodyName, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    string Location, string? VideoLink, MeetingStatus Status, int CaseCount);

public sealed class MeetingQueries(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<IReadOnlyList<MeetingRow>> ListAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var bodies = await db.Bodies.AsNoTracking().Select(b => new { b.Id, b.ShortName, b.Name }).ToDictionaryAsync(b => b.Id);
        var meetings = await db.Meetings.AsNoTracking().OrderBy(m => m.StartsAt).ToListAsync();
        var caseCounts = await db.Cases.AsNoTracking().SelectMany(c => c.Treatments)
            .Where(t => t.MeetingId != null).GroupBy(t => t.MeetingId!.Value)
            .Select(g => new { MeetingId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.MeetingId, g => g.Count);
        return meetings.Select(m => new MeetingRow(m.Id, bodies[m.BodyId].ShortName, bodies[m.BodyId].Name, m.StartsAt, m.EndsAt,
            m.Location, m.VideoLink, m.Status, caseCounts.GetValueOrDefault(m.Id))).ToList();
    }
}
