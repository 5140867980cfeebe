using Helsefellesskap.App.Data;
using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Cases;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Features.Cases;

/// <summary>
/// Gives a draft its case number. The number and the case are saved in one transaction, so a number is
/// never lost to a failed save; the series' last number is a concurrency token, so two registrations at the
/// same instant (in this process or another) cannot take the same number: the loser retries with the next.
/// </summary>
public sealed class CaseRegistration(IDbContextFactory<AppDbContext> dbFactory, WriteGate gate, TimeProvider clock)
{
    // Each round of a race lets at least one registration through, so this many writers at once always succeed.
    private const int Attempts = 20;

    /// <param name="actor">Who registers it, for the audit trail; the caller has checked that they may.</param>
    public Task<CaseNumber> RegisterAsync(Guid caseId, AuditActor? actor) => gate.RunAsync(() => RegisterUngatedAsync(caseId, actor));

    /// <summary>Registration without this process's write gate, as a second server process would do it.</summary>
    internal async Task<CaseNumber> RegisterUngatedAsync(Guid caseId, AuditActor? actor = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            db.AuditActor = actor;
            try
            {
                var @case = await db.Cases.WithRecord().SingleOrDefaultAsync(c => c.Id == caseId)
                    ?? throw new DomainException("Saken finnes ikke.");
                var year = OsloTime.Today(clock).Year;
                var series = await db.CaseNumberSeries.SingleOrDefaultAsync(s => s.BodyId == @case.BodyId && s.Year == year);
                if (series is null) db.CaseNumberSeries.Add(series = new CaseNumberSeries(@case.BodyId, year));
                @case.Register(series, actor?.PersonId, clock.GetUtcNow());
                db.AuditAction = $"Sak registrert som {@case.Number!.Value.In(await db.Bodies.Where(b => b.Id == @case.BodyId).Select(b => b.ShortName).SingleAsync())}";
                await db.SaveChangesAsync();
                return @case.Number!.Value;
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // Someone else took the number (or created the year's series) first: read again and take the next.
            }
        }
    }
}
