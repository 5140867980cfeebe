using System.Text.RegularExpressions;

namespace Helsefellesskap.Tests.Shared;

/// <summary>
/// One table per concept: colours in Shared/Tones.cs, words in the domain's Labels, the partnership's name from the
/// database or configuration. Each test names every file and line where a table was copied again.
/// </summary>
public sealed class OneTableSpecs
{
    private static readonly string Root = RepositoryRoot();

    private static IEnumerable<(string File, int Line, string Text)> AppLines(params string[] except) =>
        new[] { "Helsefellesskap.App", "Helsefellesskap.Domain" }
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(Root, project), "*.*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".cs") || f.EndsWith(".razor"))
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/obj/") && !f.Contains("/bin/") && !f.Contains("/Migrations/"))
            .Where(f => !except.Any(f.Contains))
            .SelectMany(f => File.ReadLines(Path.Combine(Root, f)).Select((text, i) => (f, i + 1, text)));

    private static void AssertNone(IEnumerable<(string File, int Line, string Text)> hits, string rule)
    {
        var found = hits.Select(h => $"{h.File}:{h.Line}: {h.Text.Trim()}").ToList();
        Assert.True(found.Count == 0, $"{rule}\n{string.Join('\n', found)}");
    }

    [Fact]
    public void A_colour_for_an_outcome_or_status_is_decided_only_in_Tones()
    {
        var toneArm = new Regex(@"=>\s*(""(status-|party-)?(good|pending|bad|neutral|agrees|disagrees|missing)""|(Color|Severity)\.(Success|Error|Warning|Info)\b)");
        var hexTone = new Regex(@"""#(1b6e20|8a5300|b00020|5f6368)""", RegexOptions.IgnoreCase);
        AssertNone(AppLines("Helsefellesskap.App/Shared/Tones.cs").Where(l => toneArm.IsMatch(l.Text) || hexTone.IsMatch(l.Text)),
            "Fargen til et utfall eller en status bestemmes bare i Shared/Tones.cs; bruk Tones.Of(...).Css() eller .Colour():");
    }

    [Fact]
    public void The_words_for_an_outcome_status_or_position_are_written_only_in_Labels()
    {
        var labelArm = new Regex(@"^\s*(Outcome|CaseStatus|RatificationStatus|FollowUpStatus|PositionKind|MeetingStatus)\.\w+(\s+or\s+\w+\.\w+)*\s*=>\s*\$?""");
        AssertNone(AppLines("Helsefellesskap.Domain/").Where(l => labelArm.IsMatch(l.Text)),
            "Ordene for utfall, status og standpunkt står bare i Helsefellesskap.Domain/Labels.cs; bruk .Label():");
    }

    [Fact]
    public void The_partnership_s_name_is_typed_only_in_seeding_and_configuration()
    {
        AssertNone(AppLines("/Data/Seeding/").Where(l => l.Text.Contains("Helsefellesskap Innlandet")),
            "Helsefellesskapets navn kommer fra PartnershipName (databasen, ellers Partnership:Name i konfigurasjonen):");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Helsefellesskap.sln"))) return dir.FullName;
        throw new InvalidOperationException("Fant ikke Helsefellesskap.sln over testkatalogen.");
    }
}
