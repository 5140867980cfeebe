namespace Helsefellesskap.Tests.Infrastructure;

/// <summary>The tests mirror the code, so the specification of a rule or a page is found where its code is.</summary>
public sealed class TestLayoutSpecs
{
    private static readonly string Root = RepositoryRoot();
    private static readonly string Tests = Path.Combine(Root, "Helsefellesskap.Tests");

    [Fact]
    public void Every_domain_spec_sits_in_the_folder_of_the_domain_code_it_specifies()
    {
        var misplaced = SourceFiles(Path.Combine(Tests, "Domain"))
            .Select(f => Path.GetRelativePath(Path.Combine(Tests, "Domain"), f))
            .Where(f => f != "TestPartnership.cs")
            .Where(f => Path.GetDirectoryName(f) is not { Length: > 0 } folder
                        || !Directory.Exists(Path.Combine(Root, "Helsefellesskap.Domain", folder)))
            .ToList();
        Assert.True(misplaced.Count == 0, "Ligger ikke i en mappe som finnes i Helsefellesskap.Domain: " + string.Join(", ", misplaced));
    }

    [Fact]
    public void Every_other_test_folder_is_a_feature_or_a_folder_of_the_app_except_browser_and_infrastructure()
    {
        var app = Path.Combine(Root, "Helsefellesskap.App");
        var strays = Directory.GetDirectories(Tests)
            .Select(Path.GetFileName)
            .Where(d => d is not ("bin" or "obj" or "node_modules" or "Browser" or "Infrastructure" or "Domain"))
            .Where(d => !Directory.Exists(Path.Combine(app, "Features", d!)) && !Directory.Exists(Path.Combine(app, d!)))
            .ToList();
        Assert.True(strays.Count == 0, "Testmapper uten tilsvarende mappe i appen: " + string.Join(", ", strays));
    }

    [Fact]
    public void Every_test_file_s_namespace_follows_its_folder()
    {
        var wrong = SourceFiles(Tests)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Where(f =>
            {
                var folder = Path.GetDirectoryName(Path.GetRelativePath(Tests, f))!;
                var expected = "namespace Helsefellesskap.Tests" + (folder.Length == 0 ? "" : "." + folder.Replace(Path.DirectorySeparatorChar, '.')) + ";";
                return !File.ReadLines(f).Any(l => l == expected);
            })
            .Select(f => Path.GetRelativePath(Tests, f))
            .ToList();
        Assert.True(wrong.Count == 0, "Navnerommet følger ikke mappen: " + string.Join(", ", wrong));
    }

    private static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}node_modules{Path.DirectorySeparatorChar}"));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Helsefellesskap.sln"))) return dir.FullName;
        throw new InvalidOperationException("Fant ikke Helsefellesskap.sln over testkatalogen.");
    }
}
