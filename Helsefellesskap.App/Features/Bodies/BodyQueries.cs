using Helsefellesskap.App.Data;
using Helsefellesskap.Domain.Partnerships;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Features.Bodies;

public sealed record SeatView(string PersonName, string? PersonTitle, SeatRole Role, ParticipantKind? ParticipantKind,
    string? PartyName, string? Organisation, Term Term, bool IsActive, bool WithoutPosition = false);

public sealed record BodyView(Guid Id, string Name, string ShortName, BodyKind Kind, Mandate Mandate,
    IReadOnlyList<SeatView> Seats, IReadOnlyList<string> PartiesThatMustAgree, string? ChairName, Side? ChairSide,
    Domain.Reminders.LeadTimes? ReminderLeadTimes = null)
{
    public string Slug => ShortName.ToLowerInvariant();
}

public sealed record PartyView(string Name, PartyKind Kind, string? RegionName);

public sealed class BodyQueries(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    private static readonly StringComparer Norwegian = StringComparer.Create(App.Norwegian.Culture, false);

    public async Task<IReadOnlyList<BodyView>> ListAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var today = OsloTime.Today(clock);
        var bodies = await db.Bodies.AsNoTracking().ToListAsync();
        var people = await db.People.AsNoTracking().ToDictionaryAsync(p => p.Id);
        var parties = await db.Parties.AsNoTracking().ToDictionaryAsync(p => p.Id);

        return bodies.OrderBy(b => b.Kind).ThenBy(b => b.Name, Norwegian).Select(body =>
        {
            var seats = body.Seats
                .OrderBy(s => s.Role).ThenBy(s => s.PartyId is { } id ? parties[id].Name : "", Norwegian)
                .ThenBy(s => people[s.PersonId].Name, Norwegian)
                .Select(s => new SeatView(people[s.PersonId].Name, people[s.PersonId].Title, s.Role, s.ParticipantKind,
                    s.PartyId is { } id ? parties[id].Name : null, s.Organisation, s.Term, s.IsActiveOn(today), s.WithoutPosition))
                .ToList();
            var required = body.PartiesThatMustAgree(today).Select(id => parties[id].Name).Order(Norwegian).ToList();
            var chair = body.ChairOn(today);
            var chairSide = chair?.PartyId is { } chairParty ? parties[chairParty].Side : (Side?)null;
            return new BodyView(body.Id, body.Name, body.ShortName, body.Kind, body.Mandate, seats, required,
                chair is null ? null : people[chair.PersonId].Name, chairSide, body.ReminderLeadTimes);
        }).ToList();
    }

    public async Task<IReadOnlyList<PartyView>> PartiesAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var parties = await db.Parties.AsNoTracking().ToListAsync();
        var names = parties.ToDictionary(p => p.Id, p => p.Name);
        return parties.OrderBy(p => p.Kind).ThenBy(p => p.Name, Norwegian)
            .Select(p => new PartyView(p.Name, p.Kind, p.RegionId is { } r ? names[r] : null)).ToList();
    }
}
