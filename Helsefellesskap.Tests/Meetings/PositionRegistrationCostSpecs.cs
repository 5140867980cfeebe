using System.Data.Common;
using System.Text.Json;
using Helsefellesskap.App.Data;
using Helsefellesskap.App.Data.Audit;
using Helsefellesskap.App.Features.Audit;
using Helsefellesskap.App.Features.Meetings;
using Helsefellesskap.App.Features.Meetings.Live;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Meetings;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Tests.Meetings;

/// <summary>
/// What one position registration costs the database, through the real <see cref="MeetingWork"/> on the real SQLite
/// file: the SQL commands EF sends are counted by an interceptor on the app's own contexts. The registration is the
/// busiest command of a meeting; reading whole aggregates for it cost 39 statements and a hundredfold in latency.
/// </summary>
public sealed class PositionRegistrationCostSpecs(DemoDatabaseTemplate template) : ServiceSpec(template, Count)
{
    private static readonly AsyncLocal<CommandCounter?> Counting = new();

    /// <summary>
    /// On the concrete contexts the app registers (<see cref="SqliteAppDbContext"/>, <see cref="PostgresAppDbContext"/>):
    /// options configured for the abstract <see cref="AppDbContext"/> never reach them, and a counter there saw nothing.
    /// </summary>
    private static void Count(IServiceCollection services)
    {
        services.ConfigureDbContext<SqliteAppDbContext>(o => o.AddInterceptors(new CommandCounter()));
        services.ConfigureDbContext<PostgresAppDbContext>(o => o.AddInterceptors(new CommandCounter()));
    }

    /// <summary>
    /// The statements the budget holds. On SQLite, everything: the command builds the next snapshot from the last one
    /// and what it saved. On PostgreSQL another app server may have changed the meeting, so after taking the revision
    /// (<c>nextval('"MeetingRevisions"')</c>) the command reads the snapshot afresh (MeetingWork, by design since the
    /// two-server bus); the budget there holds the command up to its revision, and the read after it is listed only.
    /// The budget is 8 statements; on PostgreSQL one more, the meeting's turn (<c>pg_advisory_xact_lock</c>), which the
    /// write gate is on SQLite.
    /// </summary>
    private static readonly int Budget = TestServices.OnPostgres ? 9 : 8;

    private static List<string> Command(List<string> sql)
    {
        if (!TestServices.OnPostgres) return sql;
        var revision = sql.FindIndex(s => s.Contains("MeetingRevisions"));
        return revision < 0 ? sql : sql[..(revision + 1)];
    }

    /// <summary>A count is only worth something if the counter saw the registration's own write.</summary>
    private static List<string> Registered(List<string> sql)
    {
        Assert.Contains(sql, s => s.Contains("INSERT INTO \"Positions\""));
        return sql;
    }

    private MeetingWork Work => Service<MeetingWork>();

    /// <summary>Counts the commands sent on this async flow (the test's own), so other tests' contexts do not count.</summary>
    private sealed class CommandCounter : DbCommandInterceptor
    {
        public List<string> Sql { get; } = [];

        private static void Add(DbCommand command)
        {
            if (Counting.Value is { } counter) lock (counter.Sql) counter.Sql.Add(command.CommandText);
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Add(command);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Add(command);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Add(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Add(command);
            return result;
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Add(command);
            return result;
        }

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        {
            Add(command);
            return result;
        }
    }

    /// <summary>The SQL commands <paramref name="action"/> sends, in order.</summary>
    private static async Task<List<string>> SqlOf(Func<Task> action)
    {
        var counter = new CommandCounter();
        Counting.Value = counter;
        try { await action(); }
        finally { Counting.Value = null; }
        return counter.Sql;
    }

    /// <summary>The December SSU meeting opened by its chair with its decision case open, and one screen following it.</summary>
    private async Task<(Guid Meeting, Guid Item, List<MeetingSnapshot> Screen, IDisposable Subscription)> OpenMeetingWithAScreen()
    {
        await using var db = Database.NewContext();
        var meeting = await db.Meetings.Where(m => m.Status == MeetingStatus.NoticeSent).Select(m => m.Id).SingleAsync();
        var screen = new List<MeetingSnapshot>();
        var subscription = Service<MeetingNotifier>().Subscribe(meeting, s => { lock (screen) screen.Add(s); return Task.CompletedTask; });
        await As("torstein.vik");
        await Work.OpenMeetingAsync(meeting);
        var item = (await Work.SnapshotAsync(meeting))!.Agenda.Single(a => a.Title == "Felles plan for digital hjemmeoppfølging").ItemId;
        await Work.OpenItemAsync(meeting, item);
        return (meeting, item, screen, subscription);
    }

    private static string Listed(List<string> sql) =>
        $"{sql.Count} statements:\n" + string.Join("\n", sql.Select(s => s.ReplaceLineEndings(" ") is var line && line.Length > 160 ? line[..160] : line));

    private static string Shown(MeetingSnapshot snapshot) => JsonSerializer.Serialize(snapshot with { Revision = 0 });

    [Fact]
    public async Task A_position_registration_issues_at_most_8_SQL_statements_and_its_snapshot_is_what_a_fresh_read_shows()
    {
        var (meeting, item, screen, subscription) = await OpenMeetingWithAScreen();
        using var _ = subscription;
        var hospital = await Party("Sykehuset Innlandet HF");
        var hamar = await Party("Helseregion Hamar");
        await As("kjersti.haug");
        var first = await SqlOf(() => Work.RegisterPositionAsync(meeting, item, hospital, 1, PositionKind.Agree, null, null));

        var replacing = await SqlOf(() => Work.RegisterPositionAsync(meeting, item, hospital, 1, PositionKind.AgreeSubjectToRatification, null, null));
        await As("mari.hovde");
        var onBehalf = await SqlOf(() => Work.RegisterPositionAsync(meeting, item, hamar, 1, PositionKind.Agree, null, new SeenPosition(null)));

        Registered(first); Registered(replacing); Registered(onBehalf);
        Assert.True(Command(replacing).Count <= Budget, Listed(replacing));
        Assert.True(Command(onBehalf).Count <= Budget, Listed(onBehalf));
        Assert.True(Command(first).Count <= Budget, Listed(first));

        // Built from the last snapshot and the saved treatment, the screen's snapshot is the one a fresh read gives.
        var fresh = (await Work.SnapshotAsync(meeting))!;
        await Until(() => screen.Any(s => s.Current?.Board.Single(r => r.PartyId == hamar).Kind == PositionKind.Agree));
        MeetingSnapshot last;
        lock (screen) last = screen.MaxBy(s => s.Revision)!;
        Assert.Equal(Shown(fresh), Shown(last));
        Assert.Equal(PositionKind.AgreeSubjectToRatification, last.Current!.Board.Single(r => r.PartyId == hospital).Kind);
        Assert.Equal("Mari Hovde", last.Current.Board.Single(r => r.PartyId == hamar).RegisteredBy);
    }

    [Fact]
    public async Task The_registration_that_completes_consensus_writes_the_treatments_outcome_too_and_stays_within_8_SQL_statements()
    {
        var (meeting, item, _, subscription) = await OpenMeetingWithAScreen();
        using var __ = subscription;
        (string User, string Party)[] members =
        [
            ("hilde.moen", "Helseregion Gjøvik og Hadeland"), ("paal.rudstad", "Helseregion Hamar"),
            ("marte.kvaale", "Helseregion Nord-Gudbrandsdal"), ("jon.tangen", "Helseregion Nord-Østerdal"),
            ("eirik.lunde", "Helseregion Sør-Gudbrandsdal"), ("ingrid.nyhus", "Helseregion Sør-Østerdal"),
            ("ola.grindvold", "Helseregion Valdres"),
        ];
        foreach (var (user, party) in members)
        {
            await As(user);
            await Work.RegisterPositionAsync(meeting, item, await Party(party), 1, PositionKind.Agree, null, null);
        }
        await As("kjersti.haug");
        var hospital = await Party("Sykehuset Innlandet HF");

        var last = await SqlOf(() => Work.RegisterPositionAsync(meeting, item, hospital, 1, PositionKind.Agree, null, null));

        Registered(last);
        Assert.Contains(last, s => s.Contains("UPDATE \"Treatments\""));
        Assert.True(Command(last).Count <= Budget, Listed(last));
        Assert.True((await Work.SnapshotAsync(meeting))!.Current!.EveryPartyAgrees);
    }

    [Fact]
    public async Task A_registration_that_replaces_a_position_audits_the_new_position_the_replaced_one_and_the_case_and_the_record_verifies()
    {
        var (meeting, item, _, subscription) = await OpenMeetingWithAScreen();
        using var __ = subscription;
        var hospital = await Party("Sykehuset Innlandet HF");
        await As("kjersti.haug");
        await Work.RegisterPositionAsync(meeting, item, hospital, 1, PositionKind.Agree, null, null);
        long before;
        await using (var db = Database.NewContext()) before = await db.AuditRecords.MaxAsync(r => r.Sequence);

        await Work.RegisterPositionAsync(meeting, item, hospital, 1, PositionKind.AgreeSubjectToRatification, null, null);

        await using (var db = Database.NewContext())
        {
            var written = await db.AuditRecords.AsNoTracking().Where(r => r.Sequence > before).OrderBy(r => r.Sequence).ToListAsync();
            var ids = written.Where(r => r.EntityType == "Position").Select(r => Guid.Parse(r.EntityId)).ToList();
            var positions = await db.Set<Position>().AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync();
            var replaced = positions.Single(p => p.Kind == PositionKind.Agree);
            var standing = positions.Single(p => p.Kind == PositionKind.AgreeSubjectToRatification);
            var caseId = written.Select(r => r.CaseId).Distinct().Single();
            Assert.Equal(
                new[] { ("Position", standing.Id.ToString()), ("Position", replaced.Id.ToString()), ("Case", caseId.ToString()) }.Order(),
                written.Select(r => (r.EntityType, r.EntityId)).Order());
            Assert.All(written, r => Assert.Equal("Standpunkt registrert for Sykehuset Innlandet HF", r.Action));
            Assert.All(written, r => Assert.Equal("Kjersti Haug", r.ActorName));
            Assert.NotNull(replaced.ReplacedAt);
        }
        await As("mari.hovde");
        var verification = await Service<AuditChain>().VerifyRecordAsync();
        Assert.True(verification.Holds, string.Join("\n", verification.Lines));
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The screen did not get the snapshot.");
            await Task.Delay(10);
        }
    }
}
