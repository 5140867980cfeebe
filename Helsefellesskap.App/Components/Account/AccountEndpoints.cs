using Helsefellesskap.App.Data;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Helsefellesskap.App.Components.Account;

internal static class AccountEndpoints
{
    /// <summary>
    /// Signing out is a POST with the app bar form's antiforgery token, never a GET link or a forged post. It renews
    /// the security stamp, so the cookie (and any copy of it) stops working on the server, not only in this browser,
    /// and the user's other open tabs end with it.
    /// </summary>
    public static IEndpointConventionBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/Account");
        account.MapPost("/Logout", async (HttpContext context, [FromServices] IAntiforgery antiforgery,
            [FromServices] SignInManager<ApplicationUser> signInManager, [FromServices] AppDbContext db,
            [FromServices] SessionSignals signals) =>
        {
            // A tab whose sign-in already ended (its last seat, say) has a token for a user the request no longer has:
            // there is nothing to sign out, so it goes where a sign-out would, instead of a bare error.
            if (!await antiforgery.IsRequestValidAsync(context))
                return context.User.Identity?.IsAuthenticated == true ? Results.BadRequest()
                    : Results.LocalRedirect(Sessions.RefusedForNoSeat(context) ? Sessions.NoSeatPath : "~/");
            if (await signInManager.UserManager.GetUserAsync(context.User) is { } user)
            {
                db.AuditActor = new AuditActor(user.Id, user.UserName ?? "", user.PersonId);
                db.AuditAction = "Logget ut";
                await Sessions.EndAllAsync(signInManager.UserManager, user, signals);
            }
            await signInManager.SignOutAsync();
            return Results.LocalRedirect("~/");
        });
        return account;
    }
}
