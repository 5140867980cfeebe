using System.Security.Claims;
using Bunit;
using Helsefellesskap.App.Components.Account;
using Helsefellesskap.App.Data;
using Helsefellesskap.App.Data.Audit;
using Helsefellesskap.App.Data.Seeding;
using Helsefellesskap.App.Features;
using Helsefellesskap.App.Features.Audit;
using Helsefellesskap.App.Features.Cases;
using Helsefellesskap.App.Features.Meetings;
using Helsefellesskap.App.Features.Ratifications;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Meetings;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Helsefellesskap.Tests.Audit;

/// <summary>
/// A database with a held meeting, a ratified decision and approved minutes, built once through the app's services;
/// each test tampers with a copy of its file as an administrator with file access would, through SQL past the app.
/// </summary>
public static class TamperingScene
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? path;

    /// <summary>The scene's database file; its checkpoint file is the app's default beside it.</summary>
    public static async Task<string> PathAsync(DemoDatabaseTemplate template)
    {
        await Gate.WaitAsync();
        try { return path ??= await BuildAsync(template); }
        finally { Gate.Release(); }
    }

    public static string CheckpointFileOf(string databasePath) =>
        AuditCheckpoints.FileFor(null, databasePath, TestServices.FilesDirectory);

    /// <summary>Copies the database and its checkpoint file, as an auditor's copy of both would be.</summary>
    public static string Copy(string source)
    {
        var target = TestServices.CopyDatabase(source);
        File.Copy(CheckpointFileOf(source), CheckpointFileOf(target));
        return target;
    }

    private static async Task<string> BuildAsync(DemoDatabaseTemplate template)
    {
        var auth = new TestAuthentication();
        await using var database = template.Copy(s => s.AddSingleton<AuthenticationStateProvider>(auth));
        T Service<T>() where T : notnull => database.Services.GetRequiredService<T>();
        async Task As(string userName)
        {
            await using var db = database.NewContext();
            await auth.SignInAsync(db, userName);
        }
        async Task<Guid> Party(string name)
        {
            await using var db = database.NewContext();
            return await db.Parties.Where(p => p.Name == name).Select(p => p.Id).SingleAsync();
        }

        // A case the secretariat drafts and registers: its title is in the log.
        await As("mari.hovde");
        Guid ssu;
        await using (var db = database.NewContext()) ssu = await db.Bodies.Where(b => b.ShortName == "SSU").Select(b => b.Id).SingleAsync();
        var caseId = await Service<CaseWork>().CreateDraftAsync(new CaseDraftInput("Felles rutine for legemiddelsamstemming",
            CaseType.Decision, false, CaseTag.FrailElderly, ssu, null, "Legemiddellister er ofte ulike.", "En felles rutine gir tryggere overganger.",
            "SSU vedtar rutinen."));
        await Service<CaseWork>().RegisterAsync(caseId);

        // The December SSU meeting: Hamar disagrees, the chair amends, every party agrees, Valdres subject to ratification.
        var work = Service<MeetingWork>();
        Guid meeting;
        await using (var db = database.NewContext()) meeting = (await db.Meetings.SingleAsync(x => x.Status == MeetingStatus.NoticeSent)).Id;
        await As("torstein.vik");
        await work.OpenMeetingAsync(meeting);
        var item = (await work.SnapshotAsync(meeting))!.Agenda.Single(a => a.Title == "Felles plan for digital hjemmeoppfølging").ItemId;
        await work.OpenItemAsync(meeting, item);
        async Task Register(string user, string party, PositionKind kind, string? text)
        {
            await As(user);
            var current = (await work.SnapshotAsync(meeting))!.Current!;
            var partyId = await Party(party);
            await work.RegisterPositionAsync(meeting, item, partyId, current.WordingVersion, kind, text, new SeenPosition(current.RowFor(partyId)?.PositionId));
        }
        await Register("paal.rudstad", "Helseregion Hamar", PositionKind.Disagree, "Kostnadsfordelingen mangler.");
        await As("torstein.vik");
        await work.AmendWordingAsync(meeting, item, "SSU slutter seg til planen for digital hjemmeoppfølging, med kostnadsfordeling etter folketall.");
        (string User, string Party)[] everyParty =
        [
            ("hilde.moen", "Helseregion Gjøvik og Hadeland"), ("paal.rudstad", "Helseregion Hamar"),
            ("marte.kvaale", "Helseregion Nord-Gudbrandsdal"), ("jon.tangen", "Helseregion Nord-Østerdal"),
            ("eirik.lunde", "Helseregion Sør-Gudbrandsdal"), ("ingrid.nyhus", "Helseregion Sør-Østerdal"),
            ("ola.grindvold", "Helseregion Valdres"), ("kjersti.haug", "Sykehuset Innlandet HF"),
        ];
        foreach (var (user, party) in everyParty)
            await Register(user, party, party == "Helseregion Valdres" ? PositionKind.AgreeSubjectToRatification : PositionKind.Agree,
                party == "Helseregion Valdres" ? "Kommunestyrene må behandle saken." : null);
        await As("torstein.vik");
        await work.CloseItemAsync(meeting, item, new ItemClosing());
        await work.CloseMeetingAsync(meeting);

        // The demo's heart failure decision: its last two ratifications make it binding.
        await As("mari.hovde");
        Guid treatment;
        await using (var db = database.NewContext())
            treatment = (await db.Cases.WithRecord().SingleAsync(c => c.Title == AfterDecisionSeeding.ReservedDecisionTitle)).Treatments.Single(t => t.Ratifications.Count > 0).Id;
        var waiting = (await Service<RatificationQueries>().ForDecisionAsync(treatment))!.Board.Groups.SelectMany(g => g.Items).Where(i => !i.IsRatified).ToList();
        foreach (var party in waiting)
            await Service<RatificationWork>().RecordAsync(treatment, party.PartyId,
                new RatificationEntry(RatificationStatus.Ratified, "Kommunestyret", "PS 51/26", new DateOnly(2026, 11, 22)));

        // The minutes approved last: the checkpoint written at approval holds the final head.
        await work.WriteMinutesAsync(meeting, item, "Utvalget drøftet kostnadsfordelingen.");
        await work.ApproveMinutesAsync(meeting);

        if (!TestServices.OnPostgres)
        {
            SqliteConnection.ClearAllPools();
            await using var connection = new SqliteConnection($"Data Source={database.Path};Pooling=False");
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync();
        }
        return Copy(database.Path);
    }
}

/// <summary>
/// Issue 13's table: each way a hostile or careless administrator with the database file tampers with the record
/// is named by the verification on /revisjon and by the verify-record command, which exits non-zero.
/// </summary>
public sealed class RecordTamperingTests(DemoDatabaseTemplate template) : BunitContext, IAsyncLifetime
{
    private string databasePath = "";
    private ServiceProvider? appServices;

    public async ValueTask InitializeAsync()
    {
        databasePath = TamperingScene.Copy(await TamperingScene.PathAsync(template));
        appServices = TestServices.Build(databasePath);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(o => o.PopoverOptions.CheckForPopoverProvider = false);
        Services.AddSingleton(appServices.GetRequiredService<IDbContextFactory<AppDbContext>>());
        Services.AddSingleton(appServices.GetRequiredService<WriteGate>());
        Services.AddSingleton<TimeProvider>(new FixedClock(FixedClock.DemoNow));
        Services.AddFeatures();
        Services.AddLogging();
        Services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());
        Services.AddAppIdentity();
        Services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        if (appServices is not null) await appServices.DisposeAsync();
        TestServices.DeleteDatabase(databasePath);
        File.Delete(TamperingScene.CheckpointFileOf(databasePath));
    }

    private AppDbContext NewContext() => appServices!.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();

    /// <summary>Past the app: straight into the file or the server, as someone with the server's disk would.</summary>
    private Task<int> Sql(string sql) => TestServices.SqlAsync(databasePath, sql);

    private static string DropTrigger(string trigger) => TestServices.DropTrigger(trigger, "AuditRecords");

    /// <summary>A GUID as the provider stores it: SQLite as upper-case text, PostgreSQL as uuid.</summary>
    private static string Id(Guid id) => TestServices.OnPostgres ? $"'{id}'" : $"upper('{id}')";

    private async Task<List<AuditRecord>> Records()
    {
        await using var db = NewContext();
        return await db.AuditRecords.AsNoTracking().OrderBy(r => r.Sequence).ToListAsync();
    }

    /// <summary>What /revisjon shows the secretariat after "Kontroller kjeden": every line under the button.</summary>
    private string PageVerification()
    {
        using (var db = NewContext())
        {
            var user = db.Users.Single(u => u.UserName == "mari.hovde");
            var auth = AddAuthorization();
            auth.SetAuthorized("mari.hovde");
            auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, user.Id));
        }
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var page = Render<AuditPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("button")));
        page.FindAll("button").Single(b => b.TextContent.Trim() == "Kontroller kjeden").Click();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[role=status] .mud-alert-message")), TimeSpan.FromSeconds(30));
        return string.Join("\n", page.FindAll("[role=status] .mud-alert-message").Select(a => a.TextContent.Trim()));
    }

    /// <summary>The command as an auditor runs it on the copy, through its entry point: exit code and output.</summary>
    private async Task<(int Code, string Output)> Command(params string[] arguments)
    {
        var output = new StringWriter();
        var code = await VerifyRecordCommand.RunAsync([VerifyRecordCommand.Name, .. arguments],
            DatabaseSetup.LocationOf(new ConfigurationBuilder().AddInMemoryCollection(TestServices.DatabaseSettings(databasePath)).Build()),
            new ConfigurationBuilder().Build(), output);
        return (code, output.ToString());
    }

    /// <summary>Both doors name the tampering, and the command exits non-zero.</summary>
    private async Task<(string Page, string Command)> BothName(string finding)
    {
        var page = PageVerification();
        Assert.Contains(finding, page);
        var (code, output) = await Command();
        Assert.Contains(finding, output);
        Assert.Equal(1, code);
        Assert.EndsWith("Avvik funnet." + Environment.NewLine, output);
        return (page, output);
    }

    [Fact]
    public async Task An_untouched_database_verifies_clean_after_a_full_meeting_ratification_and_approval()
    {
        var records = await Records();
        Assert.Contains(records, r => r.Action == "Protokoll godkjent og låst");
        Assert.Contains(records, r => r.EntityType == "Ratification");
        Assert.Contains(records, r => r.EntityType == "Position" && r.CaseId is not null);

        var shown = PageVerification();
        var (code, output) = await Command();

        Assert.Equal($"Kjeden er hel: {records.Count} poster kontrollert\nTabellene stemmer med loggen, og kjeden stemmer med alle publiserte hoder.", shown);
        Assert.Equal(0, code);
        Assert.Contains($"Kjeden er hel: {records.Count} poster kontrollert", output);
        Assert.EndsWith("Ingen avvik." + Environment.NewLine, output);
    }

    [Fact]
    public async Task The_head_before_the_approval_is_printed_in_the_minutes_and_the_feed_and_the_head_after_it_is_in_the_checkpoint_file()
    {
        var records = await Records();
        var approval = records.First(r => r.Action == "Protokoll godkjent og låst").Sequence;
        var before = records.Single(r => r.Sequence == approval - 1);
        Guid meeting;
        await using (var db = NewContext()) meeting = await db.ApprovedMinutes.OrderByDescending(a => a.ApprovedAt).Select(a => a.MeetingId).FirstAsync();

        var minutes = (await appServices!.GetRequiredService<App.Features.Meetings.Documents.MeetingDocuments>().MinutesAsync(meeting))!;
        var feed = App.Features.PublicRecord.MinutesFeed.Build("https://helsefellesskap.example",
            await appServices!.GetRequiredService<App.Features.PublicRecord.PublicRecord>().MinutesAsync(), "Helsefellesskap Innlandet").ToString();
        var checkpoints = File.ReadAllLines(TamperingScene.CheckpointFileOf(databasePath));

        // Inside the approved document, so its SHA-256 covers the head; the approval's own records come after it.
        Assert.Equal(new AuditHead(before.Sequence, before.Hash), minutes.RecordHead);
        Assert.Equal(minutes.RecordHead, minutes.Seal!.RecordHead);
        Assert.Contains($"Revisjonsloggen før godkjenningen: post {before.Sequence}, hash {before.Hash}.", feed);
        Assert.Equal([$"{records.Last().Sequence} {records.Last().Hash} 2026-11-22T09:00:00Z protokoll godkjent"], checkpoints);
    }

    [Fact]
    public async Task A_record_altered_past_the_dropped_trigger_is_named()
    {
        var altered = (await Records()).First(r => r.Action == "Protokoll godkjent og låst").Sequence;

        await Sql($"""{DropTrigger("AuditRecords_no_update")} UPDATE "AuditRecords" SET "ActorName" = 'Noen andre' WHERE "Sequence" = {altered};""");

        await BothName($"Kjeden er brutt ved post {altered}: innholdet stemmer ikke med hashen.");
    }

    [Fact]
    public async Task A_record_deleted_in_the_middle_is_named()
    {
        var deleted = (await Records()).First(r => r.EntityType == "Position").Sequence;

        await Sql($"""{DropTrigger("AuditRecords_no_delete")} DELETE FROM "AuditRecords" WHERE "Sequence" = {deleted};""");

        await BothName($"Kjeden er brutt ved post {deleted}: et ledd mangler (hull i nummereringen).");
    }

    [Fact]
    public async Task The_newest_five_records_deleted_are_named_by_the_checkpoint_written_at_approval()
    {
        var last = (await Records()).Last().Sequence;

        await Sql($"""{DropTrigger("AuditRecords_no_delete")} DELETE FROM "AuditRecords" WHERE "Sequence" > {last - 5};""");

        await BothName($"Kjeden ender ved post {last - 5}, men sjekkpunktfilen {Path.GetFileName(TamperingScene.CheckpointFileOf(databasePath))} (linje 1, 22.11.2026) nevnte post {last}.");
    }

    [Fact]
    public async Task A_case_title_changed_in_the_Cases_table_only_is_named()
    {
        Guid id;
        await using (var db = NewContext()) id = await db.Cases.Where(c => c.Title == "Felles rutine for legemiddelsamstemming").Select(c => c.Id).SingleAsync();

        await Sql($"""UPDATE "Cases" SET "Title" = 'Felles rutine for legemiddelsamstemming (utgår)' WHERE "Id" = {Id(id)};""");

        await BothName("SSU-sak 010/2026, tittel: tabellen sier «Felles rutine for legemiddelsamstemming (utgår)», loggen sier «Felles rutine for legemiddelsamstemming»");
    }

    [Fact]
    public async Task A_record_altered_and_re_chained_with_recomputed_unkeyed_hashes_is_named()
    {
        var records = await Records();
        var altered = records.First(r => r.EntityType == "Position" && r.After!.Contains("\"Disagree\""));
        var previousHash = records.Single(r => r.Sequence == altered.Sequence - 1).Hash;
        var sql = new System.Text.StringBuilder(DropTrigger("AuditRecords_no_update") + "\n");
        // What 30 lines of Python do with the documented canonical form, without the key: SHA-256 of each record from the altered one on.
        foreach (var r in records.Where(r => r.Sequence >= altered.Sequence))
        {
            var after = r.Sequence == altered.Sequence ? r.After!.Replace("\"Disagree\"", "\"Agree\"") : r.After;
            var forged = new AuditRecord(r.Sequence, previousHash, new AuditContent(r.At, r.UserId, r.ActorName, r.ActorPersonId,
                r.OnBehalfOf, r.Action, r.EntityType, r.EntityId, r.CaseId, r.Before, after));
            sql.Append($"""UPDATE "AuditRecords" SET "After" = {Literal(after)}, "PreviousHash" = '{previousHash}', "Hash" = '{forged.Hash}' WHERE "Sequence" = {r.Sequence};""").Append('\n');
            previousHash = forged.Hash;
        }

        await Sql(sql.ToString());

        var (page, _) = await BothName($"Kjeden er brutt ved post {altered.Sequence}: hashen er regnet uten nøkkelen, men kjeden er nøkkelsikret fra post 1");
        // The heads published at approval no longer match the re-written chain either.
        Assert.Matches($"Post {records.Last().Sequence} har hash [0-9a-f]{{12}}…, men sjekkpunktfilen .* nevnte {records.Last().Hash[..12]}…: kjeden er skrevet om", page);
    }

    [Fact]
    public async Task A_correctly_chained_forged_approval_by_the_chair_appended_to_the_log_is_named()
    {
        var last = (await Records()).Last();
        var forged = new AuditRecord(last.Sequence + 1, last.Hash, new AuditContent(last.At.AddMinutes(5), last.UserId, "Torstein Vik",
            null, null, "Protokoll godkjent og låst", "Meeting", Guid.NewGuid().ToString(), null, null, "{\"Status\":\"MinutesApproved\"}"));

        await Sql($"""
            INSERT INTO "AuditRecords" ("Sequence", "At", "UserId", "ActorName", "ActorPersonId", "OnBehalfOf", "Action", "EntityType", "EntityId", "CaseId", "Before", "After", "PreviousHash", "Hash")
            VALUES ({forged.Sequence}, {forged.At.UtcTicks}, {Literal(forged.UserId)}, 'Torstein Vik', NULL, NULL, 'Protokoll godkjent og låst', 'Meeting',
                    '{forged.EntityId}', NULL, NULL, {Literal(forged.After)}, '{forged.PreviousHash}', '{forged.Hash}');
            """);

        await BothName($"Kjeden er brutt ved post {forged.Sequence}: hashen er regnet uten nøkkelen, men kjeden er nøkkelsikret fra post 1");
    }

    [Fact]
    public async Task Ninety_current_positions_flipped_to_agree_in_the_Positions_table_only_are_named()
    {
        Guid hamar, treatment;
        await using (var db = NewContext())
        {
            hamar = await db.Parties.Where(p => p.Name == "Helseregion Hamar").Select(p => p.Id).SingleAsync();
            treatment = (await db.Cases.WithRecord().SingleAsync(c => c.Title == "Felles plan for digital hjemmeoppfølging")).Treatments
                .Single(t => t.Positions.Any(p => p.PartyId == hamar && p.Kind == PositionKind.Disagree)).Id;
        }

        var flipped = await Sql($"""
            UPDATE "Positions" SET "Kind" = 'Agree' WHERE "Id" IN (
                SELECT "Id" FROM "Positions" WHERE "ReplacedAt" IS NULL
                ORDER BY ("TreatmentId" = {Id(treatment)} AND "PartyId" = {Id(hamar)}) DESC, "Kind" = 'Agree', "RegisteredAt" DESC LIMIT 90);
            """);

        Assert.Equal(90, flipped);
        await BothName("Posisjon for Helseregion Hamar på SSU-sak 006/2026: tabellen sier Enig, loggen sier Uenig");
    }

    private static string Literal(string? text) => text is null ? "NULL" : $"'{text.Replace("'", "''")}'";
}
