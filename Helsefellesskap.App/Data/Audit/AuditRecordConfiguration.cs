using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Helsefellesskap.App.Data.Audit;

public sealed class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public void Configure(EntityTypeBuilder<AuditRecord> b)
    {
        b.ToTable("AuditRecords");
        b.HasKey(x => x.Sequence);
        // We number the records ourselves, in the writing transaction: an autoincrement could leave gaps.
        b.Property(x => x.Sequence).ValueGeneratedNever();
        b.Property(x => x.PreviousHash).HasMaxLength(64);
        b.Property(x => x.Hash).HasMaxLength(64);
        b.Property(x => x.EntityType).HasMaxLength(100);
        b.HasIndex(x => x.CaseId);
    }
}
