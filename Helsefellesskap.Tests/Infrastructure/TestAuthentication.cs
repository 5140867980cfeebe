using System.Security.Claims;
using Helsefellesskap.App.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.Tests.Infrastructure;

/// <summary>Signs a demo user in for service tests, as the app's cookie would: by user id.</summary>
public sealed class TestAuthentication : AuthenticationStateProvider
{
    private ClaimsPrincipal user = new(new ClaimsIdentity());

    public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));

    public void SignOut()
    {
        user = new ClaimsPrincipal(new ClaimsIdentity());
        NotifyAuthenticationStateChanged(GetAuthenticationStateAsync());
    }

    /// <param name="signInClaims">What an external sign-in proved, as the app's cookie carries it.</param>
    public async Task SignInAsync(AppDbContext db, string userName, IEnumerable<Claim>? signInClaims = null)
    {
        var found = await db.Users.SingleAsync(u => u.UserName == userName);
        user = new ClaimsPrincipal(new ClaimsIdentity(
            new[] { new Claim(ClaimTypes.NameIdentifier, found.Id), new Claim(ClaimTypes.Name, userName) }.Concat(signInClaims ?? []), "Test"));
        NotifyAuthenticationStateChanged(GetAuthenticationStateAsync());
    }
}
