using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Access;
using Helsefellesskap.Domain.Steering;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Meetings;
using Helsefellesskap.Domain.Partnerships;
using Helsefellesskap.App.Data.Audit;
using Helsefellesskap.App.Data.Configurations;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Helsefellesskap.App.Data;

/// <summary>
/// The app's one model, on either provider: <see cref="SqliteAppDbContext"/> (the embedded default) or
/// <see cref="PostgresAppDbContext"/>, each with its own migrations. What differs between them (full-text search,
/// case-insensitive order, how writers of the audit chain take turns) is asked of the subclass; features never fork.
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    public DbSet<Partnership> Partnerships => Set<Partnership>();
    public DbSet<Party> Parties => Set<Party>();
    public DbSet<HospitalDivision> HospitalDivisions => Set<HospitalDivision>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<Body> Bodies => Set<Body>();
    public DbSet<Seat> Seats => Set<Seat>();
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<CaseNumberSeries> CaseNumberSeries => Set<CaseNumberSeries>();
    public DbSet<Meeting> Meetings => Set<Meeting>();
    public DbSet<ApprovedMinutes> ApprovedMinutes => Set<ApprovedMinutes>();
    public DbSet<Domain.FollowUp.FollowUpAction> FollowUpActions => Set<Domain.FollowUp.FollowUpAction>();
    public DbSet<AttachmentContent> AttachmentContents => Set<AttachmentContent>();
    public DbSet<AuditRecord> AuditRecords => Set<AuditRecord>();
    public DbSet<RatificationGrant> RatificationGrants => Set<RatificationGrant>();
    public DbSet<SteeringFigure> SteeringFigures => Set<SteeringFigure>();
    public DbSet<CaseSteeringLink> CaseSteeringLinks => Set<CaseSteeringLink>();
    public DbSet<AppSetting> AppSettings => Set<AppSetting>();

    /// <summary>
    /// The keys that protect sign-in cookies and antiforgery tokens, shared by every app server on the database so a
    /// cookie one server issued is valid on the other. Secrets: never in the audit trail (AuditTrail.IsAudited).
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>The user this context acts for; <see cref="Features.Access.Actors"/> sets it for every command.</summary>
    public AuditActor? AuditActor { get; set; }

    /// <summary>What the command does, in words a reader of the audit trail understands ("Standpunkt registrert").</summary>
    public string? AuditAction { get; set; }

    /// <summary>
    /// For the system's bulk saves (the demo seeding): while no user acts (<see cref="AuditActor"/> is null),
    /// each save writes one record that counts what it wrote instead of one record per row.
    /// </summary>
    public bool SkipAudit { get; set; }

    /// <summary>
    /// The ids of the cases whose title or text holds every word of <paramref name="text"/> (each as a prefix), through
    /// the provider's full-text index; empty when no word was typed. Operators typed by a user never reach the engine.
    /// </summary>
    public IQueryable<Guid> CaseSearchHits(string? text) =>
        FullText.Words(text) is { Count: > 0 } words ? CaseSearchHits(words) : Cases.Where(_ => false).Select(c => c.Id);

    protected abstract IQueryable<Guid> CaseSearchHits(IReadOnlyList<string> words);

    /// <summary>
    /// The collation that orders text case-insensitively (titles in the register), with an index of the same name in
    /// the provider's migrations.
    /// </summary>
    public abstract string CaseInsensitiveCollation { get; }

    /// <summary>
    /// Called inside the save's transaction before the audit chain's tail is read: until the transaction ends, no
    /// other writer, in this process or another server, may read the tail and extend the chain.
    /// </summary>
    protected abstract Task LockAuditChainAsync(bool async, CancellationToken cancellationToken);

    /// <summary>
    /// Begins a transaction in which writers on <paramref name="key"/> (a meeting's id) take turns, across app servers:
    /// on PostgreSQL a transaction-scoped advisory lock, held until the transaction ends. Null on SQLite, where the
    /// write gate already makes every writer wait for the one before. The caller commits after its save.
    /// </summary>
    public virtual Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction?> BeginTurnAsync(Guid key) =>
        Task.FromResult<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction?>(null);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        // The domain makes its ids. Were they store-generated, EF would take a new position found through a
        // loaded case for an existing row and update it instead of inserting it.
        foreach (var type in builder.Model.GetEntityTypes().Where(t => t.ClrType.IsAssignableTo(typeof(Entity))))
            builder.Entity(type.ClrType).Property(nameof(Entity.Id)).ValueGeneratedNever();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // SQLite cannot compare or sort DateTimeOffset; stored as UTC ticks, instants sort and filter in SQL.
        builder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        builder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        // With async: false every step below runs synchronously, so the task has completed when it returns.
        SaveAuditedAsync(acceptAllChangesOnSuccess, async: false, CancellationToken.None).GetAwaiter().GetResult();

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        SaveAuditedAsync(acceptAllChangesOnSuccess, async: true, cancellationToken);

    /// <summary>
    /// Saves the changes and their audit records in one transaction. The transaction is begun and the chain locked
    /// (<see cref="LockAuditChainAsync"/>) before the last record is read, so no other writer can take the same number.
    /// </summary>
    private async Task<int> SaveAuditedAsync(bool acceptAllChangesOnSuccess, bool async, CancellationToken cancellationToken)
    {
        var changed = BumpVersionsOfChangedAggregates();
        if (changed.Any(c => c.Entry.Entity is AuditRecord && c.Entry.State is EntityState.Modified or EntityState.Deleted))
            throw new InvalidOperationException("Revisjonsloggen kan ikke endres.");
        // Only this method appends, below, so that every record takes its place in the chain.
        if (changed.Any(c => c.Entry.Entity is AuditRecord))
            throw new InvalidOperationException("Revisjonsloggen skrives bare av appen selv.");
        var audited = changed.Where(c => AuditTrail.IsAudited(c.Entry)).ToList();
        if (audited.Count == 0)
            return async ? await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken) : base.SaveChanges(acceptAllChangesOnSuccess);

        var transaction = Database.CurrentTransaction is not null ? null
            : async ? await Database.BeginTransactionAsync(cancellationToken) : Database.BeginTransaction();
        var records = new List<AuditRecord>();
        try
        {
            var contents = await DescribeAsync(audited, async, cancellationToken);
            await LockAuditChainAsync(async, cancellationToken);
            var tail = AuditRecords.AsNoTracking().OrderByDescending(r => r.Sequence).Select(r => new { r.Sequence, r.Hash });
            var last = async ? await tail.FirstOrDefaultAsync(cancellationToken) : tail.FirstOrDefault();
            var (sequence, previousHash) = last is null ? (0L, AuditRecord.GenesisHash) : (last.Sequence, last.Hash);
            // With a key every new record is keyed; the first keyed save writes the marker that records the switch.
            var key = Service<AuditKey>();
            var startsKeyedChain = key is not null && key.KeyedFrom is null && !await HasKeyMarkerAsync(key, async, cancellationToken);
            if (startsKeyedChain) contents.Insert(0, AuditTrail.KeyMarker(key!, contents[0].At));
            foreach (var content in contents)
            {
                var record = new AuditRecord(++sequence, previousHash, content, key?.Bytes);
                previousHash = record.Hash;
                records.Add(record);
            }
            // The records first, in the same transaction: should the rows then fail to save, neither stays.
            await InsertAuditRecordsAsync(records, async, cancellationToken);

            var saved = async ? await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken) : base.SaveChanges(acceptAllChangesOnSuccess);
            if (transaction is not null)
            {
                if (async) await transaction.CommitAsync(cancellationToken); else transaction.Commit();
            }
            if (startsKeyedChain) key!.KeyedFrom = records[0].Sequence;
            return saved;
        }
        finally
        {
            if (transaction is not null)
            {
                if (async) await transaction.DisposeAsync(); else transaction.Dispose();
            }
        }
    }

    /// <summary>
    /// Appends the records with one INSERT of many rows (SQLite runs EF's inserts one statement each): a position
    /// registration writes three. Each value goes through the column's own type mapping, as EF would write it.
    /// </summary>
    private async Task InsertAuditRecordsAsync(List<AuditRecord> records, bool async, CancellationToken cancellationToken)
    {
        var type = Model.FindEntityType(typeof(AuditRecord))!;
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var columns = type.GetProperties().Select(p => (Property: p, Column: p.GetColumnName(table)!,
            Member: (System.Reflection.MemberInfo?)p.PropertyInfo ?? p.FieldInfo
                ?? throw new InvalidOperationException($"AuditRecord.{p.Name} has no member to read."))).ToList();
        using var factory = Database.GetDbConnection().CreateCommand();
        // SQLite allows 32,766 parameters in a statement; a bulk save may write thousands of records.
        foreach (var chunk in records.Chunk(Math.Max(1, 30_000 / columns.Count)))
        {
            var parameters = new List<object>();
            var rows = new List<string>();
            foreach (var record in chunk)
            {
                var names = new List<string>();
                foreach (var (property, _, member) in columns)
                {
                    var value = member is System.Reflection.PropertyInfo pi ? pi.GetValue(record) : ((System.Reflection.FieldInfo)member).GetValue(record);
                    var name = $"@a{parameters.Count}";
                    parameters.Add(property.GetRelationalTypeMapping().CreateParameter(factory, name, value, property.IsNullable));
                    names.Add(name);
                }
                rows.Add($"({string.Join(", ", names)})");
            }
            var insert = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", columns.Select(c => $"\"{c.Column}\""))}) VALUES {string.Join(", ", rows)};";
            // A failure reads as EF's own for a failed save, as when the records were saved with the rows.
            try
            {
                if (async) await Database.ExecuteSqlRawAsync(insert, parameters, cancellationToken);
                else Database.ExecuteSqlRaw(insert, parameters);
            }
            catch (System.Data.Common.DbException e)
            {
                throw new DbUpdateException("An error occurred while saving the audit records.", e);
            }
        }
    }

    /// <summary>
    /// One record per changed row, or, for the system's bulk saves (<see cref="SkipAudit"/>), one record that
    /// counts them.
    /// </summary>
    private async Task<List<AuditContent>> DescribeAsync(List<(EntityEntry Entry, EntityEntry? Root)> changed, bool async,
        CancellationToken cancellationToken)
    {
        var at = Clock.GetUtcNow();
        if (SkipAudit && AuditActor is null) return [AuditTrail.Summary(changed.Select(c => c.Entry).ToList(), AuditAction, at)];

        var partyNames = await OnBehalfPartyNamesAsync(changed, async, cancellationToken);
        return changed.Select(c => AuditTrail.Describe(c.Entry, CaseIdOf(c.Entry, c.Root), AuditActor, AuditAction, at,
            AuditTrail.OnBehalfPartyId(c.Entry) is { } partyId ? partyNames.GetValueOrDefault(partyId) : null)).ToList();
    }

    private async Task<Dictionary<Guid, string>> OnBehalfPartyNamesAsync(List<(EntityEntry Entry, EntityEntry? Root)> changed,
        bool async, CancellationToken cancellationToken)
    {
        var ids = changed.Select(c => AuditTrail.OnBehalfPartyId(c.Entry)).OfType<Guid>().ToHashSet();
        if (ids.Count == 0) return [];
        // The command has usually loaded the party already.
        var names = ChangeTracker.Entries<Party>().Where(e => ids.Contains(e.Entity.Id)).ToDictionary(e => e.Entity.Id, e => e.Entity.Name);
        var missing = ids.Except(names.Keys).ToList();
        if (missing.Count == 0) return names;
        var query = Parties.AsNoTracking().Where(p => missing.Contains(p.Id)).Select(p => new { p.Id, p.Name });
        foreach (var party in async ? await query.ToListAsync(cancellationToken) : query.ToList()) names[party.Id] = party.Name;
        return names;
    }

    /// <summary>The case a row belongs to: the aggregate root when that is a case, else the row's own CaseId.</summary>
    private static Guid? CaseIdOf(EntityEntry entry, EntityEntry? root) =>
        root?.Entity is Case @case ? @case.Id
        : entry.Metadata.FindProperty(nameof(Attachment.CaseId)) is { } property && property.ClrType == typeof(Guid)
            ? (Guid?)entry.Property(property.Name).CurrentValue
            : null;

    /// <summary>The app's clock (tests stop it), from the services the context was made by.</summary>
    private TimeProvider Clock => Service<TimeProvider>() ?? TimeProvider.System;

    /// <summary>A service of the app the context was made by (the audit key, the clock), or null outside the app.</summary>
    internal T? Service<T>() where T : class =>
        this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<T>();

    /// <summary>Whether this database's chain is keyed already; read once per process, then known.</summary>
    private async Task<bool> HasKeyMarkerAsync(AuditKey key, bool async, CancellationToken cancellationToken)
    {
        var marker = AuditRecords.AsNoTracking().Where(r => r.EntityType == AuditTrail.KeyMarkerType)
            .OrderBy(r => r.Sequence).Select(r => (long?)r.Sequence);
        key.KeyedFrom = async ? await marker.FirstOrDefaultAsync(cancellationToken) : marker.FirstOrDefault();
        return key.KeyedFrom is not null;
    }

    /// <summary>
    /// A change anywhere inside an aggregate (a position in a treatment of a case) bumps the aggregate root's
    /// version, so two writers that loaded the same version cannot both save: the second gets a concurrency error.
    /// Returns the changed rows with the root of each, for the audit trail.
    /// </summary>
    private List<(EntityEntry Entry, EntityEntry? Root)> BumpVersionsOfChangedAggregates()
    {
        ChangeTracker.DetectChanges();
        var tracked = ChangeTracker.Entries().ToList();
        // Every tracked row by its primary key, once per save: finding owners stays linear in the rows saved.
        var byKey = new Dictionary<(IEntityType, string), EntityEntry>();
        foreach (var entry in tracked)
            if (entry.Metadata.FindPrimaryKey() is { } key)
                byKey.TryAdd((entry.Metadata, KeyOf(key.Properties.Select(p => entry.Property(p.Name).CurrentValue))), entry);
        var changed = tracked
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => (Entry: e, Root: RootOf(e, byKey))).ToList();
        // Keyed by the entity: EF hands out a new EntityEntry wrapper each time it is asked.
        var roots = new Dictionary<object, EntityEntry>(ReferenceEqualityComparer.Instance);
        foreach (var (_, root) in changed)
            if (root is not null) roots.TryAdd(root.Entity, root);
        var changedEntities = changed.Select(c => c.Entry.Entity).ToHashSet(ReferenceEqualityComparer.Instance);
        foreach (var root in roots.Values)
        {
            var version = root.Property(nameof(Aggregate.Version));
            version.CurrentValue = (int)version.OriginalValue! + 1;
            if (root.Entity is Case @case) ProjectForRegister(root, @case);
            // A root changed only through what it holds is changed now too: its version and its projected status.
            if (changedEntities.Add(root.Entity)) changed.Add((root, root));
            // So is a treatment whose projected outcome moved with a new position: the log holds what the table holds.
            if (root.Entity is Case projected)
                foreach (var treatment in projected.Treatments)
                    if (Entry(treatment) is { State: EntityState.Modified } entry && changedEntities.Add(treatment)) changed.Add((entry, root));
        }
        return changed;
    }

    /// <summary>Brings a loaded case's stored projection up to date (<see cref="RegisterProjection"/>); true when any of it was stale.</summary>
    internal bool ProjectForRegister(Case @case)
    {
        var entry = Entry(@case);
        ProjectForRegister(entry, @case);
        return entry.State == EntityState.Modified || @case.Treatments.Any(t => Entry(t).State == EntityState.Modified);
    }

    private void ProjectForRegister(EntityEntry entry, Case @case)
    {
        entry.Property(CaseProjection.Status).CurrentValue = @case.Status.ToString();
        entry.Property(CaseProjection.ReadyForBodyId).CurrentValue = @case.ReadyForBodyId;
        entry.Property(CaseProjection.ProposalText).CurrentValue = @case.ProposedDecision;
        foreach (var treatment in @case.Treatments)
        {
            var outcome = Entry(treatment).Property(CaseProjection.Outcome);
            if ((string?)outcome.CurrentValue != treatment.Outcome.ToString()) outcome.CurrentValue = treatment.Outcome.ToString();
        }
    }

    private static EntityEntry? RootOf(EntityEntry entry, Dictionary<(IEntityType, string), EntityEntry> byKey)
    {
        for (var current = entry; current is not null; current = OwnerOf(current, byKey))
            if (current.Entity is Aggregate) return current;
        return null;
    }

    /// <summary>The tracked entity that holds this one in a collection of its own (Case → Treatment → Position).</summary>
    private static EntityEntry? OwnerOf(EntityEntry entry, Dictionary<(IEntityType, string), EntityEntry> byKey)
    {
        foreach (var fk in entry.Metadata.GetForeignKeys().Where(fk => fk.PrincipalToDependent is not null && fk.PrincipalKey.IsPrimaryKey()))
        {
            var keyValues = KeyOf(fk.Properties.Select(p => entry.Property(p.Name).CurrentValue));
            if (byKey.TryGetValue((fk.PrincipalEntityType, keyValues), out var owner)) return owner;
        }
        return null;
    }

    private static string KeyOf(IEnumerable<object?> values) =>
        string.Join('\u001f', values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)));
}
