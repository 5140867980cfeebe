using System.Diagnostics;

namespace RegisterBench;

/// <summary>One scenario's timings: its median and 95th percentile, and how many cases it matched.</summary>
public sealed record Measurement(string Part, string Scenario, int Matched, double MedianMs, double P95Ms, double MinMs, double MaxMs)
{
    public double RatioToTarget => MedianMs / Timing.TargetMs;
}

public static class Timing
{
    /// <summary>The issue's target for the first page with 20,000 cases.</summary>
    public const double TargetMs = 500;

    /// <summary>A median above this is looked into with SQLite's query plan.</summary>
    public const double InvestigateAboveMs = 150;

    /// <summary>Runs the action <paramref name="warmUp"/> times untimed, then <paramref name="iterations"/> times timed.</summary>
    public static async Task<(double Median, double P95, double Min, double Max)> MeasureAsync(Func<Task> action, int warmUp, int iterations)
    {
        for (var i = 0; i < warmUp; i++) await action();
        var samples = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var clock = Stopwatch.StartNew();
            await action();
            samples[i] = clock.Elapsed.TotalMilliseconds;
        }
        Array.Sort(samples);
        return (Percentile(samples, 0.50), Percentile(samples, 0.95), samples[0], samples[^1]);
    }

    /// <summary>Linear interpolation between the closest ranks of sorted samples.</summary>
    private static double Percentile(double[] sorted, double p)
    {
        var rank = p * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    public static void PrintTable(IReadOnlyList<Measurement> measurements, int iterations)
    {
        Console.WriteLine();
        Console.WriteLine($"Results ({iterations} timed iterations each after warm-up; target {TargetMs:0} ms for the first page)");
        Console.WriteLine();
        Console.WriteLine($"| {"part",-10} | {"scenario",-52} | {"matched",7} | {"median ms",9} | {"p95 ms",8} | {"min ms",8} | {"max ms",8} | {"median/500",10} |");
        Console.WriteLine($"|{new string('-', 12)}|{new string('-', 54)}|{new string('-', 9)}|{new string('-', 11)}|{new string('-', 10)}|{new string('-', 10)}|{new string('-', 10)}|{new string('-', 12)}|");
        foreach (var m in measurements)
            Console.WriteLine($"| {m.Part,-10} | {m.Scenario,-52} | {m.Matched,7:N0} | {m.MedianMs,9:F1} | {m.P95Ms,8:F1} | {m.MinMs,8:F1} | {m.MaxMs,8:F1} | {m.RatioToTarget,10:F3} |");
    }
}
