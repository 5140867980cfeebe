using Helsefellesskap.App.Data;
using Helsefellesskap.App.Data.Audit;
using Helsefellesskap.App.Features.Access;
using Helsefellesskap.Domain;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Features.Audit;

/// <summary>The result of checking the chain: whether it holds, and if not, its first broken link and why.</summary>
public sealed record AuditVerification(bool Holds, long Checked, long? BrokenAt, string? Reason)
{
    public const string ContentMismatch = "innholdet stemmer ikke med hashen";
    public const string PreviousMismatch = "forrige hash stemmer ikke";
    public const string MissingLink = "et ledd mangler (hull i nummereringen)";

    public string Summary => Holds
        ? $"Kjeden er hel: {Checked} poster kontrollert"
        : $"Kjeden er brutt ved post {BrokenAt}: {Reason}. De {Checked} postene før den er i orden.";
}

/// <summary>Reads the audit trail and checks that no record in it has been altered, removed or inserted.</summary>
public sealed class AuditChain(IDbContextFactory<AppDbContext> dbFactory, CurrentUser currentUser, Actors actors, TimeProvider clock)
{
    /// <summary>
    /// Recomputes every record's hash and follows the chain from the first record. A record altered in the
    /// database no longer matches its hash; one removed leaves a gap in the numbering; one altered together with
    /// its hash no longer matches the next record's previous hash. Removing the last records leaves no trace in
    /// the chain itself: compare the count with a copy kept elsewhere for that.
    /// </summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        await MustAsync(AuditAccess.MayReadLog, "Bare sekretariatet og administratorer kan kontrollere revisjonsloggen.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var expected = 1L;
        var previousHash = AuditRecord.GenesisHash;
        // One query, one snapshot of the file: records written meanwhile wait for the next check.
        await foreach (var record in db.AuditRecords.AsNoTracking().OrderBy(r => r.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (record.Sequence != expected) return Broken(expected, AuditVerification.MissingLink);
            if (record.ComputeHash() != record.Hash) return Broken(record.Sequence, AuditVerification.ContentMismatch);
            if (record.PreviousHash != previousHash) return Broken(record.Sequence, AuditVerification.PreviousMismatch);
            previousHash = record.Hash;
            expected++;
        }
        return new AuditVerification(true, expected - 1, null, null);

        AuditVerification Broken(long sequence, string reason) => new(false, expected - 1, sequence, reason);
    }

    /// <summary>Everything recorded about one case, oldest first.</summary>
    public async Task<IReadOnlyList<AuditRecordView>> ForCaseAsync(Guid caseId)
    {
        await MustAsync(AuditAccess.MayReadCaseHistory,
            "Historikken til en sak er for sekretariatet, administratorer og ledere, nestledere, medlemmer og vara i utvalgene.");
        await using var db = await dbFactory.CreateDbContextAsync();
        // A case's history tells what its papers said, so it is read only by those who may read the case.
        if (await db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == caseId) is { } @case)
            (await actors.CurrentAsync(db)).MustReadCase(@case, OsloTime.Today(clock));
        var records = await db.AuditRecords.AsNoTracking().Where(r => r.CaseId == caseId).OrderBy(r => r.Sequence).ToListAsync();
        return records.Select(AuditRecordView.Of).ToList();
    }

    /// <summary>The latest records, newest first.</summary>
    public async Task<IReadOnlyList<AuditRecordView>> RecentAsync(int take)
    {
        await MustAsync(AuditAccess.MayReadLog, "Bare sekretariatet og administratorer kan lese revisjonsloggen.");
        await using var db = await dbFactory.CreateDbContextAsync();
        var records = await db.AuditRecords.AsNoTracking().OrderByDescending(r => r.Sequence).Take(take).ToListAsync();
        return records.Select(AuditRecordView.Of).ToList();
    }

    private async Task MustAsync(Func<SignedInUser?, DateOnly, bool> may, string refusal) =>
        DomainException.ThrowIf(!may(await currentUser.GetAsync(), OsloTime.Today(clock)), refusal);
}
