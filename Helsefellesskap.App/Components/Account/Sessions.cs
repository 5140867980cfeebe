using System.Globalization;
using System.Security.Claims;
using Helsefellesskap.App.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
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
/// their last seat ended, or signed out. The security stamp has been renewed first, so cookies stop too.
/// </summary>
public sealed class SessionSignals
{
    public event Action<string>? Ended;

    /// <summary>
    /// Each open tab ends on the thread pool, as the framework's own revalidation does: the command that ended the
    /// sessions (an administrator's deactivation, say) never waits for other users' tabs, nor fails with one of them.
    /// </summary>
    public void EndAll(string userId)
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
                    var signIn = services.GetRequiredService<SignInManager<ApplicationUser>>();
                    if (sessions.Value.HasExpired(Parse(context.Properties.Items.TryGetValue(SignedInAtItem, out var at) ? at : null), clock.GetUtcNow())
                        || context.Principal is null
                        || await signIn.ValidateSecurityStampAsync(context.Principal) is not { IsDeactivated: false })
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    }
                };
            });
        return services;
    }

    public static DateTimeOffset? SignedInAt(ClaimsPrincipal principal) => Parse(principal.FindFirstValue(SignedInAtClaim));

    private static DateTimeOffset? Parse(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null;

    /// <summary>Ends every session of the user: a new security stamp for cookies, a signal for open tabs.</summary>
    public static async Task EndAllAsync(UserManager<ApplicationUser> users, ApplicationUser user, SessionSignals signals)
    {
        var result = await users.UpdateSecurityStampAsync(user);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        signals.EndAll(user.Id);
    }
}
