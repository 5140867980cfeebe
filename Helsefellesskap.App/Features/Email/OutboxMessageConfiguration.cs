using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Helsefellesskap.App.Features.Email;

public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("OutboxMessages");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Key).HasMaxLength(200);
        b.HasIndex(x => x.Key).IsUnique();
        b.HasIndex(x => new { x.SentAt, x.NextAttemptAt });
        b.Property(x => x.ToName).HasMaxLength(200);
        b.Property(x => x.ToAddress).HasMaxLength(254);
        b.Property(x => x.Subject).HasMaxLength(300);
        b.Property(x => x.CalendarMethod).HasMaxLength(20);
        b.Property(x => x.LastError).HasMaxLength(1000);
        b.Property(x => x.ResentBy).HasMaxLength(200);
    }
}

public sealed class SentReminderConfiguration : IEntityTypeConfiguration<SentReminder>
{
    public void Configure(EntityTypeBuilder<SentReminder> b)
    {
        b.ToTable("SentReminders");
        b.HasKey(x => x.Key);
        b.Property(x => x.Key).HasMaxLength(200);
        b.HasIndex(x => new { x.PersonId, x.Day });
    }
}
