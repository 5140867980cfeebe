using Helsefellesskap.Domain.Partnerships;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Helsefellesskap.App.Data.Configurations;

public sealed class PartnershipConfiguration : IEntityTypeConfiguration<Partnership>
{
    public void Configure(EntityTypeBuilder<Partnership> b)
    {
        b.Property(x => x.Name).HasMaxLength(200);
    }
}

public sealed class PartyConfiguration : IEntityTypeConfiguration<Party>
{
    public void Configure(EntityTypeBuilder<Party> b)
    {
        b.Property(x => x.Name).HasMaxLength(200);
        b.Ignore(x => x.Side);
        b.HasOne<Partnership>().WithMany().HasForeignKey(x => x.PartnershipId);
        b.HasOne<Party>().WithMany().HasForeignKey(x => x.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.PartnershipId, x.Name }).IsUnique();
    }
}

public sealed class HospitalDivisionConfiguration : IEntityTypeConfiguration<HospitalDivision>
{
    public void Configure(EntityTypeBuilder<HospitalDivision> b)
    {
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.CollaborationAdviser).HasMaxLength(200);
        b.HasOne<Party>().WithMany().HasForeignKey(x => x.HospitalTrustId);
    }
}

public sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Title).HasMaxLength(300);
        b.Property(x => x.Email).HasMaxLength(254);
        b.Ignore(x => x.WantsReminders);
        b.HasOne<Partnership>().WithMany().HasForeignKey(x => x.PartnershipId);
    }
}

public sealed class BodyConfiguration : IEntityTypeConfiguration<Body>
{
    public void Configure(EntityTypeBuilder<Body> b)
    {
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.ShortName).HasMaxLength(30);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.Mandate);
        b.Ignore(x => x.ReminderLeadTimes);
        b.Property(x => x.ReminderDaysBeforeMeeting).HasMaxLength(40).HasDefaultValue("7,1");
        b.Property(x => x.RatificationReminderDaysBefore).HasDefaultValue(14).HasSentinel(-1);
        b.Property(x => x.RatificationReminderDaysAfter).HasDefaultValue(1).HasSentinel(-1);
        b.Property(x => x.FollowUpReminderDaysBefore).HasDefaultValue(7).HasSentinel(-1);
        b.HasOne<Partnership>().WithMany().HasForeignKey(x => x.PartnershipId);
        b.HasMany(x => x.Seats).WithOne().HasForeignKey(s => s.BodyId);
        b.Navigation(x => x.Seats).HasField("_seats").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(x => x.Seats).AutoInclude();
        b.HasIndex(x => new { x.PartnershipId, x.ShortName }).IsUnique();
    }
}

public sealed class SeatConfiguration : IEntityTypeConfiguration<Seat>
{
    public void Configure(EntityTypeBuilder<Seat> b)
    {
        b.Ignore(x => x.Term);
        b.Property(x => x.Organisation).HasMaxLength(200);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId);
        b.HasOne<Party>().WithMany().HasForeignKey(x => x.PartyId).OnDelete(DeleteBehavior.Restrict);
    }
}
