using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Claims;
using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features.Meetings;
using Helsefellesskap.App.Features.Meetings.Live;
using Helsefellesskap.Domain.Cases;
using Helsefellesskap.Domain.Meetings;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace RegistrationBench;

/// <summary>
/// Position registrations through the real <see cref="MeetingWork"/> of the real app (Release, Production, a fresh
/// SQLite file, or with --postgres a fresh database on that PostgreSQL server, migrated and seeded by the app):
/// registrations per second and median/p99 latency for 1 caller and for N concurrent callers. Usage:
///   dotnet run -c Release --project bench/RegistrationBench [-- --warmup 200 --count 2000 --callers 8]
///     [--postgres "Host=localhost;Username=hf_test;Password=hf_test"]
/// </summary>
public static class Bench
{
    /// <summary>The demo's eight parties in SSU and a member who represents each (as MeetingWorkSpecs).</summary>
    private static readonly (string User, string Party)[] Members =
    [
        ("kjersti.haug", "Sykehuset Innlandet HF"), ("hilde.moen", "Helseregion Gjøvik og Hadeland"),
        ("paal.rudstad", "Helseregion Hamar"), ("marte.kvaale", "Helseregion Nord-Gudbrandsdal"),
        ("jon.tangen", "Helseregion Nord-Østerdal"), ("eirik.lunde", "Helseregion Sør-Gudbrandsdal"),
        ("ingrid.nyhus", "Helseregion Sør-Østerdal"), ("ola.grindvold", "Helseregion Valdres"),
    ];

    public static async Task Main(string[] args)
    {
        var warmUp = Option(args, "--warmup", 200);
        var count = Option(args, "--count", 2000);
        var callers = Option(args, "--callers", 8);
        var postgres = Array.IndexOf(args, "--postgres") is var p and >= 0 && p + 1 < args.Length ? args[p + 1] : null;
        Console.WriteLine($"RegistrationBench {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}, {(postgres is null ? "SQLite" : "PostgreSQL")}");
        Console.WriteLine($"  {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, " +
            $"server GC {System.Runtime.GCSettings.IsServerGC}, load average {LoadAverage()}");
        var optimized = typeof(MeetingWork).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled != true;
        Console.WriteLine($"  app assembly {(optimized ? "optimized (Release)" : "NOT optimized: a Debug build; use -c Release")}");

        await using var app = new App(postgres);
        var services = app.Services; // starts the host: migrates and seeds
        await using var db0 = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var meetingId = await db0.Meetings.AsNoTracking().Where(m => m.Status == MeetingStatus.NoticeSent).Select(m => m.Id).SingleAsync();
        var users = await db0.Users.AsNoTracking().ToDictionaryAsync(u => u.UserName!);
        var parties = await db0.Parties.AsNoTracking().ToDictionaryAsync(p => p.Name, p => p.Id);

        // The chair opens the meeting and the item, as in the meeting room; one screen follows the meeting, so every
        // registration builds and publishes the snapshot as it does with people in the room.
        var chair = Caller(services, users["torstein.vik"]);
        await chair.OpenMeetingAsync(meetingId);
        var item = (await chair.SnapshotAsync(meetingId))!.Agenda.Single(a => a.Title == "Felles plan for digital hjemmeoppfølging").ItemId;
        await chair.OpenItemAsync(meetingId, item);
        var snapshot = (await chair.SnapshotAsync(meetingId))!;
        var published = 0;
        using var screen = services.GetRequiredService<MeetingNotifier>().Subscribe(meetingId, _ => { Interlocked.Increment(ref published); return Task.CompletedTask; });
        Console.WriteLine($"\nMeeting /moter/{meetingId} open, item \"{snapshot.Current!.Title}\" open, wording version {snapshot.Current.WordingVersion}; one screen follows.");

        var workers = Members.Take(callers).Select(m => new Member(Caller(services, users[m.User]), parties[m.Party])).ToArray();
        var rows = new List<string>();
        var profiles = new List<string>();
        using var ef = new EfListener { Texts = args.Contains("--sql") ? new() : null };
        foreach (var n in new[] { 1, callers }.Distinct())
        {
            await RunAsync(workers.Take(n).ToArray(), meetingId, item, snapshot.Current.WordingVersion, warmUp);
            var load = LoadAverage();
            using var jit = args.Contains("--jit") || args.Contains("--alloc") ? new JitListener(args.Contains("--alloc")) : null;
            var before = Profile.Take(ef);
            var (elapsed, ms) = await RunAsync(workers.Take(n).ToArray(), meetingId, item, snapshot.Current.WordingVersion, count);
            var per = Profile.Take(ef).Minus(before).Per(count, elapsed);
            var sorted = ms.Order().ToArray();
            var row = $"| {n,7} | {sorted.Length,13} | {sorted.Length / elapsed.TotalSeconds,15:F0} | {Percentile(sorted, 0.5),9:F2} | {Percentile(sorted, 0.95),6:F2} | {Percentile(sorted, 0.99),6:F2} | {sorted[^1],6:F1} | {load} |";
            rows.Add(row);
            profiles.Add($"| {n,7} | {per.WallMs,7:F2} | {per.CpuMs,6:F2} | {per.CpuShare,9:P0} | {per.Commands,8:F1} | {per.CommandMs,14:F2} | {per.Saves,5:F1} | {per.Compilations,12:F2} | {per.AllocatedKiB,13:F0} | {per.Gen0,7:F3} | {per.Gen1,7:F3} | {per.Gen2,7:F3} |");
            Console.WriteLine($"  {n} caller(s): {sorted.Length} registrations in {elapsed.TotalSeconds:F2} s");
            jit?.Print();
            if (ef.Texts is { } texts) { foreach (var (k, v) in texts.OrderByDescending(x => x.Value)) Console.WriteLine($"    {v,6} {k}"); texts.Clear(); }
        }
        await using var db1 = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var positions = await db1.Set<Position>().CountAsync();
        Console.WriteLine($"\n{positions} positions in the database at the end; {published} snapshots published to the screen.\n");
        Console.WriteLine("| callers | registrations | registrations/s | median ms | p95 ms | p99 ms | max ms | load average before |");
        Console.WriteLine("|--------:|--------------:|----------------:|----------:|-------:|-------:|-------:|---------------------|");
        foreach (var row in rows) Console.WriteLine(row);
        Console.WriteLine("\nPer registration (wall = wall time / registrations; CPU = the whole process's CPU time / registrations; CPU share = CPU / (wall × callers);");
        Console.WriteLine("SQL = EF's commands and their own duration as EF reports it; saves; query compilations; bytes allocated; garbage collections):\n");
        Console.WriteLine("| callers | wall ms | CPU ms | CPU share | SQL cmds | SQL ms (EF's) | saves | compilations | allocated KiB | gen0 GC | gen1 GC | gen2 GC |");
        Console.WriteLine("|--------:|--------:|-------:|----------:|---------:|---------------:|------:|-------------:|--------------:|--------:|--------:|--------:|");
        foreach (var row in profiles) Console.WriteLine(row);
        Console.WriteLine($"\nLoad average at the end: {LoadAverage()}");
    }

    /// <summary>
    /// Each caller registers its own party's position, alternating «enig» and «enig med forbehold om lokal forankring»,
    /// so every call replaces the standing position: one update and one insert, and the audit records of both.
    /// </summary>
    private static async Task<(TimeSpan Elapsed, List<double> Ms)> RunAsync(Member[] workers,
        Guid meetingId, Guid itemId, int wordingVersion, int total)
    {
        var ms = new List<double>(total);
        var remaining = total;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(workers.Select(w => Task.Run(async () =>
        {
            var mine = new List<double>();
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                // Each caller alternates its own party's position: a shared counter gave a caller of eight the same
                // parity every time, and registering the standing position again changes nothing (no write).
                var kind = w.Next() % 2 == 0 ? PositionKind.Agree : PositionKind.AgreeSubjectToRatification;
                var start = Stopwatch.GetTimestamp();
                await w.Work.RegisterPositionAsync(meetingId, itemId, w.Party, wordingVersion, kind, null, null);
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            lock (ms) ms.AddRange(mine);
        })));
        return (clock.Elapsed, ms);
    }

    /// <summary>One caller: a member's MeetingWork, the party it registers for, and how many registrations it has made.</summary>
    private sealed class Member(MeetingWork work, Guid party)
    {
        private int turns;
        public MeetingWork Work => work;
        public Guid Party => party;
        public int Next() => turns++;
    }

    /// <summary>The app's own MeetingWork in a scope of its own, signed in as the user (as a circuit is).</summary>
    /// The principal carries what the app's cookie carries, so the circuit's revalidation every minute keeps it signed in.
    private static MeetingWork Caller(IServiceProvider services, ApplicationUser user)
    {
        var scope = services.CreateScope();
        var auth = (IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        var stampType = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        auth.SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Name, user.UserName!),
            new Claim(stampType, user.SecurityStamp ?? ""),
            new Claim(Helsefellesskap.App.Components.Account.Sessions.SignedInAtClaim, DateTimeOffset.UtcNow.ToString("O")),
        ], "Bench")))));
        return scope.ServiceProvider.GetRequiredService<MeetingWork>();
    }

    private static double Percentile(double[] sorted, double p)
    {
        var rank = p * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    private static int Option(string[] args, string name, int fallback) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}

public sealed class JitListener(bool allocations) : System.Diagnostics.Tracing.EventListener
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> names = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> allocated = new();
    protected override void OnEventSourceCreated(System.Diagnostics.Tracing.EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, System.Diagnostics.Tracing.EventLevel.Verbose, (System.Diagnostics.Tracing.EventKeywords)(allocations ? 0x1 : 0x10));
    }
    protected override void OnEventWritten(System.Diagnostics.Tracing.EventWrittenEventArgs e)
    {
        if (e.EventName?.StartsWith("GCAllocationTick") == true && e.PayloadNames is not null)
        {
            var type = e.Payload![e.PayloadNames.IndexOf("TypeName")] as string ?? "?";
            var amount = Convert.ToInt64(e.Payload[e.PayloadNames.IndexOf("AllocationAmount64")]);
            allocated.AddOrUpdate(type, amount, (_, c) => c + amount);
            return;
        }
        if (e.EventName?.StartsWith("MethodLoadVerbose") != true || e.PayloadNames is null) return;
        var ns = e.Payload![e.PayloadNames.IndexOf("MethodNamespace")] as string;
        var name = e.Payload[e.PayloadNames.IndexOf("MethodName")] as string;
        var sig = e.Payload[e.PayloadNames.IndexOf("MethodSignature")] as string;
        names.AddOrUpdate($"{ns}::{System.Text.RegularExpressions.Regex.Replace(name ?? "", @"\d+", "N")} {sig}", 1, (_, c) => c + 1);
    }
    public void Print()
    {
        Console.WriteLine($"  methods loaded (JIT/dynamic) during the run: {names.Values.Sum()}");
        foreach (var (k, v) in names.OrderByDescending(x => x.Value).Take(25)) Console.WriteLine($"    {v,6} {k[..Math.Min(220, k.Length)]}");
        var sum = allocated.Values.Sum();
        foreach (var (k, v) in allocated.OrderByDescending(x => x.Value).Take(30)) Console.WriteLine($"    {100.0 * v / Math.Max(1, sum),5:F1} % {k}");
    }
}

/// <summary>What the process spent over a run: CPU, allocations, collections, and what EF reported.</summary>
public sealed record Profile(TimeSpan Cpu, long Allocated, int Gen0, int Gen1, int Gen2, long Commands, double CommandMs, long Saves, long Compilations)
{
    public static Profile Take(EfListener ef) => new(Process.GetCurrentProcess().TotalProcessorTime, GC.GetTotalAllocatedBytes(precise: true),
        GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), ef.Commands, ef.CommandMs, ef.Saves, ef.Compilations);

    public Profile Minus(Profile o) => new(Cpu - o.Cpu, Allocated - o.Allocated, Gen0 - o.Gen0, Gen1 - o.Gen1, Gen2 - o.Gen2,
        Commands - o.Commands, CommandMs - o.CommandMs, Saves - o.Saves, Compilations - o.Compilations);

    public (double WallMs, double CpuMs, double CpuShare, double Commands, double CommandMs, double Saves, double Compilations, double AllocatedKiB,
        double Gen0, double Gen1, double Gen2) Per(int count, TimeSpan elapsed) =>
        (elapsed.TotalMilliseconds / count, Cpu.TotalMilliseconds / count, Cpu / elapsed, (double)Commands / count, CommandMs / count,
            (double)Saves / count, (double)Compilations / count, Allocated / 1024.0 / count, (double)Gen0 / count, (double)Gen1 / count, (double)Gen2 / count);
}

/// <summary>
/// EF Core's diagnostic events, counted: every command executed (with the duration EF measured around it), every save,
/// every query compilation (a query not found in EF's cache).
/// </summary>
public sealed class EfListener : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly List<IDisposable> subscriptions = [];
    private long commands, commandTicks, saves, compilations;
    public long Commands => Interlocked.Read(ref commands);
    public double CommandMs => TimeSpan.FromTicks(Interlocked.Read(ref commandTicks)).TotalMilliseconds;
    public long Saves => Interlocked.Read(ref saves);
    public long Compilations => Interlocked.Read(ref compilations);
    public System.Collections.Concurrent.ConcurrentDictionary<string, int>? Texts;

    public EfListener() => subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name) lock (subscriptions) subscriptions.Add(listener.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> e)
    {
        switch (e.Value)
        {
            case Microsoft.EntityFrameworkCore.Diagnostics.CommandExecutedEventData executed:
                Interlocked.Increment(ref commands);
                if (Texts is { } texts) texts.AddOrUpdate(executed.Command.CommandText.Length > 90 ? executed.Command.CommandText[..90].ReplaceLineEndings(" ") : executed.Command.CommandText.ReplaceLineEndings(" "), 1, (_, c) => c + 1);
                Interlocked.Add(ref commandTicks, executed.Duration.Ticks);
                break;
            case Microsoft.EntityFrameworkCore.Diagnostics.SaveChangesCompletedEventData:
                Interlocked.Increment(ref saves);
                break;
            case Microsoft.EntityFrameworkCore.Diagnostics.QueryExpressionEventData when e.Key == CoreEventId.QueryCompilationStarting.Name:
                Interlocked.Increment(ref compilations);
                break;
        }
    }

    public void OnCompleted() { }
    public void OnError(Exception error) { }
    public void Dispose() { lock (subscriptions) foreach (var s in subscriptions) s.Dispose(); }
}

/// <summary>
/// The real app (this Release build, environment Production) over a fresh SQLite file, or a fresh database on the
/// given PostgreSQL server (the role needs CREATEDB; dropped at the end), which it migrates and seeds itself.
/// </summary>
public sealed class App(string? postgresServer) : WebApplicationFactory<Program>
{
    private readonly string folder = Directory.CreateDirectory(
        Path.Combine(Path.GetTempPath(), "helsefellesskap-bench", Guid.NewGuid().ToString("N"))).FullName;
    private readonly string database = $"hf_bench_{Guid.NewGuid():N}";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        if (postgresServer is null)
            builder.UseSetting("ConnectionStrings:Default", $"Data Source={Path.Combine(folder, "helsefellesskap.db")}");
        else
        {
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("Database:Directory", folder);
            builder.UseSetting("ConnectionStrings:Default", new Npgsql.NpgsqlConnectionStringBuilder(postgresServer) { Database = database }.ToString());
        }
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.DataProtection", "Error");
        builder.ConfigureTestServices(services =>
            // The seeder hashes ~80 demo passwords; the stored hash records its own count.
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (postgresServer is not null)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await using var server = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(postgresServer) { Database = "postgres", Pooling = false }.ToString());
            await server.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", server);
            await drop.ExecuteNonQueryAsync();
        }
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
