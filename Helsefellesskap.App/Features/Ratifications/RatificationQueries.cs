using Helsefellesskap.App.Features.Cases;
using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features.Access;
using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Access;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Partnerships;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Features.Ratifications;

/// <summary>A decision and the state of its local ratification, for the page where it is followed and recorded.</summary>
public sealed record DecisionRatification(Guid CaseId, Guid TreatmentId, string CaseNumber, string CaseTitle, string BodyName,
    DateOnly DecidedOn, Outcome Outcome, RatificationBoard Board);

public sealed record GrantView(Guid PartyId, string PartyName);

public sealed class RatificationQueries(IDbContextFactory<AppDbContext> dbFactory, Actors actors, TimeProvider clock)
{
    private DateOnly Today => OsloTime.Today(clock);

    public async Task<DecisionRatification?> ForDecisionAsync(Guid treatmentId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var @case = await db.Cases.AsNoTracking().WithRecord().SingleOrDefaultAsync(c => c.Treatments.Any(t => t.Id == treatmentId));
        if (@case is null) return null;
        var treatment = @case.Treatments.Single(t => t.Id == treatmentId);
        var parties = await db.Parties.AsNoTracking().ToDictionaryAsync(p => p.Id);
        var actor = await ActorOrNullAsync(db);
        var board = RatificationBoard.Of(treatment, parties, Today, id => actor?.MayRecordRatification(id, Today) == true);
        return new DecisionRatification(@case.Id, treatment.Id, CaseRegister.NumberText(@case, await CaseRegister.ShortNamesAsync(db)), @case.Title, treatment.BodyName,
            treatment.StartedOn, treatment.Outcome, board);
    }

    /// <summary>The parties a person may record ratification for.</summary>
    public async Task<IReadOnlyList<GrantView>> GrantsAsync(Guid personId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var grants = await db.RatificationGrants.AsNoTracking().Where(g => g.PersonId == personId)
            .Join(db.Parties, g => g.PartyId, p => p.Id, (g, p) => new GrantView(p.Id, p.Name)).ToListAsync();
        return grants.OrderBy(g => g.PartyName, StringComparer.Create(Norwegian.Culture, false)).ToList();
    }

    /// <summary>The parties that ratify locally: every municipality and the hospital trust.</summary>
    public async Task<IReadOnlyList<GrantView>> RatifyingPartiesAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var parties = await db.Parties.AsNoTracking()
            .Where(p => p.Kind == PartyKind.Municipality || p.Kind == PartyKind.HospitalTrust)
            .Select(p => new GrantView(p.Id, p.Name)).ToListAsync();
        return parties.OrderBy(p => p.PartyName, StringComparer.Create(Norwegian.Culture, false)).ToList();
    }

    private Task<Actor?> ActorOrNullAsync(AppDbContext db) => actors.CurrentOrNullAsync(db);
}
