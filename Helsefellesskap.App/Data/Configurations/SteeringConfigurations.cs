using Helsefellesskap.Domain.Access;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Partnerships;
using Helsefellesskap.Domain.Steering;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Helsefellesskap.App.Data.Configurations;

public sealed class SteeringFigureConfiguration : IEntityTypeConfiguration<SteeringFigure>
{
    public void Configure(EntityTypeBuilder<SteeringFigure> b)
    {
        b.HasOne<Partnership>().WithMany().HasForeignKey(x => x.PartnershipId);
        b.HasOne<Party>().WithMany().HasForeignKey(x => x.RegionId).OnDelete(DeleteBehavior.Restrict);
        // One count per region, indicator and year.
        b.HasIndex(x => new { x.RegionId, x.Indicator, x.Year }).IsUnique();
    }
}

public sealed class CaseSteeringLinkConfiguration : IEntityTypeConfiguration<CaseSteeringLink>
{
    public void Configure(EntityTypeBuilder<CaseSteeringLink> b)
    {
        b.HasKey(x => new { x.CaseId, x.Indicator, x.Year });
        b.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId);
    }
}

public sealed class RatificationGrantConfiguration : IEntityTypeConfiguration<RatificationGrant>
{
    public void Configure(EntityTypeBuilder<RatificationGrant> b)
    {
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.GrantedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Party>().WithMany().HasForeignKey(x => x.PartyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.PersonId, x.PartyId }).IsUnique();
    }
}
