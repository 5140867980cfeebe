using Microsoft.Playwright;

namespace Helsefellesskap.Tests.Infrastructure;

public static class ClosingContexts
{
    /// <summary>
    /// Closes a test's browser context, waiting for Chromium at most 30 s. Playwright's close has no timeout, and once
    /// in a CI run (UniversalDesignTests, after its checks had passed) it never returned: the whole run hung until its
    /// time limit. A context that does not close in time is left to the browser, which the run closes at its end.
    /// </summary>
    public static async Task CloseWithinAsync(this IBrowserContext context)
    {
        var close = context.CloseAsync();
        if (await Task.WhenAny(close, Task.Delay(TimeSpan.FromSeconds(30))) != close)
            await Console.Error.WriteLineAsync("A browser context did not close within 30 s; left to the browser.");
        else await close;
    }
}
