using Helsefellesskap.App.Data;
using Helsefellesskap.App.Data.Audit;
using Helsefellesskap.App.Data.Configurations;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.Tests.Data;

/// <summary>
/// The register's stored status and outcome columns, recomputed for every case by a command (and at start-up when
/// the status rules changed), not only when a case is next saved.
/// </summary>
public sealed class RegisterProjectionSpecs(DemoDatabaseTemplate template) : ServiceSpec(template)
{
    private RegisterProjection Projection => Service<RegisterProjection>();

    /// <summary>A decided case whose stored status and one treatment's stored outcome are made stale behind the app's back.</summary>
    private async Task<(Guid Case, Guid Treatment, string Status, string Outcome)> MakeStaleAsync()
    {
        await using var db = Database.NewContext();
        var treatment = await db.Set<Treatment>().AsNoTracking().IgnoreAutoIncludes().Where(t => t.ClosedAt != null)
            .OrderBy(t => t.ClosedAt)
            .Select(t => new { t.Id, t.CaseId, Outcome = EF.Property<string>(t, CaseProjection.Outcome) }).FirstAsync();
        var status = await db.Cases.AsNoTracking().IgnoreAutoIncludes().Where(c => c.Id == treatment.CaseId)
            .Select(c => EF.Property<string>(c, CaseProjection.Status)).SingleAsync();
        var staleStatus = status == nameof(CaseStatus.Draft) ? nameof(CaseStatus.Registered) : nameof(CaseStatus.Draft);
        var staleOutcome = treatment.Outcome == nameof(Outcome.Noted) ? nameof(Outcome.Binding) : nameof(Outcome.Noted);
        // As a database written by an earlier version of the rules would hold them.
        await db.Database.ExecuteSqlRawAsync($$"""UPDATE "Cases" SET "{{CaseProjection.Status}}" = {0} WHERE "Id" = {1}""", staleStatus, treatment.CaseId);
        await db.Database.ExecuteSqlRawAsync($$"""UPDATE "Treatments" SET "{{CaseProjection.Outcome}}" = {0} WHERE "Id" = {1}""", staleOutcome, treatment.Id);
        Assert.Equal(staleStatus, await StoredStatusAsync(treatment.CaseId));
        return (treatment.CaseId, treatment.Id, status, treatment.Outcome);
    }

    private async Task<string> StoredStatusAsync(Guid caseId)
    {
        await using var db = Database.NewContext();
        return await db.Cases.AsNoTracking().IgnoreAutoIncludes().Where(c => c.Id == caseId)
            .Select(c => EF.Property<string>(c, CaseProjection.Status)).SingleAsync();
    }

    private async Task<string> StoredOutcomeAsync(Guid treatmentId)
    {
        await using var db = Database.NewContext();
        return await db.Set<Treatment>().AsNoTracking().IgnoreAutoIncludes().Where(t => t.Id == treatmentId)
            .Select(t => EF.Property<string>(t, CaseProjection.Outcome)).SingleAsync();
    }

    private async Task<List<AuditRecord>> AuditOfAsync(Guid caseId)
    {
        await using var db = Database.NewContext();
        return await db.AuditRecords.AsNoTracking().Where(r => r.CaseId == caseId).OrderBy(r => r.Sequence).ToListAsync();
    }

    [Fact]
    public async Task The_seeded_register_is_already_what_the_rules_compute()
    {
        Assert.Equal(0, await Projection.RecomputeAllAsync());
    }

    [Fact]
    public async Task A_stale_stored_status_or_outcome_is_recomputed_for_every_case_through_the_audited_save()
    {
        var stale = await MakeStaleAsync();
        var auditBefore = (await AuditOfAsync(stale.Case)).Count;

        Assert.Equal(1, await Projection.RecomputeAllAsync());

        Assert.Equal(stale.Status, await StoredStatusAsync(stale.Case));
        Assert.Equal(stale.Outcome, await StoredOutcomeAsync(stale.Treatment));
        var written = (await AuditOfAsync(stale.Case)).Skip(auditBefore).ToList();
        Assert.Contains(written, r => r.EntityType == nameof(Case) && r.After!.Contains(stale.Status));
        Assert.Contains(written, r => r.EntityType == nameof(Treatment) && r.EntityId == stale.Treatment.ToString() && r.After!.Contains(stale.Outcome));
        Assert.All(written, r => Assert.StartsWith("Status og utfall i saksregisteret beregnet på nytt", r.Action));

        // Nothing is stale any more: a second run writes nothing.
        Assert.Equal(0, await Projection.RecomputeAllAsync());
        Assert.Equal(auditBefore + written.Count, (await AuditOfAsync(stale.Case)).Count);
    }

    [Fact]
    public async Task Start_up_recomputes_the_stored_columns_once_when_the_status_rules_changed()
    {
        var stale = await MakeStaleAsync();

        // The rules are the ones this database last applied: start-up does not read every case again.
        await Database.Services.MigrateAndSeedAsync();
        Assert.NotEqual(stale.Status, await StoredStatusAsync(stale.Case));

        await using (var db = Database.NewContext())
            await db.Database.ExecuteSqlRawAsync("""UPDATE "AppSettings" SET "Value" = '0' WHERE "Key" = {0}""", RegisterProjection.RulesVersionSetting);
        await Database.Services.MigrateAndSeedAsync();
        Assert.Equal(stale.Status, await StoredStatusAsync(stale.Case));
        Assert.Equal(stale.Outcome, await StoredOutcomeAsync(stale.Treatment));
        await using (var db = Database.NewContext())
            Assert.Equal(StatusRules.Version.ToString(), (await db.AppSettings.SingleAsync(s => s.Key == RegisterProjection.RulesVersionSetting)).Value);
        Assert.Null(await Projection.RecomputeWhenRulesChangedAsync());
    }
}
