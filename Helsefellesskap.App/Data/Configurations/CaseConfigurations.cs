using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Meetings;
using Helsefellesskap.Domain.Partnerships;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Helsefellesskap.App.Data.Configurations;

/// <summary>Names of the columns that project a case's computed facts for the register.</summary>
public static class CaseProjection
{
    public const string Status = "ComputedStatus";
    public const string ReadyForBodyId = "ComputedReadyForBodyId";
    public const string ProposalText = "CurrentProposalText";
    public const string Outcome = "ComputedOutcome";
}

public sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> b)
    {
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Version).IsConcurrencyToken();
        // Tags are flags; stored as their number so a filter is one bitwise AND in SQL.
        b.Property(x => x.Tags).HasConversion<int>();
        b.Ignore(x => x.Number);
        b.Ignore(x => x.Status);
        b.Ignore(x => x.ProposedDecision);
        b.Ignore(x => x.CurrentProposal);
        b.Ignore(x => x.HasUnversionedDraft);
        b.Ignore(x => x.DecidedIn);
        b.Ignore(x => x.PresentationLockReason);
        b.Ignore(x => x.ProposalLockReason);
        b.Property(x => x.DraftProposal).HasDefaultValue("");
        b.Ignore(x => x.OpenTreatment);
        b.Ignore(x => x.LatestTreatment);
        b.Ignore(x => x.ReadyForBodyId);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.ResponsibleOfficerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.LastEditedById).OnDelete(DeleteBehavior.Restrict);

        // The register's projection of what the domain computes, refreshed on every save of the case
        // (AppDbContext), so the register can filter and sort 20,000 cases in SQL. Nothing else writes them.
        b.Property<string>(CaseProjection.Status).HasMaxLength(40).HasDefaultValue(nameof(CaseStatus.Draft));
        b.Property<Guid?>(CaseProjection.ReadyForBodyId);
        b.Property<string>(CaseProjection.ProposalText).HasDefaultValue("");
        b.HasIndex(CaseProjection.Status);
        b.HasIndex(x => x.LastEditedAt);
        b.HasOne<Partnership>().WithMany().HasForeignKey(x => x.PartnershipId);
        b.HasOne<Body>().WithMany().HasForeignKey(x => x.BodyId).OnDelete(DeleteBehavior.Restrict);
        // A number is used once per body and year. Drafts have none (SQLite treats NULLs as distinct).
        b.HasIndex(x => new { x.BodyId, x.Year, x.Sequence }).IsUnique();

        b.HasMany(x => x.ProposalVersions).WithOne().HasForeignKey(v => v.CaseId);
        b.Navigation(x => x.ProposalVersions).HasField("_proposalVersions").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(x => x.Treatments).WithOne("Case").HasForeignKey(t => t.CaseId);
        b.Navigation(x => x.Treatments).HasField("_treatments").UsePropertyAccessMode(PropertyAccessMode.Field);
        // Nothing that grows is auto-included: a query that needs the whole case asks for it (AggregateLoading.WithRecord).
        b.HasMany(x => x.Attachments).WithOne().HasForeignKey(a => a.CaseId);
        b.Navigation(x => x.Attachments).HasField("_attachments").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(x => x.Addenda).WithOne().HasForeignKey(a => a.CaseId);
        b.Navigation(x => x.Addenda).HasField("_addenda").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public sealed class CaseAddendumConfiguration : IEntityTypeConfiguration<CaseAddendum>
{
    public void Configure(EntityTypeBuilder<CaseAddendum> b)
    {
        b.ToTable("CaseAddenda");
        b.Property(x => x.Text).HasMaxLength(CaseAddendum.MaxTextLength);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.ByPersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> b)
    {
        b.ToTable("Attachments");
        b.Property(x => x.FileName).HasMaxLength(AttachmentPolicy.MaxFileNameLength);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Ignore(x => x.ContentType);
        b.HasIndex(x => x.Sha256);
    }
}

public sealed class AttachmentContentConfiguration : IEntityTypeConfiguration<AttachmentContent>
{
    public void Configure(EntityTypeBuilder<AttachmentContent> b)
    {
        b.HasKey(x => x.Sha256);
        b.Property(x => x.Sha256).HasMaxLength(64);
    }
}

public sealed class ProposalVersionConfiguration : IEntityTypeConfiguration<ProposalVersion>
{
    public void Configure(EntityTypeBuilder<ProposalVersion> b)
    {
        b.ToTable("ProposalVersions");
        b.HasKey(x => new { x.CaseId, x.Version });
        b.Ignore(x => x.IsBodysText);
        // Versions saved before origins were recorded read as "lagret".
        b.Property(x => x.Origin).HasDefaultValue(ProposalOrigin.Saved).HasSentinel((ProposalOrigin)(-1));
        b.Property(x => x.BodyName).HasMaxLength(30);
    }
}

public sealed class CaseNumberSeriesConfiguration : IEntityTypeConfiguration<CaseNumberSeries>
{
    public void Configure(EntityTypeBuilder<CaseNumberSeries> b)
    {
        b.HasKey(x => new { x.BodyId, x.Year });
        // Two registrations that read the same last number cannot both save it.
        b.Property(x => x.LastSequence).IsConcurrencyToken();
        b.HasOne<Body>().WithMany().HasForeignKey(x => x.BodyId);
    }
}

public sealed class TreatmentConfiguration : IEntityTypeConfiguration<Treatment>
{
    public void Configure(EntityTypeBuilder<Treatment> b)
    {
        b.ToTable("Treatments");
        b.Property(x => x.BodyName).HasMaxLength(30);
        b.Property(x => x.ForwardedToBodyName).HasMaxLength(30);
        b.Property(x => x.SentBackComment).HasMaxLength(4000);
        b.HasOne<Body>().WithMany().HasForeignKey(x => x.ForwardedToBodyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Body>().WithMany().HasForeignKey(x => x.NextStepBodyId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(x => x.IsClosed);
        b.Ignore(x => x.CurrentWording);
        b.Ignore(x => x.CurrentPositions);
        b.Ignore(x => x.RequiredParties);
        b.Ignore(x => x.Tally);
        b.Ignore(x => x.Outcome);
        b.Ignore(x => x.OutcomeAtCloseByRule);
        b.Property(x => x.OutcomeAtClose);
        b.Property<string>(CaseProjection.Outcome).HasMaxLength(40).HasDefaultValue(nameof(Outcome.NoConsensus));
        b.HasIndex(x => x.ClosedAt);
        b.HasOne<Body>().WithMany().HasForeignKey(x => x.BodyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.SetNull);

        b.HasMany(x => x.Wordings).WithOne().HasForeignKey(w => w.TreatmentId);
        b.Navigation(x => x.Wordings).HasField("_wordings").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(x => x.Positions).WithOne().HasForeignKey(p => p.TreatmentId);
        b.Navigation(x => x.Positions).HasField("_positions").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(x => x.Ratifications).WithOne().HasForeignKey(r => r.TreatmentId);
        b.Navigation(x => x.Ratifications).HasField("_ratifications").UsePropertyAccessMode(PropertyAccessMode.Field);
        // Loaded where a query needs them (AggregateLoading.WithTreatmentRows, WithRecord), never by default.
        b.HasMany<RequiredParty>("_requiredParties").WithOne().HasForeignKey(r => r.TreatmentId);
    }
}

public sealed class WordingConfiguration : IEntityTypeConfiguration<Wording>
{
    public void Configure(EntityTypeBuilder<Wording> b)
    {
        b.ToTable("Wordings");
        b.HasKey(x => new { x.TreatmentId, x.Version });
    }
}

public sealed class RequiredPartyConfiguration : IEntityTypeConfiguration<RequiredParty>
{
    public void Configure(EntityTypeBuilder<RequiredParty> b)
    {
        b.ToTable("RequiredParties");
        b.HasKey(x => new { x.TreatmentId, x.PartyId });
        b.HasOne<Party>().WithMany().HasForeignKey(x => x.PartyId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class PositionConfiguration : IEntityTypeConfiguration<Position>
{
    public void Configure(EntityTypeBuilder<Position> b)
    {
        b.ToTable("Positions");
        b.Ignore(x => x.IsReplaced);
        b.Ignore(x => x.IsAgreement);
        b.Property(x => x.Text).HasMaxLength(4000);
        b.Property(x => x.ProvedOrganisation).HasMaxLength(100);
        b.HasOne<Party>().WithMany().HasForeignKey(x => x.PartyId).OnDelete(DeleteBehavior.Restrict);
        // One standing position per party per wording; replaced ones stay as history.
        b.HasIndex(x => new { x.TreatmentId, x.PartyId, x.WordingVersion }).IsUnique().HasFilter("\"ReplacedAt\" IS NULL");
    }
}

public sealed class RatificationConfiguration : IEntityTypeConfiguration<Ratification>
{
    public void Configure(EntityTypeBuilder<Ratification> b)
    {
        b.ToTable("Ratifications");
        b.Ignore(x => x.IsRatified);
        b.Ignore(x => x.IsSettled);
        b.Property(x => x.LocalReference).HasMaxLength(Ratification.MaxTextLength);
        b.Property(x => x.LocalBody).HasMaxLength(Ratification.MaxTextLength);
        b.Property(x => x.Link).HasMaxLength(Ratification.MaxLinkLength);
        b.Property(x => x.Comment).HasMaxLength(Ratification.MaxCommentLength);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.RecordedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Party>().WithMany().HasForeignKey(x => x.PartyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.TreatmentId, x.PartyId }).IsUnique();
    }
}

public sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> b)
    {
        b.Property(x => x.Location).HasMaxLength(300);
        b.Property(x => x.VideoLink).HasMaxLength(500);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Body>().WithMany().HasForeignKey(x => x.BodyId);
        b.HasIndex(x => new { x.BodyId, x.StartsAt });
        b.Ignore(x => x.OpenItem);
        b.Ignore(x => x.CurrentItem);
        b.Ignore(x => x.MinutesAreLocked);

        b.HasMany(x => x.Agenda).WithOne().HasForeignKey(i => i.MeetingId);
        b.Navigation(x => x.Agenda).HasField("_agenda").UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
        b.HasMany(x => x.Attendance).WithOne().HasForeignKey(a => a.MeetingId);
        b.Navigation(x => x.Attendance).HasField("_attendance").UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
        b.HasMany(x => x.Remarks).WithOne().HasForeignKey(r => r.MeetingId);
        // Remarks and corrections grow through the meeting and after it: loaded by AggregateLoading.WithMinutes.
        b.Navigation(x => x.Remarks).HasField("_remarks").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(x => x.Corrections).WithOne().HasForeignKey(c => c.MeetingId);
        b.Navigation(x => x.Corrections).HasField("_corrections").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

/// <summary>The approved document is read only by the minutes' views, so it is not loaded with every meeting.</summary>
public sealed class ApprovedMinutesConfiguration : IEntityTypeConfiguration<ApprovedMinutes>
{
    public void Configure(EntityTypeBuilder<ApprovedMinutes> b)
    {
        b.ToTable("ApprovedMinutes");
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Ignore(x => x.IsIntact);
        b.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Restrict);
        // Approved once: a second document for the same meeting is refused by the database too.
        b.HasIndex(x => x.MeetingId).IsUnique();
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.ApprovedByPersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class MinutesCorrectionConfiguration : IEntityTypeConfiguration<MinutesCorrection>
{
    public void Configure(EntityTypeBuilder<MinutesCorrection> b)
    {
        b.ToTable("MinutesCorrections");
        b.Property(x => x.Text).HasMaxLength(MinutesCorrection.MaxTextLength);
        b.Property(x => x.Reason).HasMaxLength(MinutesCorrection.MaxReasonLength);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.ByPersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.MeetingId, x.Number }).IsUnique();
    }
}

public sealed class AgendaItemConfiguration : IEntityTypeConfiguration<AgendaItem>
{
    public void Configure(EntityTypeBuilder<AgendaItem> b)
    {
        b.ToTable("AgendaItems");
        b.Property(x => x.Title).HasMaxLength(300);
        b.Ignore(x => x.IsCase);
        b.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.CaseId);
    }
}

public sealed class AttendanceConfiguration : IEntityTypeConfiguration<Attendance>
{
    public void Configure(EntityTypeBuilder<Attendance> b)
    {
        b.ToTable("Attendance");
        b.Property(x => x.AbsenceReason).HasMaxLength(500);
        b.Ignore(x => x.IsCalledInSubstitute);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.MeetingId, x.PersonId }).IsUnique();
    }
}

public sealed class MeetingRemarkConfiguration : IEntityTypeConfiguration<MeetingRemark>
{
    public void Configure(EntityTypeBuilder<MeetingRemark> b)
    {
        b.ToTable("MeetingRemarks");
        b.Property(x => x.Text).HasMaxLength(2000);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
