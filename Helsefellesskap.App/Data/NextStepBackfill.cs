using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Partnerships;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Data;

/// <summary>
/// Treatments closed without consensus before the chair's next step named its body: fills the body where it is
/// missing (the partnership meeting, the working committee, or the same body for a later meeting), so these cases
/// are ready for that body's agenda as new ones are. Runs at every start-up; once filled, it finds nothing.
/// </summary>
public static class NextStepBackfill
{
    public static async Task<int> RunAsync(AppDbContext db)
    {
        var cases = await db.Cases.WithRecord()
            .Where(c => c.Treatments.Any(t => t.ClosedAt != null && t.NextStep != null && t.NextStepBodyId == null))
            .ToListAsync();
        if (cases.Count == 0) return 0;
        var bodies = await db.Bodies.AsNoTracking().IgnoreAutoIncludes().ToListAsync();
        var filled = 0;
        foreach (var @case in cases)
            foreach (var treatment in @case.Treatments.Where(t => t.IsClosed && t.NextStep is not null && t.NextStepBodyId is null))
            {
                var kind = treatment.NextStep switch
                {
                    NextStep.UpToPartnershipMeeting => BodyKind.PartnershipMeeting,
                    NextStep.BackToWorkingCommittee => BodyKind.WorkingCommittee,
                    _ => (BodyKind?)null,
                };
                var target = kind is null ? treatment.BodyId
                    : bodies.FirstOrDefault(b => b.PartnershipId == @case.PartnershipId && b.Kind == kind)?.Id;
                if (target is null) continue;
                // The domain sets it at close; for a treatment closed before, the recorded choice names the body.
                db.Entry(treatment).Property(t => t.NextStepBodyId).CurrentValue = target;
                filled++;
            }
        db.AuditAction = "Videre løp knyttet til utvalget det peker på (oppdatering av eldre behandlinger)";
        await db.SaveChangesAsync();
        return filled;
    }
}
