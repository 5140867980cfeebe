using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features.Access;
using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Access;
using Helsefellesskap.Domain.Cases;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Features.Ratifications;

/// <summary>
/// Recording local ratification, and the administrator's leave for a party's own user to record it. Each command
/// reads the actor fresh and lets the domain decide; the audit trail keeps every value before and after.
/// </summary>
public sealed class RatificationWork(IDbContextFactory<AppDbContext> dbFactory, WriteGate gate, Actors actors, TimeProvider clock)
{
    private DateOnly Today => OsloTime.Today(clock);

    public Task RecordAsync(Guid treatmentId, Guid partyId, RatificationEntry entry) =>
        RecordManyAsync(treatmentId, [partyId], entry);

    /// <summary>Records the same entry for several parties at once (a deadline for all, the letter sent to all), in one save.</summary>
    public Task RecordManyAsync(Guid treatmentId, IReadOnlyCollection<Guid> partyIds, RatificationEntry entry) => gate.RunAsync(async () =>
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        // A decision's recordings take turns, as the gate makes them on SQLite: on PostgreSQL, across app servers, or
        // parties recording at the same moment would find the case changed and be refused.
        await using var turn = await db.BeginTurnAsync(treatmentId);
        var actor = await actors.CurrentAsync(db);
        actor.MustWrite(OsloTime.Today(clock)); // a read-only sign-in writes nothing
        DomainException.ThrowIf(partyIds.Count == 0, "Velg hvilken part forankringen gjelder.");
        var @case = await db.Cases.WithRecord().SingleOrDefaultAsync(c => c.Treatments.Any(t => t.Id == treatmentId))
            ?? throw new DomainException("Vedtaket finnes ikke.");
        var parties = await db.Parties.Where(p => partyIds.Contains(p.Id)).ToListAsync();
        DomainException.ThrowIf(parties.Count != partyIds.Distinct().Count(), "Parten finnes ikke.");
        foreach (var party in parties)
        {
            actor.MustRecordRatification(party, Today);
            @case.RecordRatification(treatmentId, party, entry, actor.ActingPersonId, clock.GetUtcNow());
        }
        db.AuditAction = parties.Count == 1
            ? $"Forankring registrert for {parties[0].Name}: {entry.Status.Label()}"
            : $"Forankring registrert for {parties.Count} parter: {entry.Status.Label()}";
        await db.SaveChangesAsync();
        if (turn is not null) await turn.CommitAsync();
        return true;
    });

    public Task GrantRecordingAsync(Guid personId, Guid partyId) => gate.RunAsync(async () =>
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var actor = await actors.CurrentAsync(db);
        actor.MustWrite(OsloTime.Today(clock)); // a read-only sign-in writes nothing
        actor.MustGrantRatificationRecording();
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId) ?? throw new DomainException("Personen finnes ikke.");
        var party = await db.Parties.SingleOrDefaultAsync(p => p.Id == partyId) ?? throw new DomainException("Parten finnes ikke.");
        DomainException.ThrowIf(await db.RatificationGrants.AnyAsync(g => g.PersonId == personId && g.PartyId == partyId),
            $"{person.Name} kan allerede registrere forankring for {party.Name}.");
        db.RatificationGrants.Add(new RatificationGrant(personId, party, actor.PersonId, clock.GetUtcNow()));
        db.AuditAction = $"{person.Name} kan registrere forankring for {party.Name}";
        await db.SaveChangesAsync();
        return true;
    });

    public Task RevokeRecordingAsync(Guid personId, Guid partyId) => gate.RunAsync(async () =>
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var actor = await actors.CurrentAsync(db);
        actor.MustWrite(OsloTime.Today(clock)); // a read-only sign-in writes nothing
        actor.MustGrantRatificationRecording();
        var grant = await db.RatificationGrants.SingleOrDefaultAsync(g => g.PersonId == personId && g.PartyId == partyId)
            ?? throw new DomainException("Tillatelsen finnes ikke.");
        db.RatificationGrants.Remove(grant);
        db.AuditAction = "Tillatelse til å registrere forankring fjernet";
        await db.SaveChangesAsync();
        return true;
    });
}
