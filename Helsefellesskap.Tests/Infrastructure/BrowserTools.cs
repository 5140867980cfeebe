using System.Diagnostics;
using System.Reflection;

namespace Helsefellesskap.Tests.Infrastructure;

/// <summary>
/// Chromium and axe-core, fetched the first time a browser test needs them, not when the project builds: the domain,
/// service and bUnit specs build and run on a machine without either
/// (<c>dotnet test -- --filter-not-namespace "Helsefellesskap.Tests.Browser"</c>).
/// </summary>
internal static class BrowserTools
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private static readonly SemaphoreSlim Installing = new(1, 1);

    private static string ProjectDirectory => typeof(BrowserTools).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "TestProjectDirectory").Value!;

    public static string AxeScriptPath => Path.Combine(ProjectDirectory, "node_modules", "axe-core", "axe.min.js");

    /// <summary>Debian's Chromium: installed with apt when the tests run as root (CI), otherwise the message says how.</summary>
    public static async Task EnsureChromiumAsync()
    {
        if (File.Exists(ChromiumPath)) return;
        await Installing.WaitAsync();
        try
        {
            if (File.Exists(ChromiumPath)) return;
            if (Environment.UserName != "root" || !File.Exists("/usr/bin/apt-get"))
                throw new InvalidOperationException($"The browser tests need Chromium at {ChromiumPath}: sudo apt-get install chromium");
            await RunAsync("/bin/sh", "-c \"apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium\"", "/");
        }
        finally { Installing.Release(); }
    }

    /// <summary>axe-core from npm (package-lock.json), installed into the test project the first time it is needed.</summary>
    public static async Task<string> EnsureAxeAsync()
    {
        if (File.Exists(AxeScriptPath)) return AxeScriptPath;
        await Installing.WaitAsync();
        try
        {
            if (!File.Exists(AxeScriptPath)) await RunAsync("npm", "ci --no-audit --no-fund", ProjectDirectory);
            return AxeScriptPath;
        }
        finally { Installing.Release(); }
    }

    private static async Task RunAsync(string file, string arguments, string directory)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true,
        }) ?? throw new InvalidOperationException($"Could not start {file}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"'{file} {arguments}' failed ({process.ExitCode}): {await error}{await output}");
    }
}
