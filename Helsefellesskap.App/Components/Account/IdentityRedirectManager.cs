using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Helsefellesskap.App.Data;

namespace Helsefellesskap.App.Components.Account;

internal sealed class IdentityRedirectManager(NavigationManager navigationManager)
{
    public const string StatusCookieName = "Identity.StatusMessage";

    private static readonly CookieBuilder StatusCookieBuilder = new()
    {
        SameSite = SameSiteMode.Strict,
        HttpOnly = true,
        IsEssential = true,
        MaxAge = TimeSpan.FromSeconds(5),
    };

    public void RedirectTo(string? uri) => navigationManager.NavigateTo(LocalOrHome(uri));

    /// <summary>
    /// Only to this site: a path here, or an address under the app's own base (as the sign-in redirect makes it).
    /// Anything else (<c>//host</c>, <c>/\host</c>, <c>javascript:</c>, another site) goes to the front page, so a
    /// crafted return address can neither lead away nor fail the sign-in.
    /// </summary>
    public string LocalOrHome(string? uri)
    {
        uri ??= "";
        if (uri.StartsWith(navigationManager.BaseUri, StringComparison.OrdinalIgnoreCase))
            uri = "/" + navigationManager.ToBaseRelativePath(uri);
        return IsLocal(uri) ? uri : "/";
    }

    public static bool IsLocal(string uri)
    {
        if (uri.Length == 0 || uri.Any(c => char.IsControl(c) || c == '\\')) return false;
        if (uri.StartsWith("//", StringComparison.Ordinal)) return false;
        // A scheme (javascript:, https:) comes before the first slash, question mark or hash.
        var end = uri.IndexOfAny(['/', '?', '#']);
        return !(end < 0 ? uri : uri[..end]).Contains(':');
    }

    public void RedirectTo(string uri, Dictionary<string, object?> queryParameters)
    {
        var uriWithoutQuery = navigationManager.ToAbsoluteUri(uri).GetLeftPart(UriPartial.Path);
        var newUri = navigationManager.GetUriWithQueryParameters(uriWithoutQuery, queryParameters);
        RedirectTo(newUri);
    }

    public void RedirectToWithStatus(string uri, string message, HttpContext context)
    {
        context.Response.Cookies.Append(StatusCookieName, message, StatusCookieBuilder.Build(context));
        RedirectTo(uri);
    }

    private string CurrentPath => navigationManager.ToAbsoluteUri(navigationManager.Uri).GetLeftPart(UriPartial.Path);

    public void RedirectToCurrentPage() => RedirectTo(CurrentPath);

    public void RedirectToCurrentPageWithStatus(string message, HttpContext context)
        => RedirectToWithStatus(CurrentPath, message, context);

    public void RedirectToInvalidUser(UserManager<ApplicationUser> userManager, HttpContext context)
        => RedirectToWithStatus("Account/InvalidUser", "Fant ikke brukeren din. Logg inn på nytt.", context);
}
