using Microsoft.AspNetCore.Identity;

namespace Helsefellesskap.App.Data;

/// <summary>A sign-in. Each user is one person of the partnership, who holds seats.</summary>
public class ApplicationUser : IdentityUser
{
    public Guid? PersonId { get; set; }

    /// <summary>An administrator manages users and seats and has no say in cases.</summary>
    public bool IsAdministrator { get; set; }

    /// <summary>
    /// A deactivated user is locked out without end: sign-in refuses them, and <see cref="Features.Access.Actors"/>
    /// refuses their every command, also from a tab that is still open.
    /// </summary>
    public static readonly DateTimeOffset DeactivatedUntil = DateTimeOffset.MaxValue;

    public bool IsDeactivated => LockoutEnd == DeactivatedUntil;
}
