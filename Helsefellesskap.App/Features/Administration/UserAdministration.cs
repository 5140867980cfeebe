using System.Globalization;
using Helsefellesskap.App.Components.Account;
using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features.Access;
using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Access;
using Helsefellesskap.Domain.Partnerships;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Features.Administration;

public enum UserStatus { Active, LockedOut, Deactivated }

public sealed record UserSeatView(Guid SeatId, string BodyShortName, string BodyName, SeatRole Role, string? PartyName,
    ParticipantKind? ParticipantKind, string? Organisation, Term Term, bool IsCurrent, bool HasEnded);

public sealed record UserRow(string UserId, string UserName, string Name, string? Title, bool IsAdministrator,
    IReadOnlyList<UserSeatView> CurrentSeats, UserStatus Status);

public sealed record UserDetails(string UserId, string UserName, Guid? PersonId, string Name, string? Title,
    bool IsAdministrator, UserStatus Status, IReadOnlyList<UserSeatView> Seats)
{
    public string? Email { get; init; }
    public bool WantsReminders { get; init; } = true;
}

public sealed record SeatChoices(IReadOnlyList<(Guid Id, string ShortName, string Name)> Bodies,
    IReadOnlyList<(Guid Id, string Name)> Parties);

/// <summary>
/// The administrator's and the secretariat's work on users and seats. Every query and command reads the actor
/// from the database first, so only those who may administer see or change anything.
/// </summary>
public sealed class UserAdministration(IDbContextFactory<AppDbContext> dbFactory, IServiceScopeFactory scopes,
    WriteGate gate, Actors actors, TimeProvider clock, SessionSignals signals)
{
    private static readonly StringComparer Norwegian = StringComparer.Create(App.Norwegian.Culture, false);

    private DateOnly Today => OsloTime.Today(clock);

    /// <summary>Every user, by name; <paramref name="search"/> matches name or user name, <paramref name="deactivated"/> the status.</summary>
    public async Task<IReadOnlyList<UserRow>> ListAsync(string? search = null, bool? deactivated = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        (await actors.CurrentAsync(db)).MustAdminister(Today);
        var users = await db.Users.AsNoTracking().ToListAsync();
        var people = await db.People.AsNoTracking().ToDictionaryAsync(p => p.Id);
        var seats = await SeatsByPersonAsync(db);

        return users
            .Select(u =>
            {
                var person = u.PersonId is { } id ? people.GetValueOrDefault(id) : null;
                var current = person is null ? [] : seats[person.Id].Where(s => s.IsCurrent).ToList();
                return new UserRow(u.Id, u.UserName ?? "", person?.Name ?? u.UserName ?? "", person?.Title,
                    u.IsAdministrator, current, StatusOf(u));
            })
            .Where(r => deactivated is null || (r.Status == UserStatus.Deactivated) == deactivated)
            .Where(r => string.IsNullOrWhiteSpace(search) || Matches(r.Name, search) || Matches(r.UserName, search))
            .OrderBy(r => r.Name, Norwegian)
            .ToList();
    }

    public async Task<UserDetails?> GetAsync(string userId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        (await actors.CurrentAsync(db)).MustAdminister(Today);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId);
        if (user is null) return null;
        var person = user.PersonId is { } id ? await db.People.AsNoTracking().SingleAsync(p => p.Id == id) : null;
        var seats = person is null ? [] : (await SeatsByPersonAsync(db))[person.Id]
            .OrderByDescending(s => s.IsCurrent).ThenByDescending(s => s.Term.From).ThenBy(s => s.BodyShortName, Norwegian).ToList();
        return new UserDetails(user.Id, user.UserName ?? "", person?.Id, person?.Name ?? user.UserName ?? "", person?.Title,
            user.IsAdministrator, StatusOf(user), seats) { Email = person?.Email, WantsReminders = person?.WantsReminders ?? true };
    }

    public async Task<SeatChoices> SeatChoicesAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        (await actors.CurrentAsync(db)).MustAdminister(Today);
        var bodies = await db.Bodies.AsNoTracking().IgnoreAutoIncludes().ToListAsync();
        var parties = await db.Parties.AsNoTracking().ToListAsync();
        return new SeatChoices(
            bodies.OrderBy(b => b.Kind).ThenBy(b => b.Name, Norwegian).Select(b => (b.Id, b.ShortName, b.Name)).ToList(),
            parties.OrderBy(p => p.Kind).ThenBy(p => p.Name, Norwegian).Select(p => (p.Id, p.Name)).ToList());
    }

    /// <summary>Creates a person and their user, with a first password the administrator chose; returns the user's id.</summary>
    public Task<string> CreateUserAsync(string name, string? title, string userName, string password) =>
        WithIdentity("Bruker opprettet", async (db, users, actor) =>
        {
            actor.MustCreateUser(Today);
            DomainException.ThrowIf(string.IsNullOrWhiteSpace(userName), "Brukeren må ha et brukernavn.");
            // The app serves one partnership; a person belongs to it.
            var partnership = await db.Partnerships.SingleAsync();
            var person = new Person(partnership.Id, name, title);
            db.People.Add(person);
            var user = new ApplicationUser { UserName = userName.Trim(), PersonId = person.Id, EmailConfirmed = true };
            // Identity validates the user name and password, then saves the person and the user together.
            Check(await users.CreateAsync(user, password ?? ""));
            return user.Id;
        });

    /// <summary>Name and title; the e-mail address and the choice of reminders only when given (null leaves them).</summary>
    public Task UpdatePersonAsync(Guid personId, string name, string? title, string? email = null, bool? wantsReminders = null) =>
        Write("Person endret", actor => actor.MustEditPerson(Today), async db =>
    {
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId) ?? throw new DomainException("Personen finnes ikke.");
        person.Rename(name);
        person.ChangeTitle(title);
        if (email is not null) person.ChangeEmail(email);
        if (wantsReminders is { } wanted) person.ChooseReminders(wanted);
    });

    /// <summary>Links a person to a seat in a body; the body decides whether the seat may be added.</summary>
    public Task AddSeatAsync(Guid personId, Guid bodyId, SeatRole role, Guid? partyId, ParticipantKind? participantKind,
        string? organisation, DateOnly from, DateOnly? to, bool withoutPosition = false) => Write("Verv lagt til", actor => actor.MustAddSeat(Today), async db =>
    {
        var body = await db.Bodies.SingleOrDefaultAsync(b => b.Id == bodyId) ?? throw new DomainException("Velg et utvalg.");
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == personId) ?? throw new DomainException("Personen finnes ikke.");
        var party = partyId is { } id
            ? await db.Parties.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id) ?? throw new DomainException("Parten finnes ikke.")
            : null;
        body.AddSeat(person, role, new Term(from, to), party, participantKind, organisation, withoutPosition);
    });

    /// <summary>
    /// Ends a seat after <paramref name="lastDay"/>: from the next day it gives no rights. When that leaves the person
    /// nothing to do here today (<see cref="Actor.HasBusinessHere"/>), their sessions end at once; a last day still to
    /// come ends them on the day after it, when every request and every open tab checks the seats again.
    /// </summary>
    public async Task EndSeatAsync(Guid seatId, DateOnly lastDay)
    {
        Guid personId = default;
        await Write("Verv avsluttet", actor => actor.MustEndSeat(Today), async db =>
        {
            var body = await db.Bodies.SingleOrDefaultAsync(b => b.Seats.Any(s => s.Id == seatId)) ?? throw new DomainException("Vervet finnes ikke.");
            body.EndSeat(seatId, lastDay);
            personId = body.Seats.Single(s => s.Id == seatId).PersonId;
        });
        await WithIdentity("Økter avsluttet: siste verv er avsluttet", async (db, users, actor) =>
        {
            actor.MustEndSeat(Today);
            var user = await users.Users.SingleOrDefaultAsync(u => u.PersonId == personId);
            if (user is not null && !await Sessions.HasBusinessHereAsync(dbFactory, user.Id, clock))
                await Sessions.EndAllAsync(users, user, signals);
            return true;
        });
    }

    public Task DeactivateAsync(string userId) => WithIdentity("Bruker deaktivert", async (_, users, actor) =>
    {
        var user = await UserAsync(users, userId);
        actor.MustDeactivate(Today, user.Id, user.IsAdministrator);
        if (user.IsDeactivated) return true;
        user.LockoutEnabled = true;
        user.LockoutEnd = ApplicationUser.DeactivatedUntil;
        // A new stamp ends every cookie at its next request; the signal ends every open tab at once.
        Check(await users.UpdateSecurityStampAsync(user));
        signals.EndAll(user.Id);
        return true;
    });

    public Task ReactivateAsync(string userId) => WithIdentity("Bruker aktivert igjen", async (_, users, actor) =>
    {
        var user = await UserAsync(users, userId);
        actor.MustManageAccount(Today, user.IsAdministrator);
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        Check(await users.UpdateAsync(user));
        return true;
    });

    /// <summary>Sets a temporary password the administrator gives the user, who then changes it themselves.</summary>
    public Task ResetPasswordAsync(string userId, string newPassword) => WithIdentity("Passord tilbakestilt", async (_, users, actor) =>
    {
        var user = await UserAsync(users, userId);
        actor.MustManageAccount(Today, user.IsAdministrator);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        // Identity checks the password rules and renews the security stamp, which ends every cookie of the user;
        // the signal ends their open tabs at once.
        Check(await users.ResetPasswordAsync(user, token, newPassword ?? ""));
        signals.EndAll(user.Id);
        return true;
    });

    public static UserStatus StatusOf(ApplicationUser user, DateTimeOffset now) =>
        user.IsDeactivated ? UserStatus.Deactivated
        : user.LockoutEnd is { } end && end > now ? UserStatus.LockedOut
        : UserStatus.Active;

    private UserStatus StatusOf(ApplicationUser user) => StatusOf(user, clock.GetUtcNow());

    private static bool Matches(string text, string search) =>
        App.Norwegian.Culture.CompareInfo.IndexOf(text, search.Trim(), CompareOptions.IgnoreCase) >= 0;

    private async Task<ILookup<Guid, UserSeatView>> SeatsByPersonAsync(AppDbContext db)
    {
        var today = Today;
        var bodies = await db.Bodies.AsNoTracking().ToListAsync();
        var parties = await db.Parties.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name);
        return bodies
            .SelectMany(b => b.Seats.Select(s => (s.PersonId, View: new UserSeatView(s.Id, b.ShortName, b.Name, s.Role,
                s.PartyId is { } party ? parties[party] : null, s.ParticipantKind, s.Organisation, s.Term,
                s.IsActiveOn(today), s.To < today))))
            .ToLookup(x => x.PersonId, x => x.View);
    }

    private static async Task<ApplicationUser> UserAsync(UserManager<ApplicationUser> users, string userId) =>
        await users.FindByIdAsync(userId) ?? throw new DomainException("Brukeren finnes ikke.");

    private static void Check(IdentityResult result) =>
        DomainException.ThrowIf(!result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));

    /// <summary>A command on people and seats: the actor's rule first, then the change, saved in one transaction through the gate.</summary>
    private Task Write(string auditAction, Action<Actor> must, Func<AppDbContext, Task> change) => gate.RunAsync(async () =>
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        must(await actors.CurrentAsync(db));
        db.AuditAction = auditAction;
        await change(db);
        await db.SaveChangesAsync(); // a concurrent change is answered by the page's command path (Shared/Commands.cs)
        return true;
    });

    /// <summary>
    /// A command through Identity's UserManager, which works on the scoped context. A scope of its own keeps one
    /// context per operation, where the circuit's scope would keep one for as long as the tab is open.
    /// </summary>
    private Task<T> WithIdentity<T>(string auditAction, Func<AppDbContext, UserManager<ApplicationUser>, Actor, Task<T>> command) =>
        gate.RunAsync(async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var actor = await actors.CurrentAsync(db);
            // Reading the user comes first; each command then asks its own rule (Actor.MustX).
            actor.MustAdminister(Today);
            db.AuditAction = auditAction;
            return await command(db, users, actor);
        });
}
