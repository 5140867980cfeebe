using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.FollowUp;
using Helsefellesskap.Domain.Partnerships;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Helsefellesskap.App.Data.Configurations;

public sealed class FollowUpActionConfiguration : IEntityTypeConfiguration<FollowUpAction>
{
    public void Configure(EntityTypeBuilder<FollowUpAction> b)
    {
        b.ToTable("FollowUpActions");
        b.Property(x => x.What).HasMaxLength(300);
        b.Property(x => x.ProgressNote).HasMaxLength(500);
        b.Property(x => x.CancellationReason).HasMaxLength(500);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.IsOpen);
        b.Ignore(x => x.Goal);
        b.Property(x => x.GoalTitle).HasMaxLength(200);
        b.Property(x => x.GoalUrl).HasMaxLength(500);
        b.HasOne<Partnership>().WithMany().HasForeignKey(x => x.PartnershipId);
        b.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId);
        b.HasOne<Treatment>().WithMany().HasForeignKey(x => x.TreatmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Case>().WithMany().HasForeignKey(x => x.MandateCaseId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Party>().WithMany().HasForeignKey(x => x.OwnerPartyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.OwnerPersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.Status, x.Deadline });
    }
}
