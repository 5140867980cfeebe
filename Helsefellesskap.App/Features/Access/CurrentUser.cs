using System.Security.Claims;
using Helsefellesskap.App.Data;
using Helsefellesskap.Domain.Access;
using Helsefellesskap.Domain.Partnerships;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Features.Access;

/// <summary>The signed-in user, the person behind it, and that person's seats, read fresh from the database.</summary>
public sealed record SignedInUser(string UserId, string UserName, bool IsAdministrator, Person? Person,
    IReadOnlyList<(Seat Seat, Body Body)> Seats)
{
    public IEnumerable<(Seat Seat, Body Body)> SeatsOn(DateOnly day) => Seats.Where(s => s.Seat.IsActiveOn(day));

    public bool IsSecretariat(DateOnly day) => SeatsOn(day).Any(s => s.Seat.Role == SeatRole.Secretariat);

    /// <summary>What the pages offer follows the domain's rule; every command checks it again against the database.</summary>
    public bool MayAdminister(DateOnly day) => new Actor(Person?.Id, UserName, IsAdministrator,
        Seats.Select(s => new ActorSeat(s.Body.Id, s.Body.ShortName, s.Seat.Role, s.Seat.PartyId, s.Seat.Term, s.Seat.WithoutPosition))).MayAdminister(day);
}

public sealed class CurrentUser(AuthenticationStateProvider authentication, IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<SignedInUser?> GetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        var userId = state.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null) return null;

        await using var db = await dbFactory.CreateDbContextAsync();
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId);
        if (user is null) return null;
        var person = user.PersonId is { } personId ? await db.People.AsNoTracking().SingleAsync(p => p.Id == personId) : null;
        var bodies = person is null ? [] : await db.Bodies.AsNoTracking()
            .Where(b => b.Seats.Any(s => s.PersonId == person.Id)).ToListAsync();
        var seats = bodies.SelectMany(b => b.Seats.Where(s => s.PersonId == person!.Id).Select(s => (s, b))).ToList();
        return new SignedInUser(user.Id, user.UserName ?? "", user.IsAdministrator, person, seats);
    }
}
