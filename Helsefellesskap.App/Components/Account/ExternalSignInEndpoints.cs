using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features.ExternalSignIn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Helsefellesskap.App.Components.Account;

/// <summary>
/// Sign-in through the organisations' own providers (OpenID Connect, authorization code with PKCE): one scheme per
/// configured provider, whose callback lands in the external cookie; the callback endpoint then finds or links the
/// user and signs them in through the same application cookie, session rules and security stamp as a password.
/// </summary>
public static class ExternalSignInEndpoints
{
    public const string ProviderItem = "hf.provider";

    public static AuthenticationBuilder AddOidcProviders(this AuthenticationBuilder authentication, IConfiguration configuration)
    {
        var providers = OidcProviders.From(configuration);
        authentication.Services.AddSingleton(providers);
        foreach (var provider in providers.All)
            authentication.AddOpenIdConnect(provider.Scheme, provider.DisplayName, o =>
            {
                o.Authority = provider.Authority;
                o.ClientId = provider.ClientId;
                o.ClientSecret = provider.ClientSecret;
                o.ResponseType = OpenIdConnectResponseType.Code;
                o.UsePkce = true;
                // The code comes back in the query: a top-level GET, which the Lax correlation cookie goes along with.
                o.ResponseMode = OpenIdConnectResponseMode.Query;
                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.NonceCookie.SameSite = SameSiteMode.Lax;
                // Secure whenever the request is (always, outside tests: the app redirects to https and sends HSTS).
                o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.CallbackPath = provider.CallbackPath;
                o.SignedOutCallbackPath = $"/signout-callback-oidc-{provider.Name}";
                o.RemoteSignOutPath = $"/signout-oidc-{provider.Name}";
                o.SignInScheme = IdentityConstants.ExternalScheme;
                o.RequireHttpsMetadata = provider.RequireHttpsMetadata;
                o.GetClaimsFromUserInfoEndpoint = provider.GetClaimsFromUserInfoEndpoint;
                o.SaveTokens = false;
                // The protocol's cookies and the provider's tokens expire in real time, whatever clock the app's rules use.
                o.TimeProvider = TimeProvider.System;
                o.MapInboundClaims = false;
                // The strength of the sign-in is read from these; the handler drops them by default.
                o.ClaimActions.Remove("amr");
                o.ClaimActions.Remove("acr");
                o.Scope.Clear();
                foreach (var scope in provider.ScopesToAsk) o.Scope.Add(scope);
                o.Events.OnRemoteFailure = context =>
                {
                    context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Helsefellesskap.ExternalSignIn")
                        .LogWarning(context.Failure, "Sign-in with {Provider} failed.", provider.Name);
                    context.Response.Redirect($"/Account/Login?feil={Uri.EscapeDataString(provider.Name)}");
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            });
        return authentication;
    }

    public static IEndpointRouteBuilder MapExternalSignIn(this IEndpointRouteBuilder endpoints)
    {
        // A link, not a form: the site's form-action policy would stop a form's redirect to the provider. Starting a
        // sign-in changes nothing here; the callback is bound to this browser by the correlation cookie.
        endpoints.MapGet("/Account/ExternalLogin/{name}", (string name, string? returnUrl, OidcProviders providers) =>
        {
            if (providers.Find(name) is not { } provider) return Results.NotFound();
            var properties = new AuthenticationProperties
            {
                RedirectUri = $"/Account/ExternalLogin/Callback?returnUrl={Uri.EscapeDataString(LocalOrHome(returnUrl))}",
                Items = { [ProviderItem] = provider.Name },
            };
            return Results.Challenge(properties, [provider.Scheme]);
        }).AllowAnonymous();

        endpoints.MapGet("/Account/ExternalLogin/Callback", async (HttpContext context, string? returnUrl,
            [FromServices] OidcProviders providers, [FromServices] ExternalIdentities identities,
            [FromServices] SignInManager<ApplicationUser> signIn, [FromServices] ILoggerFactory logs) =>
        {
            var external = await context.AuthenticateAsync(IdentityConstants.ExternalScheme);
            await context.SignOutAsync(IdentityConstants.ExternalScheme);
            if (!external.Succeeded || external.Properties?.Items.TryGetValue(ProviderItem, out var name) != true ||
                providers.Find(name) is not { } provider)
                return Results.LocalRedirect("~/Account/Login");

            var result = await identities.SignInAsync(provider, external.Principal!);
            var log = logs.CreateLogger("Helsefellesskap.ExternalSignIn");
            switch (result.Outcome)
            {
                case ExternalSignInOutcome.Unknown:
                    log.LogWarning("An identity from {Provider} matched no user.", provider.Name);
                    return Results.LocalRedirect("~/Account/IngenTilgang");
                case ExternalSignInOutcome.Deactivated:
                    return Results.LocalRedirect("~/Account/Lockout");
            }
            await signIn.SignInWithClaimsAsync(result.User!, isPersistent: false, result.Claims);
            log.LogInformation("User {UserName} signed in with {Provider}.", result.User!.UserName, provider.Name);
            return Results.LocalRedirect("~/" + LocalOrHome(returnUrl).TrimStart('/'));
        }).AllowAnonymous();
        return endpoints;
    }

    private static string LocalOrHome(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//") && !returnUrl.StartsWith("/\\")
            ? returnUrl : "/oversikt";
}
