using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using Helsefellesskap.App.Features.Meetings;
using Helsefellesskap.App.Features.Meetings.Live;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingLiveBench;

/// <summary>
/// The live meeting: time from one participant's click to every other participant's screen (real browsers on the
/// real app), and the notifier's fan-out to many stores in process. Usage:
///   dotnet run -c Release --project bench/MeetingLiveBench [-- options]
///   --sizes 10,25        participants in the browser part, the clicker included
///   --warmup N           untimed clicks per size (5)          --rounds N         timed clicks per size (30)
///   --fanout 100,500     subscribers in the in-process part   --fanout-rounds N  timed publishes per count (300)
///   --no-browser         only the in-process part
/// </summary>
public static class Bench
{
    public static async Task Main(string[] args)
    {
        var options = Options.Parse(args);
        Console.WriteLine($"MeetingLiveBench {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}");
        Console.WriteLine($"  {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, " +
            $"server GC {System.Runtime.GCSettings.IsServerGC}, load average {Machine.LoadAverage()}");
        var optimized = typeof(MeetingWork).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled != true;
        Console.WriteLine($"  app assembly {(optimized ? "optimized (Release)" : "NOT optimized: a Debug build; use -c Release")}");

        await using var app = new LiveApp();
        var clock = Stopwatch.StartNew();
        app.Start();
        var meetingId = await app.NoticedMeetingAsync();
        Console.WriteLine($"\nApp on {app.BaseUrl} (Production), demo data seeded ({clock.Elapsed.TotalSeconds:F1} s); meeting /moter/{meetingId}");

        if (options.Browser) await RunBrowsersAsync(app, meetingId, options);

        // A real snapshot of the meeting as the screens got it (the item open and the board filled in, after the browser part).
        MeetingSnapshot snapshot;
        using (var scope = app.Services.CreateScope())
            snapshot = await scope.ServiceProvider.GetRequiredService<MeetingWork>().SnapshotAsync(meetingId)
                ?? throw new InvalidOperationException("The meeting has no snapshot.");
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
        Console.WriteLine($"\nLoad average at the end: {Machine.LoadAverage()}");
    }

    private static async Task RunBrowsersAsync(LiveApp app, Guid meetingId, Options options)
    {
        var rows = new List<(int Participants, Summary All, Summary PerScreen, Summary AllFrames, int FramesMissing, Summary Server, string Load)>();
        await using var browsers = new BrowserBench(app, meetingId);
        await browsers.StartAsync();
        var clock = Stopwatch.StartNew();
        await browsers.OpenMeetingAndItemAsync();
        Console.WriteLine($"  the chair opened the meeting and \"{BrowserBench.ItemTitle}\"; {BrowserBench.Clicker} joined ({clock.Elapsed.TotalSeconds:F1} s)");

        foreach (var participants in options.Sizes)
        {
            clock.Restart();
            await browsers.GrowToAsync(participants - 1);
            Console.WriteLine($"\n{participants} participants: {browsers.WatcherCount} watchers signed in and live ({clock.Elapsed.TotalSeconds:F1} s), " +
                $"load average {Machine.LoadAverage()}");
            for (var i = 0; i < options.WarmUp; i++) await browsers.ClickOnceAsync();
            var measured = new List<BrowserBench.Round>();
            for (var i = 0; i < options.Rounds; i++)
            {
                var round = await browsers.ClickOnceAsync();
                measured.Add(round);
                Console.WriteLine($"  round {i + 1,2}: all screens {round.AllScreensMs,7:F1} ms (fastest screen {round.PerScreenMs.Min(),6:F1} ms)");
            }
            var all = Summary.Of(measured.Select(r => r.AllScreensMs));
            var perScreen = Summary.Of(measured.SelectMany(r => r.PerScreenMs));
            var frames = Summary.Of(measured.Where(r => !double.IsNaN(r.AllFramesMs)).Select(r => r.AllFramesMs));
            var server = Summary.Of(measured.Select(r => r.ServerMs));
            var load = Machine.LoadAverage();
            rows.Add((participants, all, perScreen, frames, measured.Sum(r => r.FramesMissing), server, load));
            Console.WriteLine($"  all screens: {all.Format()}");
            Console.WriteLine($"  per screen:  {perScreen.Format()}");
            Console.WriteLine($"  all screens, next frame: {frames.Format()}");
            Console.WriteLine($"  click to server's PublishAsync: {server.Format()}; load average {load}");
        }

        Console.WriteLine();
        Console.WriteLine("| participants | all screens median ms | all screens p95 ms | max ms | per screen median ms | per screen p95 ms | next frame, all screens median / p95 ms | click to PublishAsync median / p95 ms | load average |");
        Console.WriteLine("|-------------:|----------------------:|-------------------:|-------:|---------------------:|------------------:|----------------------------------------:|--------------------------------------:|--------------|");
        foreach (var r in rows)
            Console.WriteLine($"| {r.Participants,12} | {r.All.Median,21:F1} | {r.All.P95,18:F1} | {r.All.Max,6:F1} | {r.PerScreen.Median,20:F1} | {r.PerScreen.P95,17:F1} | " +
                $"{$"{r.AllFrames.Median:F1} / {r.AllFrames.P95:F1}",39} | {$"{r.Server.Median:F1} / {r.Server.P95:F1}",37} | {r.Load} |");
        if (rows.Sum(r => r.FramesMissing) is var missing and > 0)
            Console.WriteLine($"({missing} screens had no animation frame within 250 ms of the change; left out of the next-frame figures.)");
    }
}

internal sealed record Options(int[] Sizes, int WarmUp, int Rounds, int[] FanOut, int FanOutWarmUp, int FanOutRounds, bool Browser)
{
    public static Options Parse(string[] args)
    {
        var options = new Options([10, 25], 5, 30, [100, 500], 30, 300, true);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            int Number() => int.TryParse(Next(), out var n) && n >= 0 ? n : throw new ArgumentException($"{name} needs a number.");
            int[] Numbers() => Next().Split(',').Select(int.Parse).ToArray();
            options = name switch
            {
                "--sizes" => options with { Sizes = Numbers() },
                "--warmup" => options with { WarmUp = Number() },
                "--rounds" => options with { Rounds = Number() },
                "--fanout" => options with { FanOut = Numbers() },
                "--fanout-rounds" => options with { FanOutRounds = Number() },
                "--no-browser" => options with { Browser = false },
                _ => throw new ArgumentException($"Unknown option {name}; see bench/README.md."),
            };
        }
        if (options.Sizes.Any(s => s < 2)) throw new ArgumentException("--sizes counts the clicker: at least 2.");
        return options;
    }
}
