using Helsefellesskap.App.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Helsefellesskap.App.Features.ExternalSignIn;

/// <summary>
/// A user's link to an identity at an organisation's provider, made on the first sign-in by the configured claim
/// (e-mail or UPN); later sign-ins find the user by the provider's subject, whatever the claim says by then.
/// </summary>
public sealed class ExternalLogin
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public string UserId { get; set; } = "";

    /// <summary>The provider's configured name (<c>Authentication:Oidc:&lt;name&gt;</c>).</summary>
    public string Provider { get; set; } = "";

    /// <summary>The provider's stable identifier of the person (<c>sub</c>).</summary>
    public string Subject { get; set; } = "";

    public DateTimeOffset LinkedAt { get; set; }

    /// <summary>The claim the first sign-in was matched by, and its value then: why this identity is this user.</summary>
    public string LinkedByClaim { get; set; } = "";
    public string LinkedByValue { get; set; } = "";
}

/// <summary>Whether users other than administrators may sign in with a password. One row, made when first switched.</summary>
public sealed class SignInSettings
{
    public const int TheOne = 1;
    public int Id { get; set; } = TheOne;
    public bool LocalSignInOff { get; set; }
}

public sealed class ExternalLoginConfiguration : IEntityTypeConfiguration<ExternalLogin>
{
    public void Configure(EntityTypeBuilder<ExternalLogin> b)
    {
        b.ToTable("ExternalLogins");
        b.Property(x => x.UserId).HasMaxLength(450);
        b.Property(x => x.Provider).HasMaxLength(100);
        b.Property(x => x.Subject).HasMaxLength(256);
        b.Property(x => x.LinkedByClaim).HasMaxLength(100);
        b.Property(x => x.LinkedByValue).HasMaxLength(256);
        b.HasIndex(x => new { x.Provider, x.Subject }).IsUnique();
        b.HasIndex(x => x.UserId);
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SignInSettingsConfiguration : IEntityTypeConfiguration<SignInSettings>
{
    public void Configure(EntityTypeBuilder<SignInSettings> b)
    {
        b.ToTable("SignInSettings");
        b.Property(x => x.Id).ValueGeneratedNever();
    }
}
