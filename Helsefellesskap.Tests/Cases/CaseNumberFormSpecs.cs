using System.Text.RegularExpressions;

namespace Helsefellesskap.Tests.Cases;

/// <summary>
/// A case number is shown in one form, made by one domain function (CaseNumber.Display / In). No page, export or
/// service formats one by hand, and none shows a number without its body.
/// </summary>
public sealed partial class CaseNumberFormSpecs
{
    [Fact]
    public void No_page_or_service_formats_a_case_number_by_hand_or_without_its_body()
    {
        var app = Path.Combine(RepositoryRoot(), "Helsefellesskap.App");
        var offenders = Directory.EnumerateFiles(app, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs") || f.EndsWith(".razor"))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") &&
                        !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") &&
                        !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}"))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(app, f), Line: i + 1, Text: line)))
            .Where(l => HandMade().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0, "Case numbers formatted by hand or without their body:\n" + string.Join("\n", offenders));
    }

    // "SAK {0:000}-{1}" and its cousins, or a CaseNumber turned into text without its body.
    [GeneratedRegex(@"SAK \{|SAK @|:000\}-|Number\?\.ToString\(\)|Number!\.Value\.ToString\(\)|new CaseNumber\([^)]*\)\.ToString\(\)|\{@?(@case|decision|x\.Case)\.Number\}")]
    private static partial Regex HandMade();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Helsefellesskap.sln"))) return dir.FullName;
        throw new InvalidOperationException("Fant ikke Helsefellesskap.sln over testkatalogen.");
    }
}
