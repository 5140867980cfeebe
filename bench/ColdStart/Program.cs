using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

// Cold start: process start → first 200 from /health, for the published app on an existing database and on a new
// one (migrate + seed), and for a bare Blazor Server app (bench/BareStart), interleaved round by round.
// See bench/README.md, "Cold start".
var options = Options.Parse(args);
var root = options.Root ?? FindRepositoryRoot();
var work = Path.Combine(Path.GetTempPath(), "helsefellesskap-coldstart", Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(work);
Console.WriteLine($"Work directory: {work}");

// The app as it is published for a server (its Server profile: ReadyToRun); the bare app as `dotnet new` makes it.
var apps = options.Apps.Count > 0 ? options.Apps : [new("app", Publish(Path.Combine(root, "Helsefellesskap.App"), "Helsefellesskap.App", "-p:PublishProfile=Server"))];
var bare = options.Bare ?? Publish(Path.Combine(root, "bench", "BareStart"), "BareStart");

var scenarios = new List<Scenario> { new("bare Blazor", bare, Database: null) };
foreach (var app in apps)
{
    // The existing database: made by one start that is not counted (it migrates and seeds), then reused.
    var existing = Path.Combine(work, app.Label + "-existing");
    Directory.CreateDirectory(existing);
    Console.WriteLine($"Preparing the existing database for '{app.Label}' …");
    await StartToHealthAsync(app.Dll, existing);
    scenarios.Add(new($"{app.Label}, existing database", app.Dll, existing));
}
foreach (var app in apps) scenarios.Add(new($"{app.Label}, new database", app.Dll, Database: "new"));

var load = new List<string> { LoadAverage() };
var samples = scenarios.ToDictionary(s => s, _ => new List<double>());
var cpuSamples = scenarios.ToDictionary(s => s, _ => new List<double>());
for (var round = -options.Warmup; round < options.Runs; round++)
{
    foreach (var scenario in scenarios)
    {
        var directory = scenario.Database switch
        {
            null => null,
            "new" => Directory.CreateDirectory(Path.Combine(work, $"new-{Guid.NewGuid():N}")).FullName,
            var path => path,
        };
        var (seconds, cpu) = await StartToHealthAsync(scenario.Dll, directory);
        if (round >= 0) samples[scenario].Add(seconds);
        if (round >= 0) cpuSamples[scenario].Add(cpu);
        Console.WriteLine($"  {(round < 0 ? "warm-up" : $"run {round + 1}")}: {scenario.Name}: {seconds:F2} s, CPU {cpu:F2} s");
    }
    load.Add(LoadAverage());
}

var bareSamples = samples[scenarios[0]];
Console.WriteLine();
Console.WriteLine($"Cold start to /health, {options.Runs} runs each (after {options.Warmup} warm-up round), interleaved; " +
                  $"{Environment.ProcessorCount} cores; load average (1, 5, 15 min) at start {load[0]}, at end {load[^1]}");
Console.WriteLine("| start | median s | min s | max s | median / bare | paired ratio, median | CPU s, median | CPU / bare |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
foreach (var scenario in scenarios)
{
    var s = samples[scenario];
    var paired = s.Zip(bareSamples, (a, b) => a / b).ToList();
    Console.WriteLine($"| {scenario.Name} | {Median(s):F2} | {s.Min():F2} | {s.Max():F2} | " +
                      $"{Median(s) / Median(bareSamples):F1}× | {Median(paired):F1}× | " +
                      $"{Median(cpuSamples[scenario]):F2} | {Median(cpuSamples[scenario]) / Median(cpuSamples[scenarios[0]]):F1}× |");
}
if (!options.Keep) Directory.Delete(work, recursive: true);
else Console.WriteLine($"Kept {work}");
return;

// Starts the published app (its own directory as working directory, so it reads its appsettings.json, in
// Production as deployed) on a free loopback port and a database in `database` (if given), polls /health every
// 10 ms until it answers 200, then stops the process. Returns the seconds from Process.Start to that answer, and the
// CPU seconds the process had used by then (user + system, all threads): on a shared machine the wall time grows with
// the load, the CPU time much less.
async Task<(double Seconds, double Cpu)> StartToHealthAsync(string dll, string? database)
{
    var port = FreePort();
    var start = new ProcessStartInfo("dotnet", [dll])
    {
        WorkingDirectory = Path.GetDirectoryName(dll)!,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        UseShellExecute = false,
    };
    start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
    start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
    if (database is not null)
        start.Environment["ConnectionStrings__Default"] = $"Data Source={Path.Combine(database, "helsefellesskap.db")}";
    var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
    using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds) };
    var health = new Uri($"http://127.0.0.1:{port}/health");

    var watch = Stopwatch.StartNew();
    using var process = Process.Start(start)!;
    process.OutputDataReceived += (_, e) => Keep(e.Data);
    process.ErrorDataReceived += (_, e) => Keep(e.Data);
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    try
    {
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"{dll} exited with {process.ExitCode} before /health answered:\n{string.Join('\n', output)}");
            if (watch.Elapsed > TimeSpan.FromSeconds(options.TimeoutSeconds))
                throw new TimeoutException($"{dll}: no 200 from /health within {options.TimeoutSeconds} s:\n{string.Join('\n', output)}");
            try
            {
                using var response = await client.GetAsync(health);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var seconds = watch.Elapsed.TotalSeconds;
                    process.Refresh();
                    return (seconds, process.TotalProcessorTime.TotalSeconds);
                }
            }
            catch (HttpRequestException) { } // not listening yet, or the connection closed while it started
            await Task.Delay(10);
        }
    }
    finally
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    void Keep(string? line)
    {
        if (line is null) return;
        output.Enqueue(line);
        while (output.Count > 40) output.TryDequeue(out _);
    }
}

string Publish(string project, string assembly, params string[] more)
{
    var output = Path.Combine(work, "publish-" + assembly);
    Console.WriteLine($"dotnet publish -c Release {project} {string.Join(" ", more)} …");
    using var process = Process.Start(new ProcessStartInfo("dotnet", ["publish", project, "-c", "Release", "-o", output, "-nologo", "-v", "q", .. more]))!;
    process.WaitForExit();
    if (process.ExitCode != 0) throw new InvalidOperationException($"dotnet publish {project} failed ({process.ExitCode}).");
    return Path.Combine(output, assembly + ".dll");
}

static int FreePort()
{
    var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    var port = ((IPEndPoint)listener.LocalEndpoint).Port;
    listener.Stop();
    return port;
}

static string FindRepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Helsefellesskap.sln"))) return dir.FullName;
    throw new InvalidOperationException("Helsefellesskap.sln not found above the bench; give --root.");
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

static double Median(IReadOnlyList<double> values)
{
    var sorted = values.Order().ToArray();
    var middle = sorted.Length / 2;
    return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

sealed record Scenario(string Name, string Dll, string? Database);

sealed record App(string Label, string Dll);

sealed class Options
{
    public int Runs { get; private set; } = 7;
    public int Warmup { get; private set; } = 1;
    public int TimeoutSeconds { get; private set; } = 180;
    public bool Keep { get; private set; }
    public string? Root { get; private set; }
    public string? Bare { get; private set; }
    public List<App> Apps { get; } = [];

    public static Options Parse(string[] args)
    {
        var o = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--runs": o.Runs = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--warmup": o.Warmup = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--timeout": o.TimeoutSeconds = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--keep": o.Keep = true; break;
                case "--root": o.Root = Next(); break;
                case "--bare": o.Bare = Path.GetFullPath(Next()); break;
                case "--app":
                    var value = Next();
                    var split = value.IndexOf('=');
                    o.Apps.Add(split > 0
                        ? new App(value[..split], Path.GetFullPath(value[(split + 1)..]))
                        : new App("app", Path.GetFullPath(value)));
                    break;
                default: throw new ArgumentException($"Unknown option {args[i]}; see bench/README.md, 'Cold start'.");
            }
        }
        return o;
    }
}
