using System.Text.RegularExpressions;

namespace Helsefellesskap.Tests.Access;

/// <summary>
/// "May I?" has one answer, <c>Actor.MayX</c>/<c>MustX</c> in Helsefellesskap.Domain/Access: a page or an app service that
/// reads a role itself (is this the secretariat, a chair, an administrator?) would answer on its own and, sooner or later,
/// differently. This reads the app's pages and services and names every line that does.
/// </summary>
public sealed partial class PermissionLogicSpecs
{
    /// <summary>What permission logic looks like when written outside Actor.</summary>
    private static readonly Regex[] Patterns =
    [
        IsSecretariat(), SeatRules(), RoleComparison(), Administrator(), RoleInSeats(),
    ];

    /// <summary>
    /// Lines that read a role for something other than a permission, each with why. A new line here needs the same
    /// kind of reason; a permission belongs in Actor.
    /// </summary>
    private static readonly (string File, string Line, string Why)[] NotPermissions =
    [
        ("Features/Bodies/SeatTable.razor", "seat.Role is SeatRole.Observer ? \"Fra\"", "wording: an observer is from an organisation"),
        ("Features/Administration/AddSeatForm.razor", "Form.Role", "which fields the seat being added needs"),
        ("Features/Administration/AddSeatForm.razor", "PartyIsRequired", "which fields the seat being added needs (the body checks the seat)"),
        ("Features/Administration/UserPage.razor", "f.Role", "the seat form's fields passed to the command"),
        ("Features/Administration/UserHeading.razor", "User.IsAdministrator ? \"Administrator:", "describes the user being managed"),
        ("Features/Administration/UserTable.razor", "context.IsAdministrator", "a badge on the user being listed"),
        ("Features/Administration/UserAdministration.cs", "IsAdministrator", "the managed user's flag, as data and as the argument of Actor.MustX"),
        ("Features/Overview/MyRoles.razor", "User.IsAdministrator ? \"administrator\"", "tells the user who they are signed in as"),
        ("Features/Audit/AuditRecordView.cs", "\"IsAdministrator\" =>", "the audit log's label for the column"),
        ("Features/Cases/CaseQueries.cs", "s.Role == SeatRole.Secretariat", "lists the secretariat's people as case officers to choose from"),
        ("Features/Meetings/MeetingQueries.cs", "s.Role == SeatRole.Substitute", "lists the body's substitutes who can be called in"),
        ("Features/Meetings/MeetingWork.cs", "s.Role == SeatRole.Substitute", "finds the substitute's seat the meeting calls in"),
        ("Features/MyWork/WorkItems.cs", "SeatRole.", "who is reminded of work waiting for them, not whether the signed-in user may act"),
    ];

    [Fact]
    public void No_page_or_app_service_decides_a_permission_outside_Actor()
    {
        var app = Path.Combine(RepositoryRoot(), "Helsefellesskap.App");
        var files = Directory.EnumerateFiles(app, "*.razor", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(app, "Features"), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") &&
                !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Distinct();
        var found = new List<string>();
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(app, file).Replace('\\', '/');
            if (relative == "Features/Access/Actors.cs") continue; // builds the Actor from the database
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                if (line.TrimStart().StartsWith("//") || line.TrimStart().StartsWith("///")) continue;
                if (!Patterns.Any(p => p.IsMatch(line))) continue;
                if (NotPermissions.Any(n => n.File == relative && line.Contains(n.Line))) continue;
                found.Add($"Helsefellesskap.App/{relative}:{i + 1}: {line.Trim()}");
            }
        }
        Assert.True(found.Count == 0,
            "Permission logic outside Actor (ask actor.MayX in a page, call actor.MustX in a command):\n" + string.Join("\n", found));
    }

    [Fact]
    public void The_check_finds_permission_logic_where_it_is_written()
    {
        Assert.Contains(Patterns, p => p.IsMatch("@if (user?.IsSecretariat(Today) == true)"));
        Assert.Contains(Patterns, p => p.IsMatch("var leads = seats.Any(s => s.Role is SeatRole.Chair or SeatRole.DeputyChair);"));
        Assert.Contains(Patterns, p => p.IsMatch("if ((await CurrentUser.GetAsync())?.IsAdministrator == true)"));
        Assert.Contains(Patterns, p => p.IsMatch("mayApprove = rights.IsChair || actor.ChairsOrDeputises(bodyId, day);"));
        Assert.DoesNotContain(Patterns, p => p.IsMatch("@if (user?.MayCreateDraft(Today) == true)"));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Helsefellesskap.sln"))) return dir.FullName;
        throw new InvalidOperationException("Fant ikke Helsefellesskap.sln over testkatalogen.");
    }

    [GeneratedRegex(@"\bIsSecretariat\b")]
    private static partial Regex IsSecretariat();

    [GeneratedRegex(@"\b(ChairsOrDeputises|HoldsPositionFor|MayHoldPosition|MayLeaveRemark|WritingRolesOn|RecordsRatificationFor|IsChair|RunsMeeting)\b")]
    private static partial Regex SeatRules();

    [GeneratedRegex(@"Role\s*(==|!=)\s*SeatRole\.|Role\s+is\s+(not\s+)?\(?SeatRole\.|SeatRole\.\w+\s*(==|!=)")]
    private static partial Regex RoleComparison();

    [GeneratedRegex(@"\bIsAdministrator\b")]
    private static partial Regex Administrator();

    [GeneratedRegex(@"Seats(On\([^)]*\))?\.Any\([^)]*\bRole\b")]
    private static partial Regex RoleInSeats();
}
