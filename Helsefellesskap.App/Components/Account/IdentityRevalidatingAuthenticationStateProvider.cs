using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Helsefellesskap.App.Data;

namespace Helsefellesskap.App.Components.Account;

/// <summary>
/// An open tab's sign-in, checked against the database every minute (security stamp, deactivation, absolute
/// lifetime, a current seat) and ended at once when <see cref="SessionSignals"/> says the user's sessions have ended. The router then
/// sends the tab to the sign-in page: nothing more is read from it.
/// </summary>
internal sealed class IdentityRevalidatingAuthenticationStateProvider : RevalidatingServerAuthenticationStateProvider
{
    private static readonly AuthenticationState SignedOut = new(new ClaimsPrincipal(new ClaimsIdentity()));

    private readonly IServiceScopeFactory scopeFactory;
    private readonly IOptions<IdentityOptions> options;
    private readonly SessionOptions sessions;
    private readonly SessionSignals signals;
    private readonly TimeProvider clock;
    private readonly ILogger logger;

    public IdentityRevalidatingAuthenticationStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopeFactory,
        IOptions<IdentityOptions> options, IOptions<SessionOptions> sessions, SessionSignals signals, TimeProvider clock)
        : base(loggerFactory)
    {
        this.scopeFactory = scopeFactory;
        this.options = options;
        this.sessions = sessions.Value;
        this.signals = signals;
        this.clock = clock;
        logger = loggerFactory.CreateLogger<IdentityRevalidatingAuthenticationStateProvider>();
        signals.Ended += OnSessionsEnded;
    }

    protected override TimeSpan RevalidationInterval => sessions.CircuitRevalidation;

    private async void OnSessionsEnded(string userId)
    {
        try
        {
            var state = await GetAuthenticationStateAsync();
            if (state.User.FindFirstValue(ClaimTypes.NameIdentifier) == userId) SetAuthenticationState(Task.FromResult(SignedOut));
        }
        catch (InvalidOperationException)
        {
            // The tab's state was never set (a prerender without a circuit): there is nothing open to end.
        }
        catch (Exception e)
        {
            // A tab closing at this moment; its next request checks the security stamp anyway. An async void handler
            // must not let anything escape: on the thread pool that would end the process.
            logger.LogWarning(e, "Could not end an open tab's session");
        }
    }

    protected override async Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        if (sessions.HasExpired(Sessions.SignedInAt(authenticationState.User), clock.GetUtcNow())) return false;
        await using var scope = scopeFactory.CreateAsyncScope();
        // A last seat whose last day has passed ends the tab at the next check, though nobody acted.
        if (!await Sessions.HasBusinessHereAsync(scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>(),
                authenticationState.User.FindFirstValue(ClaimTypes.NameIdentifier), clock)) return false;
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await userManager.GetUserAsync(authenticationState.User);
        if (user is null || user.IsDeactivated) return false;
        var principalStamp = authenticationState.User.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        return principalStamp == await userManager.GetSecurityStampAsync(user);
    }

    protected override void Dispose(bool disposing)
    {
        signals.Ended -= OnSessionsEnded;
        base.Dispose(disposing);
    }
}
