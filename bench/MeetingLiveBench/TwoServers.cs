using System.Diagnostics;
using Microsoft.Playwright;
using Npgsql;

namespace MeetingLiveBench;

/// <summary>
/// Two app servers on one PostgreSQL database, as issue #17 runs them behind a load balancer: the clicker's browser on
/// server A, the watchers on A and B in turn. A change made on A reaches B's screens through the database
/// (NOTIFY, then B reads the snapshot once for all its screens); A's own screens get it in process. The same click's
/// screens on A are the baseline for B's: the difference is what the second server costs.
/// </summary>
internal static class TwoServers
{
    public static async Task RunAsync(string server, Options options)
    {
        var database = $"hf_bench_{Guid.NewGuid():N}";
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ToString();
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "helsefellesskap-bench", Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            await using var a = new LiveApp(connection, folder);
            await using var b = new LiveApp(connection, folder);
            var clock = Stopwatch.StartNew();
            a.Start(); // migrates and seeds the new database
            b.Start();
            var meetingId = await a.NoticedMeetingAsync();
            Console.WriteLine($"\nServer A on {a.BaseUrl}, server B on {b.BaseUrl} (Production), one PostgreSQL database {database}, " +
                $"demo data seeded ({clock.Elapsed.TotalSeconds:F1} s); meeting /moter/{meetingId}");
            await MeasureAsync(new AppTarget(a, meetingId), new AppTarget(b, meetingId), options);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ToString());
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task MeasureAsync(AppTarget a, AppTarget b, Options options)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserBench.LaunchAsync(playwright);
        await using var screens = new BrowserBench(a, browser, second: b);
        await screens.OpenMeetingAndItemAsync();
        Console.WriteLine($"  the chair opened the meeting and \"{BrowserBench.ItemTitle}\" on A; {BrowserBench.Clicker} joined on A");

        var rows = new List<string>();
        foreach (var participants in options.Sizes)
        {
            await screens.GrowToAsync(participants - 1);
            var onB = screens.WatchersOnSecond;
            var onA = screens.WatcherCount - onB;
            Console.WriteLine($"\n{participants} participants: {onA} other screens on A, {onB} on B; load average {Machine.LoadAverage()}");
            for (var i = 0; i < options.WarmUp; i++) await screens.ClickOnceAsync();
            var rounds = new List<BrowserBench.Round>();
            for (var i = 0; i < options.Rounds; i++)
            {
                var r = await screens.ClickOnceAsync();
                rounds.Add(r);
                Console.WriteLine($"  round {i + 1,2}: all screens {r.AllScreensMs,7:F1} ms; all on A {OnA(r).Max(),7:F1} ms, all on B {r.PerScreenOnSecondMs.Max(),7:F1} ms");
            }
            var allA = Summary.Of(rounds.Select(r => OnA(r).Max()));
            var allB = Summary.Of(rounds.Select(r => r.PerScreenOnSecondMs.Max()));
            var perA = Summary.Of(rounds.SelectMany(OnA));
            var perB = Summary.Of(rounds.SelectMany(r => r.PerScreenOnSecondMs));
            var all = Summary.Of(rounds.Select(r => r.AllScreensMs));
            var publish = Summary.Of(rounds.Select(r => r.ServerMs));
            Console.WriteLine($"    all screens   {all.Format()}");
            Console.WriteLine($"    all on A      {allA.Format()}\n    all on B      {allB.Format()}");
            Console.WriteLine($"    per screen A  {perA.Format()}\n    per screen B  {perB.Format()}");
            Console.WriteLine($"    click to publish on A: {publish.Format()}");
            rows.Add($"| {participants} ({onA} on A, {onB} on B) | {all.Median:F1} / {all.P95:F1} | {allA.Median:F1} / {allB.Median:F1} / {allB.Median / allA.Median:F1}x | " +
                $"{perA.Median:F1} / {perB.Median:F1} / {perB.Median / perA.Median:F1}x | {publish.Median:F1} | {Machine.LoadAverage()} |");
        }
        Console.WriteLine();
        Console.WriteLine("| participants | all screens median / p95 ms | every screen on A / on B, median ms / ratio | per screen on A / on B, median ms / ratio | click to publish on A, median ms | load average |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var row in rows) Console.WriteLine(row);
    }

    /// <summary>The round's screens on server A: all but those on B (the clicker's own screen is not among them).</summary>
    private static IEnumerable<double> OnA(BrowserBench.Round r)
    {
        var onB = r.PerScreenOnSecondMs.ToList();
        foreach (var ms in r.PerScreenMs)
            if (!onB.Remove(ms)) yield return ms;
    }
}
