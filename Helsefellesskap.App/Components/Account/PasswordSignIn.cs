using System.Collections.Concurrent;
using Helsefellesskap.App.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.App.Components.Account;

/// <summary>
/// Signs in with user name and password so that a user name nobody has answers exactly like a known one with a
/// wrong password: the password is hashed all the same (so it takes as long), and five failures lock the name out
/// for as long as a known user's, so neither timing nor lockout tells anyone which user names exist.
/// A correct password of one without a current seat (<see cref="Helsefellesskap.Domain.Access.Actor.HasBusinessHere"/>)
/// signs nobody in: the answer is <see cref="SignInResult.NotAllowed"/>, told only to one who knew the password.
/// </summary>
public sealed class PasswordSignIn(SignInManager<ApplicationUser> signIn, IPasswordHasher<ApplicationUser> hasher,
    UnknownUserNames unknown, IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, Features.ExternalSignIn.LocalSignIn local)
{
    public async Task<SignInResult> SignInAsync(string userName, string password, bool remember)
    {
        var user = await signIn.UserManager.FindByNameAsync(userName);
        // Switched off, a password signs in only an administrator; anyone else is answered as a wrong password. Asked on
        // every attempt, known name or not, so the question itself takes the same time for both.
        var localOff = await local.IsOffAsync();
        if (localOff && user is { IsAdministrator: false }) user = null;
        if (user is not null)
        {
            var checkedPassword = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
            if (!checkedPassword.Succeeded) return checkedPassword;
            if (!await Sessions.HasBusinessHereAsync(dbFactory, user.Id, clock)) return SignInResult.NotAllowed;
            await signIn.SignInAsync(user, remember);
            return checkedPassword;
        }
        if (unknown.IsLockedOut(userName)) return SignInResult.LockedOut;
        hasher.VerifyHashedPassword(UnknownUserNames.Nobody, unknown.DummyHash(hasher), password);
        return unknown.Failed(userName) ? SignInResult.LockedOut : SignInResult.Failed;
    }
}

/// <summary>Failed sign-ins by user names that do not exist, counted like a known user's (in memory: nothing to keep).</summary>
public sealed class UnknownUserNames(TimeProvider clock, IOptions<IdentityOptions> options)
{
    internal static readonly ApplicationUser Nobody = new() { UserName = "ingen" };
    private const int MaxTracked = 10_000;
    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset? LockedUntil, DateTimeOffset Last)> names =
        new(StringComparer.OrdinalIgnoreCase);
    private string? dummyHash;

    internal string DummyHash(IPasswordHasher<ApplicationUser> hasher) =>
        dummyHash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString("N"));

    public bool IsLockedOut(string userName) =>
        names.TryGetValue(userName.Trim(), out var entry) && entry.LockedUntil > clock.GetUtcNow();

    /// <summary>Counts a failure; true when it locks the name out, as the fifth failure locks a known user.</summary>
    public bool Failed(string userName)
    {
        var now = clock.GetUtcNow();
        var lockout = options.Value.Lockout;
        if (names.Count >= MaxTracked) Forget(now - lockout.DefaultLockoutTimeSpan);
        var entry = names.AddOrUpdate(userName.Trim(), _ => (1, null, now), (_, e) =>
        {
            var failures = e.LockedUntil is { } until && until <= now ? 1 : e.Failures + 1;
            return failures >= lockout.MaxFailedAccessAttempts
                ? (0, now + lockout.DefaultLockoutTimeSpan, now)
                : (failures, null, now);
        });
        return entry.LockedUntil is not null;
    }

    private void Forget(DateTimeOffset before)
    {
        foreach (var (name, entry) in names)
            if (entry.Last < before && !(entry.LockedUntil > before)) names.TryRemove(name, out _);
    }
}
