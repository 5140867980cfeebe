namespace MeetingLiveBench;

/// <summary>Median, 95th percentile, min and max of a set of samples (milliseconds).</summary>
public sealed record Summary(int Count, double Median, double P95, double Min, double Max)
{
    public static Summary Of(IEnumerable<double> samples)
    {
        var sorted = samples.Order().ToArray();
        if (sorted.Length == 0) return new Summary(0, double.NaN, double.NaN, double.NaN, double.NaN);
        return new Summary(sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.95), sorted[0], sorted[^1]);
    }

    /// <summary>Linear interpolation between the closest ranks of sorted samples (as RegisterBench).</summary>
    private static double Percentile(double[] sorted, double p)
    {
        var rank = p * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    public string Format(string unit = "ms", string number = "F1") =>
        $"median {Median.ToString(number)} {unit}, p95 {P95.ToString(number)} {unit} (min {Min.ToString(number)}, max {Max.ToString(number)}, n = {Count})";
}

public static class Machine
{
    private const double MsPerTick = 10; // USER_HZ: /proc's clock ticks are 1/100 s on Linux

    /// <summary>CPU time (user + system) of this process, milliseconds: the app's server and the bench's own client.</summary>
    public static double ServerCpuMs() => System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;

    /// <summary>
    /// CPU time (user + system, milliseconds, at /proc's resolution of 10 ms) of every Chromium process on the machine:
    /// the browser, its renderers (one per page) and its GPU and network processes. Summed over many clicks, it says
    /// what the screens cost the browser per click.
    /// </summary>
    public static double BrowserCpuMs()
    {
        double ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!char.IsAsciiDigit(Path.GetFileName(dir)[0])) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var close = stat.LastIndexOf(')');
                if (!stat.AsSpan(stat.IndexOf('(') + 1, close - stat.IndexOf('(') - 1).StartsWith("chrom")) continue;
                var fields = stat[(close + 2)..].Split(' ');
                ticks += double.Parse(fields[11]) + double.Parse(fields[12]); // utime, stime (fields 14 and 15 of stat)
            }
            catch (IOException) { } // the process ended meanwhile
        }
        return ticks * MsPerTick;
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
