using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Helsefellesskap.Tests.Infrastructure;

/// <summary>Who the provider signs in next: the claims an organisation's provider would put in the id_token.</summary>
public sealed record TestIdentity(string Subject, string Email, string[] Amr, string? Acr = null, string? Organisation = null);

/// <summary>
/// A real OpenID Connect provider (OpenIddict) in the test process, on its own loopback port: discovery, the
/// authorization endpoint, the token endpoint and signed id_tokens, authorization code with PKCE and no consent.
/// Its authorize endpoint signs in whoever the test queued, so the browser never sees a login form there.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string Name = "test";
    public const string DisplayName = "Testkommunens ID";
    public const string ClientId = "helsefellesskap";
    public const string ClientSecret = "en-hemmelighet-bare-for-test";
    public const string OrganisationClaim = "orgno";

    private readonly ConcurrentQueue<TestIdentity> next = new();
    private readonly SqliteConnection connection = new("Data Source=:memory:");
    private WebApplication? app;

    public string Authority { get; private set; } = "";

    /// <summary>The configuration the app needs for this provider, as <c>Authentication:Oidc:test:*</c> keys.</summary>
    public IReadOnlyDictionary<string, string?> AppSettings(IReadOnlyDictionary<string, string> organisations) =>
        new Dictionary<string, string?>
        {
            [$"Authentication:Oidc:{Name}:DisplayName"] = DisplayName,
            [$"Authentication:Oidc:{Name}:Authority"] = Authority,
            [$"Authentication:Oidc:{Name}:ClientId"] = ClientId,
            [$"Authentication:Oidc:{Name}:ClientSecret"] = ClientSecret,
            [$"Authentication:Oidc:{Name}:RequireHttpsMetadata"] = "false",
            [$"Authentication:Oidc:{Name}:MatchClaim"] = "email",
            [$"Authentication:Oidc:{Name}:SecondFactorAmr:0"] = "mfa",
            [$"Authentication:Oidc:{Name}:RequireSecondFactorFor:0"] = "Secretariat",
            [$"Authentication:Oidc:{Name}:RequireSecondFactorFor:1"] = "Administrator",
            [$"Authentication:Oidc:{Name}:RequireSecondFactorFor:2"] = "Chair",
            [$"Authentication:Oidc:{Name}:RequireSecondFactorFor:3"] = "Representative",
            [$"Authentication:Oidc:{Name}:OrganisationClaim"] = OrganisationClaim,
        }.Concat(organisations.Select(o => KeyValuePair.Create($"Authentication:Oidc:{Name}:Organisations:{o.Key}", (string?)o.Value)))
        .ToDictionary();

    /// <summary>The next authorization request signs in this identity.</summary>
    public void SignsInNext(TestIdentity identity) => next.Enqueue(identity);

    public async Task StartAsync()
    {
        await connection.OpenAsync();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(TestIdentityProvider).Assembly.GetName().Name });
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddDbContext<ProviderDb>(o => o.UseSqlite(connection).UseOpenIddict());
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<ProviderDb>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.RegisterScopes(Scopes.Email, Scopes.Profile);
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                o.DisableAccessTokenEncryption();
                o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();
            });
        app = builder.Build();
        app.MapMethods("/connect/authorize", ["GET", "POST"], Authorize);
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ProviderDb>().Database.EnsureCreatedAsync();
        await app.StartAsync();
        Authority = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/";
    }

    /// <summary>Registers the app as a confidential client that must use PKCE, with its callback on the app's address.</summary>
    public async Task RegisterClientAsync(string appBaseUrl)
    {
        await using var scope = app!.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        await manager.CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            ClientType = ClientTypes.Confidential,
            ConsentType = ConsentTypes.Implicit,
            RedirectUris = { new Uri($"{appBaseUrl.TrimEnd('/')}/signin-oidc-{Name}") },
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token,
                Permissions.GrantTypes.AuthorizationCode, Permissions.ResponseTypes.Code,
                Permissions.Scopes.Email, Permissions.Scopes.Profile,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        });
    }

    private IResult Authorize(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Ingen OpenID Connect-forespørsel.");
        if (!next.TryDequeue(out var who))
            return Results.Forbid(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, who.Subject).SetClaim(Claims.Email, who.Email).SetClaim(Claims.Name, who.Email);
        identity.SetClaims(Claims.AuthenticationMethodReference, [.. who.Amr]);
        if (who.Acr is { } acr) identity.SetClaim(Claims.AuthenticationContextReference, acr);
        if (who.Organisation is { } org) identity.SetClaim(OrganisationClaim, org);
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null) await app.DisposeAsync();
        await connection.DisposeAsync();
    }

    private sealed class ProviderDb(DbContextOptions<ProviderDb> options) : DbContext(options);
}
