using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using Helsefellesskap.App.Features.Meetings;
using Helsefellesskap.App.Features.Meetings.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MeetingLiveBench;

/// <summary>
/// The live meeting against a bare Blazor Server page (bench/BareLive) that fans out the same way, both in this
/// process, measured in the same run with the same browser and interleaved click by click: the time from one
/// participant's click to every other participant's screen, the managed heap per meeting-room circuit, and the
/// notifier's fan-out to many stores in process. Usage:
///   dotnet run -c Release --project bench/MeetingLiveBench [-- options]
///   --sizes 10,25        participants in the browser part, the clicker included
///   --warmup N           untimed clicks per size and site (5)   --rounds N   timed clicks per size and site (20)
///   --long-warmup N      at the last size, N more untimed clicks per site, then the rounds again (60; 0: not done)
///   --rooms N            rooms opened per memory measurement (30)   --memory-repeats N   measurements per site (2)
///   --fanout 100,500     subscribers in the in-process part   --fanout-rounds N  timed publishes per count (300)
///   --no-browser         only the in-process part             --no-latency       memory only, no clicks
///   --gcdump DIR         heap dumps (dotnet-gcdump on the PATH) with the first measurement's rooms open and closed
///   --trace N            after the timed clicks, N more clicks per site (alone) with a Chromium trace: the renderers' work per click
///   --two-servers CONN   instead: two app servers on one new database on this PostgreSQL server (CONN without a
///                        database; the role needs CREATEDB), the clicker on the first, the watchers on both in turn
/// </summary>
public static class Bench
{
    public static async Task Main(string[] args)
    {
        var options = Options.Parse(args);
        var started = System.Diagnostics.Stopwatch.StartNew();
        Console.WriteLine($"MeetingLiveBench {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}");
        Console.WriteLine($"  {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, " +
            $"server GC {System.Runtime.GCSettings.IsServerGC}, load average {Machine.LoadAverage()}");
        var optimized = typeof(MeetingWork).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled != true;
        Console.WriteLine($"  app assembly {(optimized ? "optimized (Release)" : "NOT optimized: a Debug build; use -c Release")}");

        if (options.TwoServers is { } server)
        {
            await TwoServers.RunAsync(server, options);
            Console.WriteLine($"\nLoad average at the end: {Machine.LoadAverage()}; the whole run took {started.Elapsed.TotalMinutes:F1} min");
            return;
        }

        await using var app = new LiveApp();
        await using var bare = new BareApp();
        var clock = Stopwatch.StartNew();
        app.Start();
        var meetingId = await app.NoticedMeetingAsync();
        Console.WriteLine($"\nApp on {app.BaseUrl} (Production), demo data seeded ({clock.Elapsed.TotalSeconds:F1} s); meeting /moter/{meetingId}");
        bare.Start();
        Console.WriteLine($"Bare page on {bare.BaseUrl} (Production)");

        if (options.Browser) await RunBrowsersAsync(new AppTarget(app, meetingId), bare, options);

        // A real snapshot of the meeting as the screens got it (the item open and the board filled in, after the browser part).
        MeetingSnapshot snapshot;
        using (var scope = app.Services.CreateScope())
            snapshot = await scope.ServiceProvider.GetRequiredService<MeetingWork>().SnapshotAsync(meetingId)
                ?? throw new InvalidOperationException("The meeting has no snapshot.");
        if (options.FanOut.Length > 0)
        {
            Console.WriteLine($"\nIn process: MeetingNotifier.PublishAsync to N stores (warm-up {options.FanOutWarmUp}, {options.FanOutRounds} publishes; " +
                $"snapshot with {snapshot.Agenda.Count} agenda lines, {snapshot.Current?.Board.Count ?? 0} board rows, {snapshot.Attendance.Count} attendance lines)");
            var fanOut = new List<FanOutBench.Result>();
            foreach (var delivery in Enum.GetValues<FanOutBench.Delivery>())
                foreach (var n in options.FanOut)
                {
                    var result = await FanOutBench.RunAsync(snapshot, n, delivery, options.FanOutWarmUp, options.FanOutRounds);
                    fanOut.Add(result);
                    Console.WriteLine($"  {n,4} stores, {delivery,-10}: {result.Ms.Format("ms", "F3")}");
                }

            Console.WriteLine();
            Console.WriteLine("| subscribers | delivery   | median ms | p95 ms | max ms |");
            Console.WriteLine("|------------:|------------|----------:|-------:|-------:|");
            foreach (var r in fanOut)
                Console.WriteLine($"| {r.Subscribers,11} | {r.Delivery,-10} | {r.Ms.Median,9:F3} | {r.Ms.P95,6:F3} | {r.Ms.Max,6:F3} |");
        }
        Console.WriteLine($"\nLoad average at the end: {Machine.LoadAverage()}; the whole run took {started.Elapsed.TotalMinutes:F1} min");
    }

    private sealed record Row(string Figure, Summary AppAll, Summary BareAll, Summary AppPerScreen, Summary BarePerScreen,
        Summary AppServer, Summary BareServer, string Load, Cpu AppCpu = default, Cpu BareCpu = default);

    /// <summary>Mean CPU per click, milliseconds: this process (server and bench client) and every Chromium process.</summary>
    private readonly record struct Cpu(double Server, double Browser)
    {
        public static Cpu Of(IReadOnlyList<BrowserBench.Round> rounds) =>
            new(rounds.Average(r => r.ServerCpuMs), rounds.Average(r => r.BrowserCpuMs));
    }

    private static async Task RunBrowsersAsync(AppTarget appTarget, BareApp bareTarget, Options options)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserBench.LaunchAsync(playwright);
        await using var app = new BrowserBench(appTarget, browser);
        await using var bare = new BrowserBench(bareTarget, browser);
        var clock = Stopwatch.StartNew();
        await app.OpenMeetingAndItemAsync();
        await bare.OpenMeetingAndItemAsync();
        Console.WriteLine($"  the chair opened the meeting and \"{BrowserBench.ItemTitle}\"; {BrowserBench.Clicker} joined both sites ({clock.Elapsed.TotalSeconds:F1} s)");

        if (options.Rooms > 0 && options.MemoryRepeats > 0)
        {
            Console.WriteLine($"\nManaged heap per circuit: {options.Rooms} rooms opened by {BrowserBench.Clicker} in one context, full GC, rooms left, full GC; load average {Machine.LoadAverage()}");
            // One untimed round each first, so that what a first circuit leaves behind for good (JIT, caches) is not counted.
            foreach (var screens in new[] { app, bare }) await MemoryBench.RunAsync(screens, 3);
            var memory = new List<MemoryBench.Result>();
            for (var i = 0; i < options.MemoryRepeats; i++)
                foreach (var screens in new[] { app, bare })
                {
                    var m = await MemoryBench.RunAsync(screens, options.Rooms, i == 0 ? options.GcDump : null);
                    memory.Add(m);
                    Console.WriteLine($"  {m.Site,-4}: {m.PerCircuitKiB,6:F0} KiB per circuit ({m.WithClientKiB:F0} KiB with the browser client's objects)" +
                        (m.AllClosed ? "" : " (NOT every circuit closed: the figure is low)"));
                }
            string Range(string site) => memory.Where(m => m.Site == site).Select(m => m.PerCircuitKiB) is var v ? $"{v.Min():F0}-{v.Max():F0}" : "";
            double Median(string site) => Summary.Of(memory.Where(m => m.Site == site).Select(m => m.PerCircuitKiB)).Median;
            Console.WriteLine($"  managed heap per meeting-room circuit: bare {Range("bare")} KiB, app {Range("app")} KiB, ratio of medians {Median("app") / Median("bare"):F1}x; load average {Machine.LoadAverage()}");
        }
        if (!options.Latency) return;

        var rows = new List<Row>();
        async Task<Row> MeasureAsync(string figure, int participants, int warmUp)
        {
            // Warm-up and timed clicks alternate between the sites, so both see the same machine at the same time.
            for (var i = 0; i < warmUp; i++) { await app.ClickOnceAsync(); await bare.ClickOnceAsync(); }
            var appRounds = new List<BrowserBench.Round>();
            var bareRounds = new List<BrowserBench.Round>();
            for (var i = 0; i < options.Rounds; i++)
            {
                appRounds.Add(await app.ClickOnceAsync());
                bareRounds.Add(await bare.ClickOnceAsync());
                Console.WriteLine($"  round {i + 1,2}: all screens app {appRounds[^1].AllScreensMs,7:F1} ms, bare {bareRounds[^1].AllScreensMs,7:F1} ms");
            }
            var row = new Row(figure,
                Summary.Of(appRounds.Select(r => r.AllScreensMs)), Summary.Of(bareRounds.Select(r => r.AllScreensMs)),
                Summary.Of(appRounds.SelectMany(r => r.PerScreenMs)), Summary.Of(bareRounds.SelectMany(r => r.PerScreenMs)),
                Summary.Of(appRounds.Select(r => r.ServerMs)), Summary.Of(bareRounds.Select(r => r.ServerMs)), Machine.LoadAverage(),
                Cpu.Of(appRounds), Cpu.Of(bareRounds));
            Console.WriteLine($"  {figure}");
            Console.WriteLine($"    all screens  app {row.AppAll.Format()}\n                 bare {row.BareAll.Format()}");
            Console.WriteLine($"    per screen   app {row.AppPerScreen.Format()}\n                 bare {row.BarePerScreen.Format()}");
            Console.WriteLine($"    click to publish: app {row.AppServer.Format()}; bare {row.BareServer.Format()}; load average {row.Load}");
            Console.WriteLine($"    CPU per click, mean: server process app {row.AppCpu.Server:F1} ms, bare {row.BareCpu.Server:F1} ms; " +
                $"Chromium app {row.AppCpu.Browser:F1} ms, bare {row.BareCpu.Browser:F1} ms");
            foreach (var (site, rounds) in new[] { ("app", appRounds), ("bare", bareRounds) })
                if (rounds.All(r => r.PageMetrics is not null))
                    Console.WriteLine($"    one watcher's page per click, mean ({site}): " + string.Join(", ", BrowserBench.MetricNames
                        .Select(n => $"{n} {rounds.Average(r => r.PageMetrics![n]):F2}{(n.EndsWith("Duration") ? " ms" : "")}")));
            return row;
        }

        foreach (var participants in options.Sizes)
        {
            clock.Restart();
            await app.GrowToAsync(participants - 1);
            await bare.GrowToAsync(participants - 1);
            Console.WriteLine($"\n{participants} participants on each site: {app.WatcherCount} watchers live ({clock.Elapsed.TotalSeconds:F1} s), load average {Machine.LoadAverage()}");
            rows.Add(await MeasureAsync($"{participants} participants ({participants - 1} other screens), {options.WarmUp} warm-up clicks", participants, options.WarmUp));
        }
        if (options.LongWarmUp > 0 && options.Sizes.Length > 0)
        {
            var participants = options.Sizes[^1];
            Console.WriteLine($"\n{participants} participants, after {options.LongWarmUp} more warm-up clicks per site:");
            rows.Add(await MeasureAsync($"{participants} participants after {options.LongWarmUp} more warm-up clicks", participants, options.LongWarmUp));
        }

        if (options.TraceClicks > 0)
        {
            var traces = new List<(string Site, (string Name, double MsPerClick)[] Events)>();
            foreach (var (site, screens) in new[] { ("app", app), ("bare", bare) })
                traces.Add((site, await screens.TraceClicksAsync(options.TraceClicks)));
            Console.WriteLine($"\nChromium's renderers (every page's main thread), {options.TraceClicks} clicks traced per site alone; self time per click, ms:");
            var names = traces.SelectMany(t => t.Events.Take(15).Select(e => e.Name)).Distinct().ToList();
            Console.WriteLine("| trace event | app | bare |\n| --- | ---: | ---: |");
            double Of(string site, string name) => traces.Single(t => t.Site == site).Events.FirstOrDefault(e => e.Name == name).MsPerClick;
            foreach (var name in names.OrderByDescending(n => Of("app", n)))
                Console.WriteLine($"| {name} | {Of("app", name):F2} | {Of("bare", name):F2} |");
            Console.WriteLine($"| all events | {traces[0].Events.Sum(e => e.MsPerClick):F2} | {traces[1].Events.Sum(e => e.MsPerClick):F2} |");
        }

        foreach (var (site, screens) in new[] { ("app", app), ("bare", bare) })
        {
            var mutations = await screens.MutationsOfOneClickAsync();
            Console.WriteLine($"\nWhat one click changes on one watcher's screen ({site}): {mutations.Length} mutation records");
            foreach (var m in mutations) Console.WriteLine($"  {m}");
        }

        Console.WriteLine();
        Console.WriteLine("| figure | all screens median ms: bare / app / ratio | all screens p95 ms: bare / app | per screen median ms: bare / app / ratio | click to publish median ms: bare / app | CPU per click, mean ms, server: bare / app | CPU per click, mean ms, Chromium: bare / app | load average |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var r in rows)
            Console.WriteLine($"| {r.Figure} | {r.BareAll.Median:F1} / {r.AppAll.Median:F1} / {r.AppAll.Median / r.BareAll.Median:F1}x | {r.BareAll.P95:F1} / {r.AppAll.P95:F1} | " +
                $"{r.BarePerScreen.Median:F1} / {r.AppPerScreen.Median:F1} / {r.AppPerScreen.Median / r.BarePerScreen.Median:F1}x | {r.BareServer.Median:F1} / {r.AppServer.Median:F1} | " +
                $"{r.BareCpu.Server:F1} / {r.AppCpu.Server:F1} | {r.BareCpu.Browser:F1} / {r.AppCpu.Browser:F1} | {r.Load} |");
    }
}

internal sealed record Options(int[] Sizes, int WarmUp, int Rounds, int LongWarmUp, int Rooms, int MemoryRepeats, int[] FanOut, int FanOutWarmUp, int FanOutRounds, bool Browser, bool Latency, string? GcDump = null, string? TwoServers = null, int TraceClicks = 0)
{
    public static Options Parse(string[] args)
    {
        var options = new Options([10, 25], 5, 20, 60, 30, 2, [100, 500], 30, 300, true, true);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            int Number() => int.TryParse(Next(), out var n) && n >= 0 ? n : throw new ArgumentException($"{name} needs a number.");
            int[] Numbers() => Next().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
            options = name switch
            {
                "--sizes" => options with { Sizes = Numbers() },
                "--warmup" => options with { WarmUp = Number() },
                "--rounds" => options with { Rounds = Number() },
                "--long-warmup" => options with { LongWarmUp = Number() },
                "--rooms" => options with { Rooms = Number() },
                "--memory-repeats" => options with { MemoryRepeats = Number() },
                "--fanout" => options with { FanOut = Numbers() },
                "--no-latency" => options with { Latency = false },
                "--gcdump" => options with { GcDump = Next() },
                "--fanout-rounds" => options with { FanOutRounds = Number() },
                "--no-browser" => options with { Browser = false },
                "--two-servers" => options with { TwoServers = Next() },
                "--trace" => options with { TraceClicks = Number() },
                _ => throw new ArgumentException($"Unknown option {name}; see bench/README.md."),
            };
        }
        if (options.Sizes.Any(s => s < 2)) throw new ArgumentException("--sizes counts the clicker: at least 2.");
        return options;
    }
}
