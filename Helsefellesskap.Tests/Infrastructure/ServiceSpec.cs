using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Tests.Infrastructure;

/// <summary>The app's services on a copy of the seeded database, with a demo user signed in as the test says.</summary>
public abstract class ServiceSpec : IAsyncDisposable
{
    private readonly TestAuthentication auth = new();

    protected ServiceSpec(DemoDatabaseTemplate template) : this(template, _ => { }) { }

    /// <param name="configure">More of the test's own services, e.g. the e-mail settings of a test's SMTP server.</param>
    protected ServiceSpec(DemoDatabaseTemplate template, Action<IServiceCollection> configure) =>
        Database = template.Copy(services =>
        {
            services.AddSingleton<AuthenticationStateProvider>(auth);
            configure(services);
        });

    protected TestDatabase Database { get; }

    protected T Service<T>() where T : notnull => Database.Services.GetRequiredService<T>();

    protected async Task As(string userName)
    {
        await using var db = Database.NewContext();
        await auth.SignInAsync(db, userName);
    }

    /// <summary>The sign-in's id, for what runs outside a circuit and names its user (the attachment download).</summary>
    protected async Task<string> UserId(string userName)
    {
        await using var db = Database.NewContext();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }

    /// <summary>Signed in through an identity provider without the second factor that every writing role requires.</summary>
    protected async Task AsWithoutSecondFactor(string userName)
    {
        await using var db = Database.NewContext();
        var provider = new App.Features.ExternalSignIn.OidcProvider { Name = "test", DisplayName = "Testkommunens ID" };
        await auth.SignInAsync(db, userName, App.Features.ExternalSignIn.SignInClaims.Of(provider,
            new global::Helsefellesskap.Domain.Access.SignInProof(provider.DisplayName, SecondFactor: false, Enum.GetValues<global::Helsefellesskap.Domain.Access.WritingRole>().ToHashSet())));
    }

    protected void SignOut() => auth.SignOut();

    protected async Task<Guid> Body(string shortName)
    {
        await using var db = Database.NewContext();
        return await db.Bodies.Where(b => b.ShortName == shortName).Select(b => b.Id).SingleAsync();
    }

    protected async Task<Guid> Party(string name)
    {
        await using var db = Database.NewContext();
        return await db.Parties.Where(p => p.Name == name).Select(p => p.Id).SingleAsync();
    }

    public virtual ValueTask DisposeAsync() => Database.DisposeAsync();
}
