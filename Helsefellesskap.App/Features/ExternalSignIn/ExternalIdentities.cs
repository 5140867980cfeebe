using System.Security.Claims;
using Helsefellesskap.App.Components.Account;
using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features.Access;
using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Access;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Features.ExternalSignIn;

public enum ExternalSignInOutcome { SignedIn, Unknown, Deactivated }

/// <summary>The user an external identity signs in as, and the claims that say what the sign-in proved.</summary>
public sealed record ExternalSignInResult(ExternalSignInOutcome Outcome, ApplicationUser? User, IReadOnlyList<Claim> Claims);

public sealed record ExternalLoginView(Guid Id, string Provider, string ProviderName, string Subject, DateTimeOffset LinkedAt,
    string LinkedByClaim, string LinkedByValue);

/// <summary>
/// Finds the user behind an identity from an organisation's provider: by the link a first sign-in made, or, the first
/// time, by the configured claim matched with an existing user, which makes the link. An identity that matches no one
/// is refused and nothing is created: people are added by the secretariat, never by signing in.
/// </summary>
public sealed class ExternalIdentities(IDbContextFactory<AppDbContext> dbFactory, WriteGate gate, TimeProvider clock,
    Actors actors, OidcProviders providers, SessionSignals signals)
{
    private DateOnly Today => OsloTime.Today(clock);

    public Task<ExternalSignInResult> SignInAsync(OidcProvider provider, ClaimsPrincipal external) => gate.RunAsync(async () =>
    {
        var none = new ExternalSignInResult(ExternalSignInOutcome.Unknown, null, []);
        var subject = external.FindFirstValue(provider.SubjectClaim);
        if (string.IsNullOrWhiteSpace(subject)) return none;

        await using var db = await dbFactory.CreateDbContextAsync();
        var link = await db.Set<ExternalLogin>().SingleOrDefaultAsync(l => l.Provider == provider.Name && l.Subject == subject);
        ApplicationUser? user;
        if (link is not null)
        {
            user = await db.Users.SingleAsync(u => u.Id == link.UserId);
        }
        else
        {
            var value = external.FindFirstValue(provider.MatchClaim)?.Trim();
            if (string.IsNullOrEmpty(value)) return none;
            user = string.Equals(provider.MatchOn, "UserName", StringComparison.OrdinalIgnoreCase)
                ? await db.Users.SingleOrDefaultAsync(u => u.NormalizedUserName == value.ToUpperInvariant())
                : await ByEmailAsync(db, value);
            if (user is null) return none;
            // A user already linked to another identity at the same provider is not taken over by a second one that
            // happens to carry the same address: the administrator removes the old link first.
            if (await db.Set<ExternalLogin>().AnyAsync(l => l.Provider == provider.Name && l.UserId == user.Id)) return none;
            if (user.IsDeactivated) return new ExternalSignInResult(ExternalSignInOutcome.Deactivated, user, []);

            db.Set<ExternalLogin>().Add(new ExternalLogin
            {
                UserId = user.Id, Provider = provider.Name, Subject = subject, LinkedAt = clock.GetUtcNow(),
                LinkedByClaim = provider.MatchClaim, LinkedByValue = value,
            });
            db.AuditActor = new AuditActor(user.Id, user.UserName ?? "", user.PersonId);
            db.AuditAction = $"Innlogging med {provider.DisplayName} knyttet til brukeren ved {provider.MatchClaim}";
            await db.SaveChangesAsync();
        }
        if (user.IsDeactivated || user.LockoutEnd > clock.GetUtcNow())
            return new ExternalSignInResult(ExternalSignInOutcome.Deactivated, user, []);

        var organisations = SignInClaims.OrganisationsNamed(provider, external);
        var partyIds = await PartiesAsync(db, provider);
        var proved = organisations.FirstOrDefault(partyIds.ContainsKey) ?? organisations.FirstOrDefault();
        var proof = new SignInProof(provider.DisplayName, SignInClaims.HasSecondFactor(provider, external),
            provider.RequireSecondFactorFor.ToHashSet(), provider.ProvesParty, proved,
            proved is not null && partyIds.TryGetValue(proved, out var partyId) ? partyId : null);
        return new ExternalSignInResult(ExternalSignInOutcome.SignedIn, user, SignInClaims.Of(provider, proof));
    });

    /// <summary>
    /// The user whose person has this address (Person.Email, the one the admin pages edit and the mail goes to); an
    /// administrator without a person by their account's own. An address two people share links neither: a shared
    /// mailbox proves no one.
    /// </summary>
    private static async Task<ApplicationUser?> ByEmailAsync(AppDbContext db, string address)
    {
        // Compared in memory: the database's upper() knows only ASCII, and the people are few.
        var people = (await db.People.AsNoTracking().Where(p => p.Email != null).Select(p => new { p.Id, p.Email }).ToListAsync())
            .Where(p => string.Equals(p.Email, address, StringComparison.OrdinalIgnoreCase)).Select(p => (Guid?)p.Id).ToList();
        var normalized = address.ToUpperInvariant();
        var users = await db.Users.Where(u => (u.PersonId != null && people.Contains(u.PersonId))
            || (u.PersonId == null && u.NormalizedEmail == normalized)).ToListAsync();
        return users.Count == 1 ? users[0] : null;
    }

    /// <summary>The configured organisations, each to the id of the party named.</summary>
    private static async Task<Dictionary<string, Guid>> PartiesAsync(AppDbContext db, OidcProvider provider)
    {
        if (provider.Organisations.Count == 0) return [];
        var parties = await db.Parties.AsNoTracking().Select(p => new { p.Id, p.Name }).ToListAsync();
        return provider.Organisations
            .Select(o => (Org: o.Key.Trim(), Party: parties.FirstOrDefault(p => string.Equals(p.Name, o.Value.Trim(), StringComparison.OrdinalIgnoreCase))))
            .Where(o => o.Party is not null)
            .ToDictionary(o => o.Org, o => o.Party!.Id);
    }

    /// <summary>A user's links to providers, for the administrator's user page.</summary>
    public async Task<IReadOnlyList<ExternalLoginView>> ListAsync(string userId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        (await actors.CurrentAsync(db)).MustAdminister(Today);
        var links = await db.Set<ExternalLogin>().AsNoTracking().Where(l => l.UserId == userId).ToListAsync();
        return links.OrderBy(l => l.LinkedAt)
            .Select(l => new ExternalLoginView(l.Id, l.Provider, providers.Find(l.Provider)?.DisplayName ?? l.Provider, l.Subject,
                l.LinkedAt, l.LinkedByClaim, l.LinkedByValue))
            .ToList();
    }

    /// <summary>
    /// Removes a link: the identity no longer signs in as this user, and the user's sessions end, so a sign-in made
    /// through it stops too. The next sign-in with it is a first sign-in again and links by the claim.
    /// </summary>
    public Task RemoveAsync(Guid loginId) => gate.RunAsync(async () =>
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var actor = await actors.CurrentAsync(db);
        actor.MustRemoveExternalLogin(Today);
        var link = await db.Set<ExternalLogin>().SingleOrDefaultAsync(l => l.Id == loginId)
            ?? throw new DomainException("Koblingen finnes ikke lenger.");
        var user = await db.Users.SingleAsync(u => u.Id == link.UserId);
        db.Set<ExternalLogin>().Remove(link);
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        db.AuditAction = $"Kobling til {providers.Find(link.Provider)?.DisplayName ?? link.Provider} fjernet";
        await db.SaveChangesAsync();
        signals.EndAll(user.Id);
        return true;
    });
}
