using Helsefellesskap.App.Features.Cases;
using Helsefellesskap.Domain.Cases;
using Microsoft.Extensions.DependencyInjection;

namespace RegisterBench;

/// <summary>
/// The register's queries on the generated database, as the page <c>/saker</c> calls them: the filter choices and
/// one page of cases for the filter in the query string.
/// </summary>
public sealed class QueryBench(BenchDatabase database, int warmUp, int iterations, bool explainAll) : IDisposable
{
    private readonly IServiceScope scope = database.Services.CreateScope();

    public sealed record Scenario(string Name, CaseFilter Filter, bool WithChoices = false);

    public async Task<IReadOnlyList<Scenario>> ScenariosAsync()
    {
        var register = Register();
        var (bodies, _) = await register.FilterChoicesAsync();
        var ssu = bodies.Single(b => b.ShortName == "SSU").Id;
        var total = (await register.SearchAsync(new CaseFilter())).Total;
        var lastPage = (total - 1) / new CaseFilter().PageSize;
        return
        [
            new("first page: FilterChoicesAsync + SearchAsync()", new CaseFilter(), WithChoices: true),
            new("SearchAsync() alone, first page", new CaseFilter()),
            new("status = Binding", new CaseFilter(Status: CaseStatus.Binding)),
            new("tag = FrailElderly", new CaseFilter(Tag: CaseTag.FrailElderly)),
            new("principled", new CaseFilter(Principled: true)),
            new($"text \"{CaseTexts.CommonWord}\" (common)", new CaseFilter(Text: CaseTexts.CommonWord)),
            new($"text \"{CaseTexts.RareWord}\" (rare)", new CaseFilter(Text: CaseTexts.RareWord)),
            new("sort by title, ascending", new CaseFilter(Sort: CaseSort.Title, Descending: false)),
            new($"last page (page index {lastPage})", new CaseFilter(Page: lastPage)),
            new("SSU + 2024 + Binding + FrailElderly + \"pasient\"",
                new CaseFilter(BodyId: ssu, Year: 2024, Status: CaseStatus.Binding, Tag: CaseTag.FrailElderly, Text: CaseTexts.CommonWord)),
        ];
    }

    public async Task<IReadOnlyList<Measurement>> RunAsync(IReadOnlyList<Scenario> scenarios)
    {
        var results = new List<Measurement>();
        foreach (var scenario in scenarios)
        {
            var register = Register();
            var matched = 0;
            var (median, p95, min, max) = await Timing.MeasureAsync(async () =>
            {
                if (scenario.WithChoices) await register.FilterChoicesAsync();
                matched = (await register.SearchAsync(scenario.Filter)).Total;
            }, warmUp, iterations);
            var measurement = new Measurement("query", scenario.Name, matched, median, p95, min, max);
            results.Add(measurement);
            Console.WriteLine($"  {scenario.Name,-52} median {median,7:F1} ms  p95 {p95,7:F1} ms  ({matched:N0} cases)");
            if (explainAll || median > Timing.InvestigateAboveMs) await ExplainAsync(register, scenario);
        }
        return results;
    }

    /// <summary>Runs the scenario once more with the SQL recorded, and prints SQLite's plan for each statement.</summary>
    private async Task ExplainAsync(CaseRegister register, Scenario scenario)
    {
        database.Capture.Start();
        if (scenario.WithChoices) await register.FilterChoicesAsync();
        await register.SearchAsync(scenario.Filter);
        var commands = database.Capture.Stop();
        await using var connection = await database.OpenAsync();
        Console.WriteLine($"    EXPLAIN QUERY PLAN for \"{scenario.Name}\":");
        foreach (var command in commands)
        {
            Console.WriteLine("    " + command.Sql.ReplaceLineEndings("\n    "));
            if (command.Parameters.Count > 0)
                Console.WriteLine("    -- " + string.Join(", ", command.Parameters.Select(p => $"{p.Name} = {p.Value}")));
            Console.Write(await SqlCapture.ExplainAsync(connection, command));
            Console.WriteLine();
        }
    }

    /// <summary>The register as the page gets it: scoped, on the app's context factory.</summary>
    public CaseRegister Register() => scope.ServiceProvider.GetRequiredService<CaseRegister>();

    public void Dispose() => scope.Dispose();
}
