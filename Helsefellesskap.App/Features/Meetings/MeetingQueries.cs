using Helsefellesskap.App.Data;
using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Features.Meetings;

public sealed record MeetingRow(Guid Id, string BodyShortName, string BodyName, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    string Location, string? VideoLink, MeetingStatus Status, int CaseCount);

public sealed record MeetingCaseRow(Guid CaseId, Guid TreatmentId, string Number, string Title, string Outcome, bool IsClosed);

public sealed class MeetingQueries(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<(MeetingRow Meeting, IReadOnlyList<MeetingCaseRow> Cases)?> GetAsync(Guid id)
    {
        var meeting = (await ListAsync()).SingleOrDefault(m => m.Id == id);
        if (meeting is null) return null;
        await using var db = await dbFactory.CreateDbContextAsync();
        var cases = await db.Cases.AsNoTracking().Where(c => c.Treatments.Any(t => t.MeetingId == id)).ToListAsync();
        var rows = cases.SelectMany(c => c.Treatments.Where(t => t.MeetingId == id).Select(t => new MeetingCaseRow(c.Id, t.Id,
                c.Number?.ToString() ?? "Utkast", c.Title, t.IsClosed ? t.Outcome.Label() : "Til behandling", t.IsClosed)))
            .OrderBy(r => r.Number).ToList();
        return (meeting, rows);
    }

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
