using Helsefellesskap.Domain.Cases;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Data;

/// <summary>
/// The register filters and sorts on stored columns (a case's status, the body it is ready for, its proposal text,
/// each treatment's outcome) that the audited save refreshes whenever a case is saved. When the rules behind them
/// change (<see cref="StatusRules.Version"/>), a case nobody saves since would keep its old status; this recomputes
/// them for every case, through the same audited save: only rows whose stored value differs are written, each
/// with its audit record.
/// </summary>
public sealed class RegisterProjection(IDbContextFactory<AppDbContext> dbFactory, WriteGate gate)
{
    public const string RulesVersionSetting = "StatusRules.Version";
    private const int BatchSize = 200;

    /// <summary>Recomputes the stored columns of every case; returns how many cases had a stale one.</summary>
    public async Task<int> RecomputeAllAsync(CancellationToken cancellationToken = default)
    {
        var corrected = 0;
        for (var skip = 0; ; skip += BatchSize)
        {
            var (read, changed) = await gate.RunAsync(() => RecomputeBatchAsync(skip, cancellationToken), cancellationToken);
            corrected += changed;
            if (read < BatchSize) return corrected;
        }
    }

    /// <summary>At start-up: recomputes every case once for each new version of the rules, then records the version.</summary>
    public async Task<int?> RecomputeWhenRulesChangedAsync(CancellationToken cancellationToken = default)
    {
        var current = StatusRules.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            if (await AppSetting.ReadAsync(db, RulesVersionSetting, cancellationToken) == current) return null;

        var corrected = await RecomputeAllAsync(cancellationToken);
        await gate.RunAsync(() => AppSetting.WriteAsync(dbFactory, RulesVersionSetting, current, cancellationToken), cancellationToken);
        return corrected;
    }

    private async Task<(int Read, int Changed)> RecomputeBatchAsync(int skip, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Split per batch: a case is loaded whole (every treatment, wording and position), as a command loads it.
        var cases = await db.Cases.WithRecord().OrderBy(c => c.Id).Skip(skip).Take(BatchSize).ToListAsync(cancellationToken);
        var changed = cases.Count(c => db.ProjectForRegister(c));
        if (changed > 0)
        {
            db.AuditAction = $"Status og utfall i saksregisteret beregnet på nytt (regelversjon {StatusRules.Version})";
            await db.SaveChangesAsync(cancellationToken);
        }
        return (cases.Count, changed);
    }
}
