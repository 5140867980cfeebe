using System.Reflection;

namespace Helsefellesskap.App.Data.Seeding;

/// <summary>One line of innlandet.csv: a health region, its municipalities and its steering figures.</summary>
public sealed record RegionRow(string Region, IReadOnlyList<string> Municipalities, int CopdPatients,
    int InpatientStays, int OutpatientContacts);

public static class InnlandetCsv
{
    public static IReadOnlyList<RegionRow> Read()
    {
        using var stream = Assembly.GetExecutingAssembly()
            .GetManifestResourceStream("Helsefellesskap.App.Data.Seeding.innlandet.csv")
            ?? throw new InvalidOperationException("innlandet.csv is not embedded in the app.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    public static IReadOnlyList<RegionRow> Parse(string csv) => csv
        .Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
        .Where(line => !line.StartsWith('#') && !line.StartsWith("region,", StringComparison.Ordinal))
        .Select(line => line.Split(','))
        .Select(f => new RegionRow(f[0], f[1].Split(';', StringSplitOptions.TrimEntries), int.Parse(f[2]),
            int.Parse(f[3]), int.Parse(f[4])))
        .ToList();
}
