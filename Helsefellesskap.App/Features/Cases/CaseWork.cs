using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features.Access;
using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Access;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Partnerships;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Features.Cases;

/// <summary>What the secretariat types into the case editor.</summary>
public sealed record CaseDraftInput(string Title, CaseType Type, bool IsPrincipled, CaseTag Tags, Guid BodyId,
    Guid? ResponsibleOfficerId, string Background, string Assessment, string ProposedDecision);

/// <summary>Someone else saved the case after it was opened: their version, so the page can show what changed.</summary>
public sealed class CaseEditConflict(CaseDraftInput theirs, int version, string editedBy, DateTimeOffset editedAt)
    : Exception($"Saken er endret av {editedBy} siden du åpnet den.")
{
    public CaseDraftInput Theirs { get; } = theirs;
    public int Version { get; } = version;
    public string EditedBy { get; } = editedBy;
    public DateTimeOffset EditedAt { get; } = editedAt;
}

/// <summary>
/// The secretariat's and the preparing bodies' commands on a case. Each reads the actor and the case fresh,
/// lets the domain decide, and saves in one transaction through the write gate.
/// </summary>
public sealed class CaseWork(IDbContextFactory<AppDbContext> dbFactory, WriteGate gate, Actors actors,
    CaseRegistration registration, CaseNotifier notifier, TimeProvider clock)
{
    private DateOnly Today => OsloTime.Today(clock);

    public Task<Guid> CreateDraftAsync(CaseDraftInput input) => gate.RunAsync(async () =>
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var actor = await actors.CurrentAsync(db);
        actor.MustWrite(OsloTime.Today(clock)); // a read-only sign-in writes nothing
        actor.MustCreateDraft(Today);
        var body = await BodyAsync(db, input.BodyId);
        var @case = new Case(body.PartnershipId, body, input.Title, input.Type, input.IsPrincipled, input.Tags,
            input.Background, input.Assessment, input.ProposedDecision, actor.ActingPersonId, clock.GetUtcNow(),
            input.ResponsibleOfficerId);
        db.Cases.Add(@case);
        db.AuditAction = "Sak opprettet";
        await db.SaveChangesAsync();
        return @case.Id;
    });

    /// <summary>Saves the draft if nobody else saved it since <paramref name="expectedVersion"/>; returns the new version.</summary>
    public async Task<int> SaveAsync(Guid caseId, int expectedVersion, CaseDraftInput input, bool overwrite = false) =>
        (await SaveCoreAsync(caseId, expectedVersion, input, overwrite, asProposalVersion: false)).CaseVersion;

    /// <summary>Saves the draft and makes its proposed decision a new version ("Lagre som ny versjon"); returns both versions.</summary>
    public Task<(int CaseVersion, int ProposalVersion)> SaveAsProposalVersionAsync(Guid caseId, int expectedVersion, CaseDraftInput input) =>
        SaveCoreAsync(caseId, expectedVersion, input, overwrite: false, asProposalVersion: true);

    private Task<(int CaseVersion, int ProposalVersion)> SaveCoreAsync(Guid caseId, int expectedVersion, CaseDraftInput input, bool overwrite, bool asProposalVersion) => gate.RunAsync(async () =>
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var actor = await actors.CurrentAsync(db);
        actor.MustWrite(OsloTime.Today(clock)); // a read-only sign-in writes nothing
        actor.MustSaveDraft(Today);
        var @case = await CaseAsync(db, caseId);
        if (@case.Version != expectedVersion && !overwrite)
        {
            var editor = await db.People.Where(p => p.Id == @case.LastEditedById).Select(p => p.Name).SingleOrDefaultAsync();
            throw new CaseEditConflict(InputOf(@case), @case.Version, editor ?? "en annen", @case.LastEditedAt);
        }
        var at = clock.GetUtcNow();
        @case.Edit(input.Title, input.Type, input.IsPrincipled, input.Tags, input.Background, input.Assessment, actor.ActingPersonId, at);
        @case.ReviseProposal(input.ProposedDecision, actor.ActingPersonId, at);
        @case.MeantFor(await BodyAsync(db, input.BodyId));
        if (input.ResponsibleOfficerId is { } officer) @case.AssignResponsibleOfficer(officer);
        db.AuditAction = "Sak lagret";
        if (asProposalVersion)
        {
            var saved = @case.SaveProposalVersion(actor.ActingPersonId, at);
            db.AuditAction = $"Forslag til vedtak lagret som versjon {saved.Version}";
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            // Saved by another server process between our read and our write: the same answer as above.
            throw new CaseEditConflict(input, expectedVersion, "en annen", at);
        }
        return (@case.Version, @case.CurrentProposal?.Version ?? 0);
    });

    public static CaseDraftInput InputOf(Case @case) => new(@case.Title, @case.Type, @case.IsPrincipled, @case.Tags,
        @case.BodyId, @case.ResponsibleOfficerId, @case.Background, @case.Assessment, @case.DraftProposal);

    public async Task<CaseNumber> RegisterAsync(Guid caseId)
    {
        AuditActor? auditActor;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var actor = await actors.CurrentAsync(db);
            actor.MustWrite(OsloTime.Today(clock)); // a read-only sign-in writes nothing
            actor.MustRegisterCase(Today);
            auditActor = db.AuditActor;
        }
        return await registration.RegisterAsync(caseId, auditActor);
    }

    public Task SetPublicationAsync(Guid caseId, bool exempt, string? legalBasis) => Write(caseId, (_, actor, @case) =>
    {
        actor.MustSetPublication(Today);
        @case.SetPublication(exempt, legalBasis, actor.ActingPersonId, clock.GetUtcNow());
        return Task.CompletedTask;
    });

    /// <summary>Sends a registered case to the working committee, or a professional committee for advice.</summary>
    public Task SendForPreparationAsync(Guid caseId, Guid bodyId) => Write(caseId, async (db, actor, @case) =>
    {
        actor.MustSendForPreparation(Today);
        var body = await BodyAsync(db, bodyId);
        DomainException.ThrowIf(body.Mandate == Mandate.Decides,
            $"{body.ShortName} fatter vedtak; saker settes på sakslisten til et møte der, ikke sendes til forberedelse.");
        @case.StartTreatment(body, Today, actor.ActingPersonId, clock.GetUtcNow());
        db.AuditAction = $"Sendt til forberedelse i {body.ShortName}";
    });

    /// <summary>
    /// A member states their party's position; <paramref name="seen"/> is the party's position as the page showed it,
    /// and whether the member chose to replace one another person registered.
    /// </summary>
    public Task RegisterPositionAsync(Guid caseId, Guid treatmentId, Guid partyId, int wordingVersion, PositionKind kind,
        string? text, SeenPosition? seen = null) => Write(caseId, async (db, actor, @case) =>
    {
        var treatment = TreatmentOf(@case, treatmentId);
        var party = await db.Parties.SingleAsync(p => p.Id == partyId);
        var onBehalf = actor.RegistersOnBehalf(treatment.BodyId, party, treatment.BodyName, Today);
        var names = await RegistrantNamesAsync(db, treatment);
        @case.RegisterPosition(treatmentId, party, wordingVersion, kind, text, actor.ActingPersonId, onBehalf, clock.GetUtcNow(),
            seen, id => names.GetValueOrDefault(id, "en annen"), actor.ProvedOrganisation);
        db.AuditAction = $"Standpunkt registrert for {party.Name}";
    });

    public Task AmendWordingAsync(Guid caseId, Guid treatmentId, string text) => Write(caseId, (db, actor, @case) =>
    {
        var treatment = TreatmentOf(@case, treatmentId);
        actor.MustAmendWording(treatment.BodyId, treatment.BodyName, Today);
        @case.AmendWording(treatmentId, text, actor.ActingPersonId, clock.GetUtcNow());
        db.AuditAction = "Ordlyd endret";
        return Task.CompletedTask;
    });

    public Task CloseWithRecommendationAsync(Guid caseId, Guid treatmentId, Guid forwardToBodyId) => Write(caseId, async (db, actor, @case) =>
    {
        var treatment = TreatmentOf(@case, treatmentId);
        actor.MustPutForward(treatment.BodyId, treatment.BodyName, Today);
        var parties = await db.Parties.AsNoTracking().Where(p => p.PartnershipId == @case.PartnershipId).ToListAsync();
        var forwardTo = await BodyAsync(db, forwardToBodyId);
        @case.CloseTreatment(treatmentId, clock.GetUtcNow(), null, parties, forwardTo, byPersonId: actor.ActingPersonId);
        db.AuditAction = $"Innstilling lagt fram for {forwardTo.ShortName}";
    });

    /// <summary>A dated, signed tilleggsopplysning or rettelse to a decided case, whose own text stays as decided.</summary>
    public Task AddAddendumAsync(Guid caseId, AddendumKind kind, string text) => Write(caseId, (db, actor, @case) =>
    {
        actor.MustAddAddendum(Today);
        @case.AddAddendum(kind, text, actor.ActingPersonId, clock.GetUtcNow());
        db.AuditAction = $"{kind.Label()} lagt til";
        return Task.CompletedTask;
    });

    public Task SendBackAsync(Guid caseId, Guid treatmentId, string comment) => Write(caseId, (db, actor, @case) =>
    {
        var treatment = TreatmentOf(@case, treatmentId);
        actor.MustSendBack(treatment.BodyId, treatment.BodyName, Today);
        @case.SendBack(treatmentId, comment, clock.GetUtcNow());
        db.AuditAction = "Sendt tilbake til sekretariatet";
        return Task.CompletedTask;
    });

    /// <summary>The people who registered the treatment's positions, so a refusal can say who gave the party's position.</summary>
    public static async Task<Dictionary<Guid, string>> RegistrantNamesAsync(AppDbContext db, Treatment treatment)
    {
        var ids = treatment.Positions.Select(p => p.RegisteredByPersonId).Distinct().ToList();
        return await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name);
    }

    private async Task Write(Guid caseId, Func<AppDbContext, Actor, Case, Task> change)
    {
        await gate.RunAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            var actor = await actors.CurrentAsync(db);
            actor.MustWrite(OsloTime.Today(clock)); // a read-only sign-in writes nothing
            var @case = await CaseAsync(db, caseId);
            await change(db, actor, @case);
            await db.SaveChangesAsync();
            return true;
        });
        // Not awaited: the command is done once saved; every page showing the case reads it again as the news reaches it.
        _ = notifier.PublishAsync(caseId);
    }

    private static async Task<Case> CaseAsync(AppDbContext db, Guid caseId) =>
        await db.Cases.WithRecord().SingleOrDefaultAsync(c => c.Id == caseId) ?? throw new DomainException("Saken finnes ikke.");

    private static async Task<Body> BodyAsync(AppDbContext db, Guid bodyId) =>
        await db.Bodies.AsNoTracking().SingleOrDefaultAsync(b => b.Id == bodyId) ?? throw new DomainException("Utvalget finnes ikke.");

    /// <summary>
    /// A treatment opened in a meeting is carried on in the meeting, where attendance and the chair's items apply;
    /// these commands are for the preparation outside meetings.
    /// </summary>
    private static Treatment TreatmentOf(Case @case, Guid treatmentId)
    {
        var treatment = @case.Treatments.SingleOrDefault(t => t.Id == treatmentId) ?? throw new DomainException("Behandlingen finnes ikke i denne saken.");
        DomainException.ThrowIf(treatment.MeetingId is not null && !treatment.IsClosed,
            $"Saken behandles i et møte i {treatment.BodyName}. Gi standpunkt og avslutt saken på møtesiden.");
        return treatment;
    }
}
