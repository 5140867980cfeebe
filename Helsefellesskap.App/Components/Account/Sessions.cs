using System.Globalization;
using System.Security.Claims;
using Helsefellesskap.App.Data;
using Helsefellesskap.Domain.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.App.Components.Account;

/// <summary>How long a sign-in lasts: <c>Sessions:IdleTimeout</c> without a request, <c>Sessions:AbsoluteLifetime</c> in all.</summary>
public sealed class SessionOptions
{
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(8);
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often an open tab checks its sign-in against the database even when nothing signals.</summary>
    public TimeSpan CircuitRevalidation { get; set; } = TimeSpan.FromMinutes(1);

    public bool HasExpired(DateTimeOffset? signedInAt, DateTimeOffset now) => signedInAt is not { } at || now - at >= AbsoluteLifetime;
}

/// <summary>
/// Tells every open tab of a user, at once, that their sessions have ended: deactivated, given a new password,
/// their last seat ended, or signed out. The security stamp has been renewed first, so cookies stop too. The tabs
/// open on the other app servers sharing the database hear it through the <see cref="IServerLink"/>; should that
/// signal be lost, each tab checks its sign-in against the database within <see cref="SessionOptions.CircuitRevalidation"/>.
/// </summary>
public sealed class SessionSignals(IServerLink link)
{
    public const string Signal = "sessions-ended";

    /// <summary>How another server's ending of a user's sessions reaches the tabs open on this server.</summary>
    public static readonly ServerSignal FromOtherServers = new(Signal, (services, userId) =>
    {
        services.GetRequiredService<SessionSignals>().EndTabsHere(userId);
        return Task.CompletedTask;
    });

    public event Action<string>? Ended;

    /// <summary>Ends the user's open tabs on this server and on the others.</summary>
    public void EndAll(string userId)
    {
        EndTabsHere(userId);
        _ = link.SendAsync(Signal, userId);
    }

    /// <summary>
    /// Each open tab ends on the thread pool, as the framework's own revalidation does: the command that ended the
    /// sessions (an administrator's deactivation, say) never waits for other users' tabs, nor fails with one of them.
    /// </summary>
    private void EndTabsHere(string userId)
    {
        if (Ended is not { } ended) return;
        foreach (var tab in ended.GetInvocationList().Cast<Action<string>>())
            _ = Task.Run(() => tab(userId));
    }
}

/// <summary>
/// Sessions end when they must. Every request checks the security stamp against the database (not every 30 minutes),
/// so a renewed stamp ends every cookie, a copied one too; the cookie slides with use up to the idle timeout and
/// never outlives the absolute lifetime counted from the password sign-in.
/// </summary>
public static class Sessions
{
    public const string SignedInAtClaim = "hf:signed_in_at";
    private const string SignedInAtItem = ".hf.signedInAt";

    /// <summary>Where one whose last seat has ended is sent, to be told why instead of only being asked to sign in.</summary>
    public const string NoSeatPath = "/Account/UtenVerv";

    /// <summary>Marks a request whose cookie was refused because the person no longer has a seat.</summary>
    private const string NoSeatItem = "hf:no-seat";

    public static bool RefusedForNoSeat(HttpContext context) => context.Items.ContainsKey(NoSeatItem);

    public static IServiceCollection AddAppSessions(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SessionOptions>(configuration.GetSection("Sessions"));
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<SessionOptions>>((cookie, sessions) =>
            {
                cookie.ExpireTimeSpan = sessions.Value.IdleTimeout;
                cookie.SlidingExpiration = true;
                cookie.Events.OnSigningIn = context =>
                {
                    var clock = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
                    // A refresh (after a password change) keeps the first moment; only a password sign-in starts one.
                    if (!context.Properties.Items.TryGetValue(SignedInAtItem, out var at) || at is null)
                        context.Properties.Items[SignedInAtItem] = at = clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
                    if (context.Principal?.Identity is ClaimsIdentity identity && !identity.HasClaim(c => c.Type == SignedInAtClaim))
                        identity.AddClaim(new Claim(SignedInAtClaim, at));
                    return Task.CompletedTask;
                };
                // Instead of Identity's validator, which checks the stamp only once an interval has passed: here every
                // request compares it with the database, whatever the clock says.
                cookie.Events.OnValidatePrincipal = async context =>
                {
                    var services = context.HttpContext.RequestServices;
                    var clock = services.GetRequiredService<TimeProvider>();
                    // A scope of its own for Identity's sign-in manager, user manager, store and context, ended when the
                    // check is done: the request's scope lives as long as the request, and a circuit's WebSocket is one
                    // request for as long as the tab is open; every open tab held them (and the user read) until it closed.
                    await using var identity = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
                    var signIn = identity.ServiceProvider.GetRequiredService<SignInManager<ApplicationUser>>();
                    var expired = sessions.Value.HasExpired(Parse(context.Properties.Items.TryGetValue(SignedInAtItem, out var at) ? at : null), clock.GetUtcNow());
                    // Before the stamp: ending a last seat also renews the stamp, and the person should be told why.
                    var noSeat = !expired && context.Principal is not null && !await HasBusinessHereAsync(
                        services.GetRequiredService<IDbContextFactory<AppDbContext>>(), context.Principal.FindFirstValue(ClaimTypes.NameIdentifier), clock);
                    if (expired || noSeat
                        || context.Principal is null
                        || await signIn.ValidateSecurityStampAsync(context.Principal) is not { IsDeactivated: false })
                    {
                        if (noSeat) context.HttpContext.Items[NoSeatItem] = true;
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    }
                };
                var redirectToLogin = cookie.Events.OnRedirectToLogin;
                cookie.Events.OnRedirectToLogin = context =>
                {
                    if (RefusedForNoSeat(context.HttpContext)) context.RedirectUri = NoSeatPath;
                    return redirectToLogin(context);
                };
            });
        return services;
    }

    public static DateTimeOffset? SignedInAt(ClaimsPrincipal principal) => Parse(principal.FindFirstValue(SignedInAtClaim));

    private static DateTimeOffset? Parse(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null;

    /// <summary>
    /// Whether the user still has something to do here today (<see cref="Actor.HasBusinessHere"/>), read from the
    /// database now: a seat whose last day has passed ends the sign-in on the day after, without anyone acting.
    /// </summary>
    public static async Task<bool> HasBusinessHereAsync(IDbContextFactory<AppDbContext> dbFactory, string? userId, TimeProvider clock)
    {
        if (userId is null) return false;
        await using var db = await dbFactory.CreateDbContextAsync();
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.IsAdministrator, u.PersonId }).SingleOrDefaultAsync();
        if (user is null) return false;
        if (user.IsAdministrator) return true;
        if (user.PersonId is not { } personId) return false;
        var seats = await db.Seats.AsNoTracking().Where(s => s.PersonId == personId).ToListAsync();
        var grants = await db.RatificationGrants.AsNoTracking().Where(g => g.PersonId == personId).Select(g => g.PartyId).ToListAsync();
        return new Actor(personId, "", false, seats.Select(s => new ActorSeat(s.BodyId, "", s.Role, s.PartyId, s.Term, s.WithoutPosition)), grants)
            .HasBusinessHere(OsloTime.Today(clock));
    }

    /// <summary>Ends every session of the user: a new security stamp for cookies, a signal for open tabs.</summary>
    public static async Task EndAllAsync(UserManager<ApplicationUser> users, ApplicationUser user, SessionSignals signals)
    {
        var result = await users.UpdateSecurityStampAsync(user);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        signals.EndAll(user.Id);
    }
}
