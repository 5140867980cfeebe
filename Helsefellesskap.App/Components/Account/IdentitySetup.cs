using Helsefellesskap.App.Data;
using Microsoft.AspNetCore.Identity;

namespace Helsefellesskap.App.Components.Account;

public static class IdentitySetup
{
    /// <summary>
    /// Users in the app's database with its sign-in rules: lockout after 5 failed attempts, passwords of at
    /// least 10 characters, messages in Norwegian, and tokens for setting a new password. The tests use the same.
    /// </summary>
    public static IdentityBuilder AddAppIdentity(this IServiceCollection services) => services
        .AddSingleton<UnknownUserNames>()
        .AddScoped<PasswordSignIn>()
        .AddIdentityCore<ApplicationUser>(options =>
        {
            options.SignIn.RequireConfirmedAccount = false;
            options.Lockout.MaxFailedAccessAttempts = 5;
            options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            options.Password.RequiredLength = 10;
            options.User.RequireUniqueEmail = false;
        })
        .AddEntityFrameworkStores<AppDbContext>()
        .AddErrorDescriber<NorwegianIdentityErrorDescriber>()
        .AddDefaultTokenProviders();
}
