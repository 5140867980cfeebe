using System.Security.Claims;
using Bunit;
using Helsefellesskap.App.Components.Account;
using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Helsefellesskap.Tests.Infrastructure;

/// <summary>
/// bUnit with the app's own feature services on a copy of the seeded SQLite database, a fixed clock and a
/// signed-in demo user, rendered as the live (interactive) page a user works in.
/// </summary>
public abstract class AppPageTest : BunitContext
{
    protected TestDatabase Database { get; }

    protected AppPageTest(DemoDatabaseTemplate template)
    {
        Database = template.Copy();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(o => o.PopoverOptions.CheckForPopoverProvider = false);
        Services.AddSingleton(Database.Services.GetRequiredService<IDbContextFactory<AppDbContext>>());
        Services.AddSingleton(Database.Services.GetRequiredService<WriteGate>());
        Services.AddSingleton<TimeProvider>(new FixedClock(FixedClock.DemoNow));
        Services.AddFeatures();
        // One server in a page test: the meeting's changes reach its screens in process.
        Services.AddSingleton<Helsefellesskap.App.Features.Meetings.Live.IMeetingBus, Helsefellesskap.App.Features.Meetings.Live.InProcessMeetingBus>();
        // Identity as the app has it, on a context per scope, for pages whose commands go through UserManager.
        Services.AddLogging();
        Services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());
        Services.AddAppIdentity();
        Services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
    }

    /// <summary>Signs a demo user in; call it before rendering.</summary>
    protected void SignIn(string userName) => SignIn(userName, []);

    /// <summary>Signs a demo user in through an identity provider without the second factor every writing role requires: read-only.</summary>
    protected void SignInWithoutSecondFactor(string userName)
    {
        var provider = new App.Features.ExternalSignIn.OidcProvider { Name = "test", DisplayName = "Testkommunens ID" };
        SignIn(userName, App.Features.ExternalSignIn.SignInClaims.Of(provider, new global::Helsefellesskap.Domain.Access.SignInProof(
            provider.DisplayName, SecondFactor: false, Enum.GetValues<global::Helsefellesskap.Domain.Access.WritingRole>().ToHashSet())));
    }

    private void SignIn(string userName, IEnumerable<Claim> signInClaims)
    {
        using var db = Database.NewContext();
        var user = db.Users.Single(u => u.UserName == userName);
        var auth = AddAuthorization();
        auth.SetAuthorized(userName);
        auth.SetClaims([new Claim(ClaimTypes.NameIdentifier, user.Id), .. signInClaims]);
        // Last: it builds bUnit's service provider, after which nothing more can be registered.
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await Database.DisposeAsync();
    }
}
