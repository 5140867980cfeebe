namespace Helsefellesskap.Tests.Infrastructure;

/// <summary>
/// bUnit's waits for a page's state. A copied PostgreSQL database is cold: a page's first reads there (the server
/// loading the new database's catalogue) take seconds on two shared cores, longer than bUnit's default 1 s.
/// </summary>
internal static class BunitWaits
{
    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void Set()
    {
        if (TestServices.OnPostgres) Bunit.BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);
    }
}
