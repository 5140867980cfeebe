using System.Text.RegularExpressions;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Helsefellesskap.Tests.Browser;

/// <summary>
/// WCAG 1.4.10 (reflow): members follow meetings on phones, so no page may scroll sideways at 375 px. A crawler follows
/// the links each role can reach, one page per route (ids folded), and measures every page it lands on.
/// </summary>
public partial class ReflowTests(AppServer app)
{
    private const int Width = 375;
    private const int MostPagesPerRole = 30;

    [Theory]
    [InlineData("mari.hovde")]
    [InlineData("hilde.moen")]
    [InlineData("aase.nordby")]
    [InlineData("")]
    public async Task No_page_a_role_reaches_scrolls_sideways_at_375_px(string user)
    {
        var page = user == "" ? await app.NewPageAsync(Width) : await app.SignedInPageAsync(user, Width);
        var start = user == "" ? "/" : "/oversikt";
        var queue = new Queue<string>([start]);
        var seenRoutes = new HashSet<string>();
        var overflowing = new List<string>();
        var visited = 0;

        while (queue.Count > 0 && visited < MostPagesPerRole)
        {
            var path = queue.Dequeue();
            if (!seenRoutes.Add(Route(path))) continue;
            var response = await page.GotoAsync(path);
            if (response is null || !response.Ok || !response.Headers.GetValueOrDefault("content-type", "").StartsWith("text/html")) continue;
            if (page.Url.Contains("/Account/Login") && user != "") continue;
            await page.Locator("h1").First.WaitForAsync();
            visited++;

            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
            if (widths[0] > widths[1])
            {
                var culprit = await page.EvaluateAsync<string>(WidestElementScript);
                overflowing.Add($"{path}: {widths[0]} px wide ({culprit})");
            }

            var links = await page.EvaluateAsync<string[]>(
                "() => [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))");
            foreach (var link in links)
                if (Internal(link) is { } next && !seenRoutes.Contains(Route(next))) queue.Enqueue(next);
        }

        Assert.True(visited >= (user == "" ? 3 : 8), $"The crawler reached only {visited} pages as '{user}'.");
        Assert.True(overflowing.Count == 0, $"Pages that scroll sideways at {Width} px as '{user}':\n" + string.Join("\n", overflowing));
        await page.Context.CloseWithinAsync();
    }

    /// <summary>A link within the app that shows a page: not a download, a feed, a calendar file, sign-out or an anchor.</summary>
    private static string? Internal(string? href)
    {
        if (string.IsNullOrEmpty(href) || href.StartsWith('#') || href.Contains("://") || href.StartsWith("mailto:")) return null;
        var path = "/" + href.TrimStart('/').Split('#')[0];
        if (path.StartsWith("/Account/Logout") || path.StartsWith("/vedlegg/") || path.EndsWith(".ics") || path.EndsWith(".atom")
            || path.Contains("/word") || path.Contains("/csv") || path.StartsWith("/_") || path == "/health") return null;
        return path;
    }

    /// <summary>One visit per route: ids and numbers folded, the query left out.</summary>
    private static string Route(string path) => Ids().Replace(path.Split('?')[0], "{id}");

    [GeneratedRegex(@"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\b\d+\b")]
    private static partial Regex Ids();

    private const string WidestElementScript = """
        () => {
            const limit = document.documentElement.clientWidth;
            const wide = [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > limit + 1);
            const inner = wide.filter(e => !wide.some(o => o !== e && e.contains(o)));
            return inner.slice(0, 3).map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} "${(e.textContent || '').trim().slice(0, 30)}"`).join('; ');
        }
        """;
}
