using System.Diagnostics;
using Helsefellesskap.App.Components.Account;
using Helsefellesskap.App.Data;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Helsefellesskap.Tests.Browser;

/// <summary>Sign-in tells no one which user names exist: not by its message, its lockout or its time.</summary>
public class SignInEnumerationTests(AppServer app)
{
    /// <summary>A user of its own, so that locking it out disturbs no other test.</summary>
    private async Task<string> NewUserAsync()
    {
        var name = "sperretest." + Guid.NewGuid().ToString("N")[..8];
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var created = await users.CreateAsync(new ApplicationUser { UserName = name }, "Innlandet-2026");
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        return name;
    }

    /// <summary>What the sign-in page answers to each of six wrong attempts: the page it lands on and what it says.</summary>
    private async Task<List<string>> AnswersToWrongPasswordsAsync(string userName)
    {
        var page = await app.NewPageAsync();
        var answers = new List<string>();
        for (var attempt = 0; attempt < 6; attempt++)
        {
            await page.GotoAsync("/Account/Login");
            await page.GetByLabel("Brukernavn").FillAsync(userName);
            await page.GetByLabel("Passord").FillAsync("Feil-passord-123");
            await page.GetByRole(AriaRole.Button, new() { Name = "Logg inn" }).ClickAsync();
            var alert = page.GetByRole(AriaRole.Alert);
            await Expect(alert).ToBeVisibleAsync();
            answers.Add(new Uri(page.Url).AbsolutePath + ": " + await alert.InnerTextAsync());
        }
        await page.Context.CloseWithinAsync();
        return answers;
    }

    [Fact]
    public async Task An_unknown_user_name_gets_the_same_answers_and_the_same_lockout_as_a_known_one_with_a_wrong_password()
    {
        var known = await AnswersToWrongPasswordsAsync(await NewUserAsync());
        var unknown = await AnswersToWrongPasswordsAsync("finnes.ikke." + Guid.NewGuid().ToString("N")[..8]);

        Assert.Equal(known, unknown);
        Assert.StartsWith("/Account/Login: Feil brukernavn eller passord.", known[0]);
        Assert.StartsWith("/Account/Lockout: Etter for mange feil forsøk", known[^1]);
    }

    [Fact]
    public async Task An_unknown_user_name_takes_as_long_to_refuse_as_a_wrong_password_because_a_password_is_hashed_all_the_same()
    {
        // The test app hashes cheaply to run fast; here both paths hash as production does (the default work factor),
        // which is what makes a refusal take its time.
        var strong = new PasswordHasher<ApplicationUser>(Options.Create(new PasswordHasherOptions()));
        var name = "sperretest." + Guid.NewGuid().ToString("N")[..8];
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = name };
            user.PasswordHash = strong.HashPassword(user, "Innlandet-2026");
            Assert.True((await users.CreateAsync(user)).Succeeded);
        }
        var unknownNames = new UnknownUserNames(TimeProvider.System, app.Services.GetRequiredService<IOptions<IdentityOptions>>());

        async Task<TimeSpan> BestOfAsync(string userName, int times)
        {
            var best = TimeSpan.MaxValue;
            for (var i = 0; i < times; i++)
            {
                await using var scope = app.Services.CreateAsyncScope();
                var signIn = new PasswordSignIn(scope.ServiceProvider.GetRequiredService<SignInManager<ApplicationUser>>(), strong, unknownNames,
                    scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>(), TimeProvider.System,
                    scope.ServiceProvider.GetRequiredService<Helsefellesskap.App.Features.ExternalSignIn.LocalSignIn>());
                var watch = Stopwatch.StartNew();
                var result = await signIn.SignInAsync(userName, "Feil-passord-123", remember: false);
                watch.Stop();
                Assert.False(result.Succeeded);
                if (watch.Elapsed < best) best = watch.Elapsed;
            }
            return best;
        }
        var unknown = "finnes.ikke." + Guid.NewGuid().ToString("N")[..8];
        // Warm up both paths (the dummy hash is made once), then the best of three wrong attempts each, taken in turns so
        // that a busy moment on a shared machine slows both paths alike, not one of them.
        await BestOfAsync(unknown, 1);
        await BestOfAsync(name, 1);
        var knownTime = TimeSpan.MaxValue;
        var unknownTime = TimeSpan.MaxValue;
        for (var round = 0; round < 3; round++) // four wrong attempts in all: the fifth would lock the known user out
        {
            knownTime = TimeSpan.FromTicks(Math.Min(knownTime.Ticks, (await BestOfAsync(name, 1)).Ticks));
            unknownTime = TimeSpan.FromTicks(Math.Min(unknownTime.Ticks, (await BestOfAsync(unknown, 1)).Ticks));
        }

        // Hashing dominates a refusal; without it an unknown name answers many times faster.
        Assert.True(unknownTime > knownTime / 2, $"Ukjent bruker: {unknownTime.TotalMilliseconds} ms, kjent bruker: {knownTime.TotalMilliseconds} ms.");
    }
}
