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
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
