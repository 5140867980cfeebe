using Helsefellesskap.App.Features.Cases;
using Helsefellesskap.App.Data;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.FollowUp;
using Helsefellesskap.Domain.Partnerships;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Features.FollowUp;

/// <summary>Which actions the list shows: the open ones (default), one status, or all.</summary>
public enum FollowUpView { Open, NotStarted, InProgress, Completed, Cancelled, All }

public sealed record FollowUpRow(Guid Id, string What, Guid OwnerPartyId, string OwnerParty, Guid OwnerPersonId, string OwnerPerson,
    DateOnly Deadline, FollowUpStatus Status, int ProgressPercent, string? ProgressNote, string? CancellationReason,
    bool IsOverdue, Guid CaseId, Guid TreatmentId, string CaseNumber, string CaseTitle, string DecidedBy,
    GoalLink? Goal, Guid? MandateCaseId);

public sealed record NamedChoice(Guid Id, string Name);

/// <summary>What the forms offer: the parties that can own an action, the people, and the bodies a mandate can go to.</summary>
public sealed record FollowUpChoices(IReadOnlyList<NamedChoice> Parties, IReadOnlyList<NamedChoice> People, IReadOnlyList<NamedChoice> LowerBodies);

public sealed class FollowUpQueries(IDbContextFactory<AppDbContext> dbFactory, Helsefellesskap.App.Features.Access.Actors actors, TimeProvider clock)
{
    /// <summary>
    /// Overdue first, then by deadline and owner: what needs attention comes first. A case the reader may not read
    /// shows only its number and legal basis, as in the register.
    /// </summary>
    public async Task<IReadOnlyList<FollowUpRow>> ListAsync(Guid? ownerPartyId = null, FollowUpView view = FollowUpView.Open,
        Guid? caseId = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        IQueryable<FollowUpAction> actions = db.FollowUpActions.AsNoTracking();
        if (ownerPartyId is { } party) actions = actions.Where(a => a.OwnerPartyId == party);
        if (caseId is { } c) actions = actions.Where(a => a.CaseId == c);
        actions = view switch
        {
            FollowUpView.Open => actions.Where(a => a.Status == FollowUpStatus.NotStarted || a.Status == FollowUpStatus.InProgress),
            FollowUpView.NotStarted => actions.Where(a => a.Status == FollowUpStatus.NotStarted),
            FollowUpView.InProgress => actions.Where(a => a.Status == FollowUpStatus.InProgress),
            FollowUpView.Completed => actions.Where(a => a.Status == FollowUpStatus.Completed),
            FollowUpView.Cancelled => actions.Where(a => a.Status == FollowUpStatus.Cancelled),
            _ => actions,
        };
        var list = await actions.ToListAsync();
        var caseIds = list.Select(a => a.CaseId).Distinct().ToList();
        var cases = await db.Cases.AsNoTracking().Where(x => caseIds.Contains(x.Id))
            .Select(x => new { x.Id, x.Year, x.Sequence, x.BodyId, x.Title }).ToDictionaryAsync(x => x.Id);
        var numbering = await CaseRegister.ShortNamesAsync(db);
        var treatmentIds = list.Select(a => a.TreatmentId).Distinct().ToList();
        var bodies = await db.Set<Treatment>().AsNoTracking().Where(t => treatmentIds.Contains(t.Id))
            .ToDictionaryAsync(t => t.Id, t => t.BodyName);
        var parties = await db.Parties.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name);
        var people = await db.People.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name);
        var today = OsloTime.Today(clock);
        var unreadable = await CaseRegister.UnreadableAsync(db, await actors.CurrentAsync(db), today);
        return list
            .Select(a =>
            {
                var x = cases[a.CaseId];
                var number = x.Year is { } y && x.Sequence is { } s ? CaseNumber.Display(numbering[x.BodyId], s, y) : "Utkast";
                return new FollowUpRow(a.Id, a.What, a.OwnerPartyId, parties.GetValueOrDefault(a.OwnerPartyId, "–"), a.OwnerPersonId,
                    people.GetValueOrDefault(a.OwnerPersonId, "–"), a.Deadline, a.Status, a.ProgressPercent, a.ProgressNote,
                    a.CancellationReason, a.IsOverdue(today), a.CaseId, a.TreatmentId, number, unreadable.GetValueOrDefault(x.Id, x.Title),
                    bodies.GetValueOrDefault(a.TreatmentId, ""), a.Goal, a.MandateCaseId);
            })
            .OrderByDescending(r => r.IsOverdue).ThenBy(r => r.Deadline).ThenBy(r => r.OwnerParty, StringComparer.Create(Norwegian.Culture, false))
            .ToList();
    }

    public async Task<FollowUpChoices> ChoicesAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var culture = StringComparer.Create(Norwegian.Culture, false);
        var parties = (await db.Parties.AsNoTracking().ToListAsync())
            .OrderBy(p => p.Kind switch { PartyKind.HospitalTrust => 0, PartyKind.MunicipalitiesJointly => 1, PartyKind.HealthRegion => 2, _ => 3 })
            .ThenBy(p => p.Name, culture).Select(p => new NamedChoice(p.Id, p.Name)).ToList();
        var people = (await db.People.AsNoTracking().ToListAsync()).OrderBy(p => p.Name, culture).Select(p => new NamedChoice(p.Id, p.Name)).ToList();
        var lower = (await db.Bodies.AsNoTracking().IgnoreAutoIncludes().ToListAsync())
            .Where(b => b.Mandate != Mandate.Decides).OrderBy(b => b.Kind).Select(b => new NamedChoice(b.Id, b.Name)).ToList();
        return new FollowUpChoices(parties, people, lower);
    }
}
