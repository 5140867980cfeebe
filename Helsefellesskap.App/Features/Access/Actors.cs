using System.Security.Claims;
using Helsefellesskap.App.Data;
using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Access;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Features.Access;

/// <summary>Reads the actor behind a command from the database, every time: seats and sign-in as they are now.</summary>
public sealed class Actors(AuthenticationStateProvider authentication, TimeProvider clock, IDbContextFactory<AppDbContext>? dbFactory = null)
{
    /// <summary>
    /// The signed-in user as an actor, for a page to ask what it may offer (<c>actor.MayX</c>); null when nobody is
    /// signed in or the user is no longer active. The command asks the same rule again (<c>actor.MustX</c>).
    /// </summary>
    public async Task<Actor?> SignedInAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        if (state.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId) return null;
        await using var db = await (dbFactory ?? throw new InvalidOperationException("Actors needs the database to read the signed-in user.")).CreateDbContextAsync();
        return await FindAsync(db, userId, clock, ExternalSignIn.SignInClaims.ProofOf(state.User));
    }

    /// <summary>
    /// The actor behind a read on this context, or null when nobody is signed in or the user is no longer active: for
    /// queries that show less to such a reader rather than refuse.
    /// </summary>
    public async Task<Actor?> CurrentOrNullAsync(AppDbContext db)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        if (state.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId) return null;
        var actor = await FindAsync(db, userId, clock, ExternalSignIn.SignInClaims.ProofOf(state.User));
        if (actor is not null) db.AuditActor = new AuditActor(userId, actor.Name, actor.PersonId);
        return actor;
    }

    public async Task<Actor> CurrentAsync(AppDbContext db)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        var userId = state.User.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new DomainException("Du er ikke logget inn. Logg inn og prøv igjen.");
        var actor = await LoadAsync(db, userId, clock, ExternalSignIn.SignInClaims.ProofOf(state.User));
        db.AuditActor = new AuditActor(userId, actor.Name, actor.PersonId);
        return actor;
    }

    /// <param name="signIn">What the sign-in proved (second factor, organisation); null for a password sign-in.</param>
    public static async Task<Actor> LoadAsync(AppDbContext db, string userId, TimeProvider clock, SignInProof? signIn = null) =>
        await FindAsync(db, userId, clock, signIn) ?? throw new DomainException("Brukeren din er ikke lenger aktiv. Kontakt sekretariatet.");

    /// <summary>
    /// The user as an actor, or null when the user does not exist or is deactivated. One statement: the user, their
    /// person, their seats with the bodies' names and their ratification grants (every command reads it).
    /// </summary>
    public static async Task<Actor?> FindAsync(AppDbContext db, string userId, TimeProvider clock, SignInProof? signIn = null)
    {
        var found = await ActorQuery(db, userId);
        if (found is null) return null;
        var user = found.User;
        if (user.LockoutEnd is { } end && end > clock.GetUtcNow()) return null;
        if (user.PersonId is not { } personId) return new Actor(null, user.UserName ?? "", user.IsAdministrator, []) { UserId = user.Id, SignIn = signIn };

        var person = found.Person ?? throw new InvalidOperationException($"The person {personId} of user {user.Id} does not exist.");
        return new Actor(personId, person.Name, user.IsAdministrator,
            found.Seats.Select(x => new ActorSeat(x.Seat.BodyId, x.ShortName, x.Seat.Role, x.Seat.PartyId, x.Seat.Term, x.Seat.WithoutPosition) { BodyFullName = x.Name }),
            found.Grants)
        {
            Title = person.Title,
            UserId = user.Id,
            SignIn = signIn,
        };
    }

    // Compiled once: every command and many reads run it, and EF otherwise walks and compares the LINQ tree of this
    // query (with its three subqueries) at every execution to find its cached plan, a fifth of a registration's CPU.
    private static readonly Func<AppDbContext, string, Task<FoundUser?>> ActorQuery = EF.CompileAsyncQuery((AppDbContext db, string userId) =>
        db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new FoundUser(
                u,
                db.People.Where(p => p.Id == u.PersonId).Select(p => new FoundPerson(p.Name, p.Title)).FirstOrDefault(),
                db.Seats.Where(s => s.PersonId == u.PersonId)
                    .Join(db.Bodies, s => s.BodyId, b => b.Id, (s, b) => new FoundSeat(s, b.ShortName, b.Name)).ToList(),
                db.RatificationGrants.Where(g => g.PersonId == u.PersonId).Select(g => g.PartyId).ToList()))
            .AsSingleQuery().SingleOrDefault());

    private sealed record FoundUser(ApplicationUser User, FoundPerson? Person, List<FoundSeat> Seats, List<Guid> Grants);
    private sealed record FoundPerson(string Name, string? Title);
    private sealed record FoundSeat(Domain.Partnerships.Seat Seat, string ShortName, string Name);
}
