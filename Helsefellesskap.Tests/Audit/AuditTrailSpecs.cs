using System.Text.Json;
using Helsefellesskap.App.Data;
using Helsefellesskap.App.Data.Audit;
using Helsefellesskap.App.Features.Audit;
using Helsefellesskap.App.Features.Cases;
using Helsefellesskap.Domain;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Tests.Audit;

/// <summary>Every command leaves an append-only, hash-chained record of who changed what, through the app's services.</summary>
public sealed class AuditTrailSpecs(DemoDatabaseTemplate template) : ServiceSpec(template)
{
    private CaseWork Work => Service<CaseWork>();
    private AuditChain Chain => Service<AuditChain>();

    private async Task<CaseDraftInput> Draft(string title = "Felles rutine for legemiddelsamstemming") =>
        new(title, CaseType.Decision, false, CaseTag.FrailElderly, await Body("SSU"), null,
            "Legemiddellister er ofte ulike i sykehus og kommune.", "En felles rutine gir tryggere overganger.", "SSU vedtar rutinen.");

    private async Task<List<AuditRecord>> Records(Func<IQueryable<AuditRecord>, IQueryable<AuditRecord>>? filter = null)
    {
        await using var db = Database.NewContext();
        return await (filter ?? (q => q))(db.AuditRecords.AsNoTracking()).OrderBy(r => r.Sequence).ToListAsync();
    }

    private static string? Value(string? json, string property) =>
        json is null ? null : JsonDocument.Parse(json).RootElement.TryGetProperty(property, out var value) ? value.ToString() : null;

    /// <summary>Opens the database file as someone with access to the server would, past the app.</summary>
    private Task Sql(string sql) => Database.SqlAsync(sql);

    /// <summary>A case drafted, saved under a new title, registered and sent to AU by the secretariat.</summary>
    private async Task<Guid> CaseInTheWorkingCommittee()
    {
        await As("mari.hovde");
        var id = await Work.CreateDraftAsync(await Draft());
        await Work.SaveAsync(id, 1, await Draft("Felles rutine for legemiddelsamstemming i Innlandet"));
        await Work.RegisterAsync(id);
        await Work.SendForPreparationAsync(id, await Body("AU"));
        return id;
    }

    private async Task<Guid> OpenTreatment(Guid caseId)
    {
        await using var db = Database.NewContext();
        return (await db.Cases.WithRecord().SingleAsync(c => c.Id == caseId)).OpenTreatment!.Id;
    }

    [Fact]
    public async Task Saving_a_case_records_who_saved_it_when_and_the_title_before_and_after()
    {
        await As("mari.hovde");
        var id = await Work.CreateDraftAsync(await Draft());

        await Work.SaveAsync(id, 1, await Draft("Legemiddelsamstemming ved utskrivning"));

        var record = Assert.Single(await Records(q => q.Where(r => r.CaseId == id && r.Action == "Sak lagret" && r.EntityType == "Case")));
        Assert.Equal("Mari Hovde", record.ActorName);
        await using (var db = Database.NewContext())
            Assert.Equal(await db.Users.Where(u => u.UserName == "mari.hovde").Select(u => u.Id).SingleAsync(), record.UserId);
        Assert.Equal(FixedClock.DemoNow, record.At);
        Assert.Equal(id.ToString(), record.EntityId);
        Assert.Equal("Felles rutine for legemiddelsamstemming", Value(record.Before, "Title"));
        Assert.Equal("Legemiddelsamstemming ved utskrivning", Value(record.After, "Title"));
        // Only what changed: the background was typed again unchanged.
        Assert.Null(Value(record.After, "Background"));
        Assert.Equal("1", Value(record.Before, "Version"));
        Assert.Equal("2", Value(record.After, "Version"));
    }

    [Fact]
    public async Task Registering_a_case_is_recorded_with_its_number_and_the_person_who_registered_it()
    {
        await As("geir.lien");
        var id = await Work.CreateDraftAsync(await Draft());

        await Work.RegisterAsync(id);

        var records = await Records(q => q.Where(r => r.Action == "Sak registrert som SSU-sak 010/2026"));
        Assert.Contains(records, r => r.EntityType == "Case" && r.CaseId == id);
        Assert.Contains(records, r => r.EntityType == "CaseNumberSeries" && Value(r.After, "LastSequence") == "10");
        Assert.All(records, r => Assert.Equal("Geir Lien", r.ActorName));
    }

    [Fact]
    public async Task A_position_registered_by_the_secretariat_on_a_party_s_behalf_records_the_party()
    {
        var id = await CaseInTheWorkingCommittee();
        var au = await OpenTreatment(id);

        await Work.RegisterPositionAsync(id, au, await Party("Sykehuset Innlandet HF"), 1, PositionKind.Agree, null);
        await As("perolav.nes");
        await Work.RegisterPositionAsync(id, au, await Party("Kommunene i Innlandet (samlet)"), 1, PositionKind.Agree, null);

        var positions = await Records(q => q.Where(r => r.EntityType == "Position" && r.CaseId == id));
        Assert.Equal(2, positions.Count);
        Assert.Equal("Mari Hovde", positions[0].ActorName);
        Assert.Equal("Sykehuset Innlandet HF", positions[0].OnBehalfOf);
        Assert.Equal("Standpunkt registrert for Sykehuset Innlandet HF", positions[0].Action);
        Assert.Equal("True", Value(positions[0].After, "RegisteredOnBehalf"));
        // A representative speaking for their own party acts on no one's behalf.
        Assert.Equal("Per Olav Nes", positions[1].ActorName);
        Assert.Null(positions[1].OnBehalfOf);
    }

    [Fact]
    public async Task The_records_form_one_chain_from_the_seeding_on_which_the_verification_finds_whole()
    {
        var id = await CaseInTheWorkingCommittee();
        await As("knut.ellingsen");
        await Work.AmendWordingAsync(id, await OpenTreatment(id), "AU innstiller: SSU vedtar rutinen.");
        await As("mari.hovde");

        var verification = await Chain.VerifyAsync();

        var records = await Records();
        Assert.True(verification.Holds, verification.Summary);
        Assert.Equal(records.Count, verification.Checked);
        Assert.Equal($"Kjeden er hel: {records.Count} poster kontrollert", verification.Summary);
        Assert.Equal(Enumerable.Range(1, records.Count).Select(i => (long)i), records.Select(r => r.Sequence));
        Assert.Equal(new string('0', 64), records[0].PreviousHash);
        Assert.All(records.Zip(records.Skip(1)), pair => Assert.Equal(pair.First.Hash, pair.Second.PreviousHash));
        Assert.All(records, r => Assert.Matches("^[0-9a-f]{64}$", r.Hash));
        // The chain is keyed from its first save on, which the first record says; the demo seeding is then counted
        // per save by the system rather than listed row by row.
        Assert.Equal(AuditTrail.KeyMarkerAction, records[0].Action);
        Assert.Equal(Service<AuditKey>().Id, records[0].EntityId);
        Assert.Equal("Demodata lagt inn", records[1].Action);
        Assert.Equal(AuditTrail.SystemActor, records[1].ActorName);
        Assert.Contains(records, r => r.Action == "Ordlyd endret" && r.EntityType == "Wording" && r.ActorName == "Knut Ellingsen");
    }

    [Fact]
    public async Task A_record_altered_directly_in_the_database_is_named_by_the_chain_verification()
    {
        var id = await CaseInTheWorkingCommittee();
        var altered = Assert.Single(await Records(q => q.Where(r => r.CaseId == id && r.Action == "Sak lagret" && r.EntityType == "Case")));
        var total = (await Records()).Count;

        // As an attacker with the file would: past the trigger that refuses updates.
        await Sql($"""
            {TestServices.DropTrigger("AuditRecords_no_update", "AuditRecords")}
            UPDATE "AuditRecords" SET "After" = replace("After", 'i Innlandet', 'i Hedmark') WHERE "Sequence" = {altered.Sequence};
            """);
        await As("mari.hovde");
        var verification = await Chain.VerifyAsync();

        Assert.False(verification.Holds);
        Assert.Equal(altered.Sequence, verification.BrokenAt);
        Assert.Equal(AuditVerification.ContentMismatch, verification.Reason);
        Assert.Equal(altered.Sequence - 1, verification.Checked);
        Assert.Equal($"Kjeden er brutt ved post {altered.Sequence}: innholdet stemmer ikke med hashen. " +
            $"De {altered.Sequence - 1} postene før den er i orden.", verification.Summary);
        Assert.True(altered.Sequence < total, "The altered record should be in the middle of the chain.");
    }

    [Fact]
    public async Task A_record_deleted_from_the_middle_of_the_chain_is_found_as_a_gap()
    {
        var id = await CaseInTheWorkingCommittee();
        var deleted = (await Records(q => q.Where(r => r.CaseId == id))).First();

        await Sql($"""{TestServices.DropTrigger("AuditRecords_no_delete", "AuditRecords")} DELETE FROM "AuditRecords" WHERE "Sequence" = {deleted.Sequence};""");
        await As("mari.hovde");
        var verification = await Chain.VerifyAsync();

        Assert.False(verification.Holds);
        Assert.Equal(deleted.Sequence, verification.BrokenAt);
        Assert.Equal(AuditVerification.MissingLink, verification.Reason);
    }

    [Fact]
    public async Task A_record_altered_together_with_its_own_hash_breaks_the_link_to_the_next_record()
    {
        var id = await CaseInTheWorkingCommittee();
        var original = (await Records(q => q.Where(r => r.CaseId == id && r.Action == "Sak lagret"))).First();
        var forged = new AuditRecord(original.Sequence, original.PreviousHash, new AuditContent(original.At, original.UserId,
            original.ActorName, original.ActorPersonId, original.OnBehalfOf, original.Action, original.EntityType,
            original.EntityId, original.CaseId, original.Before, original.After!.Replace("i Innlandet", "i Hedmark")),
            // Even someone holding the chain's key, who can give the altered record a hash that holds, breaks the next link.
            Service<AuditKey>().Bytes);

        await Sql($"""
            {TestServices.DropTrigger("AuditRecords_no_update", "AuditRecords")}
            UPDATE "AuditRecords" SET "After" = '{forged.After!.Replace("'", "''")}', "Hash" = '{forged.Hash}' WHERE "Sequence" = {original.Sequence};
            """);
        await As("mari.hovde");
        var verification = await Chain.VerifyAsync();

        Assert.False(verification.Holds);
        Assert.Equal(original.Sequence + 1, verification.BrokenAt);
        Assert.Equal(AuditVerification.PreviousMismatch, verification.Reason);
    }

    [Fact]
    public async Task The_app_refuses_to_change_or_delete_an_audit_record_and_so_does_the_database()
    {
        await using (var db = Database.NewContext())
        {
            var record = await db.AuditRecords.OrderBy(r => r.Sequence).FirstAsync();
            db.Entry(record).Property(r => r.After).CurrentValue = "{}";
            var changed = Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
            Assert.Equal("Revisjonsloggen kan ikke endres.", changed.Message);

            db.Entry(record).State = EntityState.Deleted;
            var deleted = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            Assert.Equal("Revisjonsloggen kan ikke endres.", deleted.Message);
        }

        var update = await Assert.ThrowsAnyAsync<DbException>(() => Sql("""UPDATE "AuditRecords" SET "After" = '{}' WHERE "Sequence" = 1;"""));
        Assert.Contains("Revisjonsloggen kan ikke endres.", update.Message);
        var delete = await Assert.ThrowsAnyAsync<DbException>(() => Sql("""DELETE FROM "AuditRecords";"""));
        Assert.Contains("Revisjonsloggen kan ikke endres.", delete.Message);
        await using (var db = Database.NewContext())
            await Assert.ThrowsAnyAsync<DbException>(() => db.AuditRecords.ExecuteDeleteAsync());
        await As("mari.hovde");
        Assert.True((await Chain.VerifyAsync()).Holds);
    }

    [Fact]
    public async Task A_refused_command_writes_no_audit_record()
    {
        var before = (await Records()).Count;
        await As("liv.aune"); // observer in SSU

        await Assert.ThrowsAsync<DomainException>(async () => await Work.CreateDraftAsync(await Draft()));

        Assert.Equal(before, (await Records()).Count);
    }

    [Fact]
    public async Task A_save_that_fails_writes_no_record_and_the_next_save_continues_the_chain_without_a_gap()
    {
        await As("mari.hovde");
        var id = await Work.CreateDraftAsync(await Draft());
        await using var first = Database.NewContext();
        await using var second = Database.NewContext();
        var mine = await first.Cases.WithRecord().SingleAsync(c => c.Id == id);
        var theirs = await second.Cases.WithRecord().SingleAsync(c => c.Id == id);
        mine.Edit("Min tittel", CaseType.Decision, false, CaseTag.None, "", "", mine.LastEditedById, FixedClock.DemoNow);
        theirs.Edit("Deres tittel", CaseType.Decision, false, CaseTag.None, "", "", theirs.LastEditedById, FixedClock.DemoNow);
        await first.SaveChangesAsync();
        var count = (await Records()).Count;

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        Assert.Equal(count, (await Records()).Count);

        await Work.SaveAsync(id, mine.Version, await Draft("Tittel etter konflikten"));
        Assert.True((await Chain.VerifyAsync()).Holds);
    }

    [Fact]
    public async Task When_the_audit_record_cannot_be_written_the_change_is_not_saved_either()
    {
        await As("mari.hovde");
        var id = await Work.CreateDraftAsync(await Draft());
        await Sql(TestServices.OnPostgres
            ? """
              CREATE FUNCTION audit_records_full() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'full'; END $$;
              CREATE TRIGGER "AuditRecords_full" BEFORE INSERT ON "AuditRecords" FOR EACH ROW EXECUTE FUNCTION audit_records_full();
              """
            : """CREATE TRIGGER "AuditRecords_full" BEFORE INSERT ON "AuditRecords" BEGIN SELECT RAISE(ABORT, 'full'); END;""");

        await Assert.ThrowsAsync<DbUpdateException>(async () => await Work.SaveAsync(id, 1, await Draft("Ny tittel som ikke skal lagres")));

        await using var db = Database.NewContext();
        Assert.Equal("Felles rutine for legemiddelsamstemming", (await db.Cases.WithRecord().SingleAsync(c => c.Id == id)).Title);
    }

    [Fact]
    public async Task Writers_in_two_server_processes_at_once_still_form_one_unbroken_chain()
    {
        var registration = Service<CaseRegistration>();
        var drafts = new List<Guid>();
        await As("mari.hovde");
        for (var i = 0; i < 6; i++) drafts.Add(await Work.CreateDraftAsync(await Draft($"Utkast {i}")));

        // Without this process's write gate, as two app servers on one database file would write.
        using var start = new ManualResetEventSlim();
        var racers = drafts.Select(id => Task.Run(async () => { start.Wait(); return await registration.RegisterUngatedAsync(id); })).ToList();
        start.Set();
        await Task.WhenAll(racers);

        var verification = await Chain.VerifyAsync();
        Assert.True(verification.Holds, verification.Summary);
        Assert.Equal(6, (await Records(q => q.Where(r => r.EntityType == "Case" && r.Action.StartsWith("Sak registrert som")))).Count);
    }

    [Fact]
    public async Task Attaching_and_removing_a_file_is_recorded_by_name_and_the_stored_bytes_only_by_their_size()
    {
        await As("mari.hovde");
        var id = await Work.CreateDraftAsync(await Draft());
        var content = new byte[5000];
        "%PDF-1.7\n"u8.CopyTo(content);
        var attachments = Service<App.Features.Cases.Attachments.CaseAttachments>();

        var attachment = await attachments.AddAsync(id, "Høringsnotat.pdf", content.Length, _ => new MemoryStream(content));
        await attachments.RemoveAsync(id, attachment.Id);

        var added = await Records(q => q.Where(r => r.Action == "Vedlegg lagt til: Høringsnotat.pdf"));
        Assert.Contains(added, r => r.EntityType == "Attachment" && r.CaseId == id && Value(r.After, "Sha256") == attachment.Sha256);
        var stored = Assert.Single(added, r => r.EntityType == "AttachmentContent");
        Assert.Equal("(innhold lagret, 5000 byte)", Value(stored.After, "Content"));
        Assert.Contains(await Records(q => q.Where(r => r.Action == "Vedlegg fjernet: Høringsnotat.pdf")),
            r => r.EntityType == "Attachment" && r.After is null && Value(r.Before, "FileName") == "Høringsnotat.pdf");
    }

    [Fact]
    public async Task A_changed_password_is_recorded_as_changed_without_its_hash()
    {
        await using var scope = Database.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByNameAsync("hilde.moen");
        var oldHash = user!.PasswordHash!;

        var result = await users.ChangePasswordAsync(user, "Innlandet-2026", "Et nytt passord 2027");

        Assert.True(result.Succeeded);
        var record = (await Records(q => q.Where(r => r.EntityType == "ApplicationUser" && r.EntityId == user.Id))).Last();
        Assert.Equal("Bruker endret", record.Action);
        Assert.Equal(AuditTrail.Hidden, Value(record.Before, "PasswordHash"));
        Assert.Equal(AuditTrail.Hidden, Value(record.After, "PasswordHash"));
        Assert.Equal(AuditTrail.Hidden, Value(record.After, "SecurityStamp"));
        Assert.DoesNotContain(oldHash, record.Before);
        Assert.DoesNotContain(user.PasswordHash!, record.After);
    }

    [Fact]
    public async Task Only_the_secretariat_and_administrators_read_the_log_and_those_with_a_say_read_a_case_s_history()
    {
        var id = await CaseInTheWorkingCommittee();

        await As("hilde.moen"); // SSU member
        Assert.NotEmpty(await Chain.ForCaseAsync(id));
        await Assert.ThrowsAsync<DomainException>(() => Chain.VerifyAsync());
        await Assert.ThrowsAsync<DomainException>(() => Chain.RecentAsync(10));

        await As("liv.aune"); // SSU observer
        await Assert.ThrowsAsync<DomainException>(() => Chain.ForCaseAsync(id));

        await As("admin");
        Assert.True((await Chain.VerifyAsync()).Holds);
        Assert.Equal(10, (await Chain.RecentAsync(10)).Count);
    }
}
