using Helsefellesskap.App.Data;
using Helsefellesskap.App.Data.Audit;
using Helsefellesskap.App.Features.Access;
using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Access;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Features.Audit;

/// <summary>The result of checking the chain: whether it holds, and if not, its first broken link and why.</summary>
public sealed record AuditVerification(bool Holds, long Checked, long? BrokenAt, string? Reason)
{
    public const string ContentMismatch = "innholdet stemmer ikke med hashen";
    public const string PreviousMismatch = "forrige hash stemmer ikke";
    public const string MissingLink = "et ledd mangler (hull i nummereringen)";

    /// <summary>A record after the switch point whose hash is the unkeyed one: re-chained or forged without the key.</summary>
    public static string UnkeyedAfterSwitch(long keyedFrom) =>
        $"hashen er regnet uten nøkkelen, men kjeden er nøkkelsikret fra post {keyedFrom} (posten er skrevet eller endret utenom appen)";

    public string Summary => Holds
        ? $"Kjeden er hel: {Checked} poster kontrollert"
        : $"Kjeden er brutt ved post {BrokenAt}: {Reason}. De {Checked} postene før den er i orden.";
}

/// <summary>Reads the audit trail and checks that no record in it has been altered, removed or inserted.</summary>
public sealed class AuditChain(IDbContextFactory<AppDbContext> dbFactory, Actors actors, TimeProvider clock)
{
    /// <summary>
    /// Recomputes every record's hash (keyed from the switch point on) and follows the chain from the first record.
    /// A record altered in the database no longer matches its hash; one removed leaves a gap in the numbering; one
    /// altered together with its hash no longer matches the next record's previous hash, and without the key its
    /// hash is not the keyed one. The rest of the check (published heads, tables against the log) is in
    /// <see cref="VerifyRecordAsync"/>.
    /// </summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default) =>
        (await VerifyRecordAsync(cancellationToken)).Chain;

    /// <summary>The whole check of the record, as the <c>verify-record</c> command runs it (<see cref="RecordVerifier"/>).</summary>
    public async Task<RecordVerification> VerifyRecordAsync(CancellationToken cancellationToken = default)
    {
        await MustAsync(actor => actor.MustVerifyAuditLog(OsloTime.Today(clock)));
        // The key and the checkpoint file the app writes with, from the services the database belongs to.
        AuditKey? key;
        AuditCheckpoints? checkpoints;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            key = db.Service<AuditKey>();
            checkpoints = db.Service<AuditCheckpoints>();
        }
        var files = checkpoints is not null && File.Exists(checkpoints.File) ? [checkpoints.File] : Array.Empty<string>();
        return await new RecordVerifier(ct => dbFactory.CreateDbContextAsync(ct), key, files).VerifyAsync(cancellationToken);
    }

    /// <summary>Everything recorded about one case, oldest first.</summary>
    public async Task<IReadOnlyList<AuditRecordView>> ForCaseAsync(Guid caseId)
    {
        await MustAsync(actor => actor.MustReadCaseHistory(OsloTime.Today(clock)));
        await using var db = await dbFactory.CreateDbContextAsync();
        // A case's history tells what its papers said, so it is read only by those who may read the case.
        if (await db.Cases.AsNoTracking().Include(c => c.Treatments).SingleOrDefaultAsync(c => c.Id == caseId) is { } @case)
            (await actors.CurrentAsync(db)).MustReadCase(@case, OsloTime.Today(clock));
        var records = await db.AuditRecords.AsNoTracking().Where(r => r.CaseId == caseId).OrderBy(r => r.Sequence).ToListAsync();
        return records.Select(AuditRecordView.Of).ToList();
    }

    /// <summary>The latest records, newest first.</summary>
    public async Task<IReadOnlyList<AuditRecordView>> RecentAsync(int take)
    {
        await MustAsync(actor => actor.MustReadAuditLog(OsloTime.Today(clock)));
        await using var db = await dbFactory.CreateDbContextAsync();
        var records = await db.AuditRecords.AsNoTracking().OrderByDescending(r => r.Sequence).Take(take).ToListAsync();
        return records.Select(AuditRecordView.Of).ToList();
    }

    private async Task MustAsync(Action<Actor> must)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        must(await actors.CurrentAsync(db));
    }
}
