using Microsoft.AspNetCore.Identity;

namespace Helsefellesskap.App.Data;

/// <summary>A sign-in. Each user is one person of the partnership, who holds seats.</summary>
public class ApplicationUser : IdentityUser
{
    public Guid? PersonId { get; set; }

    /// <summary>An administrator manages users and seats and has no say in cases.</summary>
    public bool IsAdministrator { get; set; }
}
