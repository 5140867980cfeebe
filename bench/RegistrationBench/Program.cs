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

        var workers = Members.Take(callers).Select(m => (Work: Caller(services, users[m.User]), Party: parties[m.Party], m.User)).ToArray();
        var rows = new List<string>();
        foreach (var n in new[] { 1, callers }.Distinct())
        {
            var round = 0;
            await RunAsync(workers.Take(n).ToArray(), meetingId, item, snapshot.Current.WordingVersion, warmUp, () => round++);
            var load = LoadAverage();
            var (elapsed, ms) = await RunAsync(workers.Take(n).ToArray(), meetingId, item, snapshot.Current.WordingVersion, count, () => round++);
            var sorted = ms.Order().ToArray();
            var row = $"| {n,7} | {sorted.Length,13} | {sorted.Length / elapsed.TotalSeconds,15:F0} | {Percentile(sorted, 0.5),9:F2} | {Percentile(sorted, 0.95),6:F2} | {Percentile(sorted, 0.99),6:F2} | {sorted[^1],6:F1} | {load} |";
            rows.Add(row);
            Console.WriteLine($"  {n} caller(s): {sorted.Length} registrations in {elapsed.TotalSeconds:F2} s");
        }
        await using var db1 = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var positions = await db1.Set<Position>().CountAsync();
        Console.WriteLine($"\n{positions} positions in the database at the end; {published} snapshots published to the screen.\n");
        Console.WriteLine("| callers | registrations | registrations/s | median ms | p95 ms | p99 ms | max ms | load average before |");
        Console.WriteLine("|--------:|--------------:|----------------:|----------:|-------:|-------:|-------:|---------------------|");
        foreach (var row in rows) Console.WriteLine(row);
        Console.WriteLine($"\nLoad average at the end: {LoadAverage()}");
    }

    /// <summary>
    /// Each caller registers its own party's position, alternating «enig» and «enig med forbehold om lokal forankring»,
    /// so every call replaces the standing position: one update and one insert, and the audit records of both.
    /// </summary>
    private static async Task<(TimeSpan Elapsed, List<double> Ms)> RunAsync((MeetingWork Work, Guid Party, string User)[] workers,
        Guid meetingId, Guid itemId, int wordingVersion, int total, Func<int> next)
    {
        var ms = new List<double>(total);
        var remaining = total;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(workers.Select(w => Task.Run(async () =>
        {
            var mine = new List<double>();
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                var kind = next() % 2 == 0 ? PositionKind.Agree : PositionKind.AgreeSubjectToRatification;
                var start = Stopwatch.GetTimestamp();
                await w.Work.RegisterPositionAsync(meetingId, itemId, w.Party, wordingVersion, kind, null, null);
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            lock (ms) ms.AddRange(mine);
        })));
        return (clock.Elapsed, ms);
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
