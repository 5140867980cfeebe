using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Meetings;
using Helsefellesskap.Domain.Partnerships;
using Helsefellesskap.App.Data.Configurations;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Helsefellesskap.App.Data;

public class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<ApplicationUser>(options)
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
    public DbSet<AttachmentContent> AttachmentContents => Set<AttachmentContent>();

    /// <summary>The user this context acts for; <see cref="Features.Access.Actors"/> sets it for every command.</summary>
    public AuditActor? AuditActor { get; set; }

    /// <summary>What the command does, in words a reader of the audit trail understands ("Standpunkt registrert").</summary>
    public string? AuditAction { get; set; }

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

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpVersionsOfChangedAggregates();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersionsOfChangedAggregates();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// A change anywhere inside an aggregate (a position in a treatment of a case) bumps the aggregate root's
    /// version, so two writers that loaded the same version cannot both save: the second gets a concurrency error.
    /// </summary>
    private void BumpVersionsOfChangedAggregates()
    {
        ChangeTracker.DetectChanges();
        var changed = ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        // Keyed by the entity: EF hands out a new EntityEntry wrapper each time it is asked.
        var roots = new Dictionary<object, EntityEntry>(ReferenceEqualityComparer.Instance);
        foreach (var entry in changed)
            if (RootOf(entry) is { } root) roots.TryAdd(root.Entity, root);
        foreach (var root in roots.Values)
        {
            var version = root.Property(nameof(Aggregate.Version));
            version.CurrentValue = (int)version.OriginalValue! + 1;
            if (root.Entity is Case @case) ProjectForRegister(root, @case);
        }
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

    private EntityEntry? RootOf(EntityEntry entry)
    {
        for (var current = entry; current is not null; current = OwnerOf(current))
            if (current.Entity is Aggregate) return current;
        return null;
    }

    /// <summary>The tracked entity that holds this one in a collection of its own (Case → Treatment → Position).</summary>
    private EntityEntry? OwnerOf(EntityEntry entry)
    {
        foreach (var fk in entry.Metadata.GetForeignKeys().Where(fk => fk.PrincipalToDependent is not null))
        {
            var keyValues = fk.Properties.Select(p => entry.Property(p.Name).CurrentValue).ToArray();
            var owner = ChangeTracker.Entries().FirstOrDefault(e =>
                e.Metadata == fk.PrincipalEntityType &&
                fk.PrincipalKey.Properties.Select(p => e.Property(p.Name).CurrentValue).SequenceEqual(keyValues));
            if (owner is not null) return owner;
        }
        return null;
    }
}
