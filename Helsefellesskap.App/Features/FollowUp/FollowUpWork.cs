using Helsefellesskap.App.Features.Cases;
using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features.Access;
using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Access;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.FollowUp;
using Helsefellesskap.Domain.Partnerships;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Features.FollowUp;

/// <summary>What the secretariat types for an action: what, who, by when, and the goal it serves.</summary>
public sealed record FollowUpInput(string What, Guid OwnerPartyId, Guid OwnerPersonId, DateOnly? Deadline,
    string? GoalTitle = null, string? GoalUrl = null);

/// <summary>A mandate to a lower body: the draft case it becomes there, and by when the body should report back.</summary>
public sealed record MandateInput(Guid BodyId, string Title, string Mandate, DateOnly? Deadline);

/// <summary>
/// The commands on follow-up actions. The secretariat creates and edits them and gives mandates; the owner
/// person reports the progress of their own action. Each reads the actor fresh and saves through the write gate.
/// </summary>
public sealed class FollowUpWork(IDbContextFactory<AppDbContext> dbFactory, WriteGate gate, Actors actors, TimeProvider clock)
{
    private DateOnly Today => OsloTime.Today(clock);

    public Task<Guid> CreateAsync(Guid caseId, Guid treatmentId, FollowUpInput input) => gate.RunAsync(async () =>
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var actor = await actors.CurrentAsync(db);
        actor.MustWrite(OsloTime.Today(clock)); // a read-only sign-in writes nothing
        actor.MustCreateFollowUp(Today);
        var decision = await db.Cases.AsNoTracking().WithRecord().SingleOrDefaultAsync(c => c.Id == caseId) ?? throw new DomainException("Saken finnes ikke.");
        await MustExistAsync(db, input);
        var action = FollowUpAction.For(decision, treatmentId, input.What, input.OwnerPartyId, input.OwnerPersonId, input.Deadline,
            GoalLink.Create(input.GoalTitle, input.GoalUrl), actor.ActingPersonId, clock.GetUtcNow());
        db.FollowUpActions.Add(action);
        db.AuditAction = "Oppfølgingstiltak opprettet";
        await db.SaveChangesAsync();
        return action.Id;
    });

    public Task EditAsync(Guid actionId, FollowUpInput input) => Write(actionId, async (db, actor, action) =>
    {
        actor.MustEditFollowUp(Today);
        await MustExistAsync(db, input);
        action.Edit(input.What, input.OwnerPartyId, input.OwnerPersonId, input.Deadline, GoalLink.Create(input.GoalTitle, input.GoalUrl),
            actor.ActingPersonId, clock.GetUtcNow());
        db.AuditAction = "Oppfølgingstiltak endret";
    });

    /// <summary>Status and progress, as the owner or the secretariat reports them. A cancellation's note is its reason.</summary>
    public Task UpdateProgressAsync(Guid actionId, FollowUpStatus status, int percent, string? note) => Write(actionId, (db, actor, action) =>
    {
        action.MustBeUpdatableBy(actor, Today);
        var at = clock.GetUtcNow();
        switch (status)
        {
            case FollowUpStatus.InProgress: action.ReportProgress(percent, note, actor.ActingPersonId, at); break;
            case FollowUpStatus.Completed: action.Complete(note, actor.ActingPersonId, at); break;
            case FollowUpStatus.Cancelled: action.Cancel(note, actor.ActingPersonId, at); break;
            default: throw new DomainException("Et tiltak settes ikke tilbake til «ikke startet»; meld fremdrift, fullfør eller avbryt det.");
        }
        db.AuditAction = $"Oppfølgingstiltak: {status.Label()}";
        return Task.CompletedTask;
    });

    /// <summary>
    /// Gives a lower body a mandate: a draft case in that body, linked back to the decision, followed up as an
    /// action owned by the body's chair. Returns the action and the new case.
    /// </summary>
    public Task<(Guid ActionId, Guid MandateCaseId)> GiveMandateAsync(Guid caseId, Guid treatmentId, MandateInput input) => gate.RunAsync(async () =>
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var actor = await actors.CurrentAsync(db);
        actor.MustWrite(OsloTime.Today(clock)); // a read-only sign-in writes nothing
        actor.MustGiveMandate(Today);
        var decision = await db.Cases.AsNoTracking().WithRecord().SingleOrDefaultAsync(c => c.Id == caseId) ?? throw new DomainException("Saken finnes ikke.");
        var body = await db.Bodies.AsNoTracking().SingleOrDefaultAsync(b => b.Id == input.BodyId) ?? throw new DomainException("Velg utvalget som får mandatet.");
        var treatment = decision.Treatments.SingleOrDefault(t => t.Id == treatmentId) ?? throw new DomainException("Behandlingen finnes ikke i denne saken.");
        var at = clock.GetUtcNow();
        var background = $"Mandat gitt av {treatment.BodyName} i vedtak i {CaseRegister.NumberText(decision, await CaseRegister.ShortNamesAsync(db))} «{decision.Title}» " +
            $"([se vedtaket](/saker/{decision.Id}#behandling-{treatment.Id})).\n\n> {treatment.CurrentWording.Text}";
        var mandateCase = new Case(decision.PartnershipId, body, input.Title, CaseType.Decision, false, decision.Tags,
            background, "", input.Mandate, actor.ActingPersonId, at);
        var action = FollowUpAction.ForMandate(decision, treatmentId, body, mandateCase, input.Deadline, null, actor.ActingPersonId, at, Today);
        db.Cases.Add(mandateCase);
        db.FollowUpActions.Add(action);
        db.AuditAction = $"Mandat gitt til {body.ShortName}";
        await db.SaveChangesAsync();
        return (action.Id, mandateCase.Id);
    });

    private static async Task MustExistAsync(AppDbContext db, FollowUpInput input)
    {
        DomainException.ThrowIf(input.OwnerPartyId != Guid.Empty && !await db.Parties.AnyAsync(p => p.Id == input.OwnerPartyId),
            "Parten som skal eie tiltaket, finnes ikke.");
        DomainException.ThrowIf(input.OwnerPersonId != Guid.Empty && !await db.People.AnyAsync(p => p.Id == input.OwnerPersonId),
            "Personen som skal være ansvarlig, finnes ikke.");
    }

    private Task Write(Guid actionId, Func<AppDbContext, Actor, FollowUpAction, Task> change) => gate.RunAsync(async () =>
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var actor = await actors.CurrentAsync(db);
        actor.MustWrite(OsloTime.Today(clock)); // a read-only sign-in writes nothing
        var action = await db.FollowUpActions.SingleOrDefaultAsync(a => a.Id == actionId)
            ?? throw new DomainException("Oppfølgingstiltaket finnes ikke.");
        await change(db, actor, action);
        await db.SaveChangesAsync();
        return true;
    });
}
