using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using Helsefellesskap.App.Features.Cases;
using Helsefellesskap.Domain.Cases;

namespace RegisterBench;

/// <summary>
/// The case register with many cases: generate them (seeded), then time the register's queries and the real
/// page /saker. Usage: dotnet run -c Release --project bench/RegisterBench [-- options]
///   --cases N        cases to generate (20000)       --batch N       cases per SaveChanges (100)
///   --warmup N       untimed runs (3)                --iterations N  timed runs per scenario (40)
///   --explain        print the query plans of every scenario, not only of slow ones
///   --keep           keep the generated database and print where it is
/// </summary>
public static class Bench
{
    public static async Task Main(string[] args)
    {
        var options = Options.Parse(args);

        Console.WriteLine($"RegisterBench {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}");
        Console.WriteLine($"  {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, " +
            $"server GC {System.Runtime.GCSettings.IsServerGC}, load average {LoadAverage()}");
        var optimized = typeof(CaseRegister).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled != true;
        Console.WriteLine($"  app assembly {(optimized ? "optimized (Release)" : "NOT optimized: a Debug build; use -c Release")}");

        var database = await BenchDatabase.CreateAsync();
        try
        {
            Console.WriteLine($"\nDatabase {database.Path}: migrated and seeded with the demo data");
            Console.WriteLine($"Generating {options.Cases:N0} cases (seed 2026, {options.Batch} per SaveChanges)");
            var generated = await new CaseGenerator(database.Factory).GenerateAsync(options.Cases, options.Batch, Console.WriteLine);
            await database.CheckpointAsync();
            Console.WriteLine($"Generated {generated.Cases:N0} cases in {generated.Elapsed.TotalSeconds:F1} s " +
                $"({generated.RareWordCases} with \"{CaseTexts.RareWord}\")");
            Console.WriteLine($"Database size {database.SizeInBytes() / 1024.0 / 1024.0:F1} MiB; rows: " +
                string.Join(", ", (await database.RowCountsAsync()).Select(c => $"{c.Table} {c.Rows:N0}")));

            Console.WriteLine($"\nQuery level (warm-up {options.WarmUp}, {options.Iterations} iterations)");
            using var queries = new QueryBench(database, options.WarmUp, options.Iterations, options.ExplainAll);
            var measurements = new List<Measurement>(await queries.RunAsync(await queries.ScenariosAsync()));

            Console.WriteLine($"\nEnd to end (warm-up {options.WarmUp}, {options.Iterations} iterations)");
            await using (var endToEnd = new EndToEndBench(database, options.WarmUp, options.Iterations))
            {
                await endToEnd.StartAsync();
                var register = queries.Register();
                foreach (var (path, filter) in new[]
                         {
                             ("/saker", new CaseFilter()),
                             ($"/saker?q={CaseTexts.RareWord}", new CaseFilter(Text: CaseTexts.RareWord)),
                             ("/saker?status=Binding", new CaseFilter(Status: CaseStatus.Binding)),
                             // Newest first puts drafts (no number) on top; a year shows numbered cases only.
                             ("/saker?aar=2026", new CaseFilter(Year: 2026)),
                         })
                {
                    var expected = await register.SearchAsync(filter);
                    var first = expected.Rows[0];
                    measurements.Add(await endToEnd.MeasureAsync(
                        new EndToEndBench.Page(path, first.Id, first.Number, expected.Rows.Count, expected.Total)));
                }
            }

            Timing.PrintTable(measurements, options.Iterations);
            var firstQuery = measurements[0];
            var firstPage = measurements.Single(m => m.Scenario == "GET /saker");
            Console.WriteLine();
            Console.WriteLine($"First page, {generated.Cases:N0} generated cases: queries {firstQuery.MedianMs:F1} ms median " +
                $"({firstQuery.RatioToTarget:P1} of {Timing.TargetMs:0} ms); GET /saker {firstPage.MedianMs:F1} ms median " +
                $"({firstPage.RatioToTarget:P1} of {Timing.TargetMs:0} ms, p95 {firstPage.P95Ms:F1} ms).");
            Console.WriteLine($"Load average at the end: {LoadAverage()}");
        }
        finally
        {
            await database.DisposeAsync();
            if (options.Keep) Console.WriteLine($"\nKept {database.Path}");
            else database.Delete();
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}

internal sealed record Options(int Cases, int Batch, int WarmUp, int Iterations, bool ExplainAll, bool Keep)
{
    public static Options Parse(string[] args)
    {
        var options = new Options(Cases: 20_000, Batch: 100, WarmUp: 3, Iterations: 40, ExplainAll: false, Keep: false);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            int Next() => i + 1 < args.Length && int.TryParse(args[++i], out var n) && n > 0
                ? n : throw new ArgumentException($"{name} needs a positive number.");
            options = name switch
            {
                "--cases" => options with { Cases = Next() },
                "--batch" => options with { Batch = Next() },
                "--warmup" => options with { WarmUp = Next() },
                "--iterations" => options with { Iterations = Next() },
                "--explain" => options with { ExplainAll = true },
                "--keep" => options with { Keep = true },
                _ => throw new ArgumentException($"Unknown option {name}; see bench/README.md."),
            };
        }
        return options;
    }
}
