using Helsefellesskap.Domain.Cases;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Data;

/// <summary>
/// Cases saved before the draft of the proposed decision was kept apart from its versions have an empty draft:
/// it is filled, where missing, with the latest version, which is what the editor showed until then.
/// </summary>
public static class ProposalDraftBackfill
{
    public static async Task<int> RunAsync(AppDbContext db)
    {
        var cases = await db.Cases.WithRecord().Where(c => c.DraftProposal == "" && c.ProposalVersions.Any(v => v.Text != "")).ToListAsync();
        foreach (var @case in cases)
            db.Entry(@case).Property(nameof(Case.DraftProposal)).CurrentValue = @case.CurrentProposal!.Text;
        if (cases.Count == 0) return 0;
        db.SkipAudit = true;
        db.AuditAction = "Arbeidsutkast av forslag til vedtak fylt ut fra siste versjon";
        await db.SaveChangesAsync();
        return cases.Count;
    }
}
