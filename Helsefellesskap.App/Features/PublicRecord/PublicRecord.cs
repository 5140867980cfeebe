using Helsefellesskap.App.Data;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Meetings;
using Helsefellesskap.Domain.Partnerships;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Features.PublicRecord;

public sealed record PublicDecision(Guid TreatmentId, string Number, string Title, string BodyName, DateTimeOffset MeetingAt,
    string Wording, Outcome Outcome, string Background, string Assessment,
    IReadOnlyList<(string Party, PositionKind Kind, string? Text)> Positions);

/// <summary>
/// What anyone may read without signing in: the decisions of the deciding bodies from meetings whose minutes are
/// approved, of cases not exempt from publication.
/// </summary>
public sealed class PublicRecord(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<IReadOnlyList<PublicDecision>> DecisionsAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var approved = await db.Meetings.AsNoTracking().Where(m => m.Status == MeetingStatus.MinutesApproved)
            .ToDictionaryAsync(m => m.Id);
        var approvedIds = approved.Keys.ToList();
        var cases = await db.Cases.AsNoTracking()
            .Where(c => !c.IsExemptFromPublication && c.Treatments.Any(t =>
                t.ClosedAt != null && t.Mandate == Mandate.Decides && t.MeetingId != null && approvedIds.Contains(t.MeetingId.Value)))
            .ToListAsync();
        var bodies = await db.Bodies.AsNoTracking().IgnoreAutoIncludes().ToDictionaryAsync(b => b.Id, b => b.Name);
        var parties = await db.Parties.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name);
        return cases
            .SelectMany(c => c.Treatments
                .Where(t => t.IsClosed && t.Mandate == Mandate.Decides && t.MeetingId is { } m && approved.ContainsKey(m))
                .Select(t => new PublicDecision(t.Id, c.Number!.Value.ToString(), c.Title, bodies[t.BodyId], approved[t.MeetingId!.Value].StartsAt,
                    t.CurrentWording.Text, t.Outcome, c.Background, c.Assessment,
                    t.CurrentPositions.Select(p => (parties[p.PartyId], p.Kind, p.Text)).OrderBy(p => p.Item1).ToList())))
            .OrderByDescending(d => d.MeetingAt)
            .ToList();
    }

    public async Task<PublicDecision?> DecisionAsync(Guid treatmentId) =>
        (await DecisionsAsync()).SingleOrDefault(d => d.TreatmentId == treatmentId);
}
