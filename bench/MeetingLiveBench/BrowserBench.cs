using Microsoft.Playwright;

namespace MeetingLiveBench;

/// <summary>
/// Real participants on one site (the app's meeting page or the bare page): one headless Chromium context (its own
/// cookies) per person, all in the one shared browser. One of them states the hospital's position; every other
/// screen records, in the page, the moment its party board shows it.
/// </summary>
public sealed class BrowserBench : IAsyncDisposable
{
    public const string Password = "Innlandet-2026";
    public const string Chair = "torstein.vik";
    public const string Clicker = "kjersti.haug";
    public const string Party = "Sykehuset Innlandet HF";
    public const string ItemTitle = "Felles plan for digital hjemmeoppfølging";

    /// <summary>Two positions that need no text, so every click changes the board.</summary>
    public static readonly string[] Labels = ["Enig", "Enig med forbehold om lokal forankring"];

    /// <summary>SSU seat holders who watch; the chair first (he opens the meeting and the item).</summary>
    public static readonly string[] Watchers =
    [
        Chair, "annelise.dahl", "hilde.moen", "paal.rudstad", "marte.kvaale", "jon.tangen", "eirik.lunde", "ingrid.nyhus",
        "anders.holm", "lene.strand", "morten.berg", "tone.myhre", "ola.grindvold", "gunn.brekke", "hans.aasen", "kari.fjeld",
        "nina.lie", "perolav.nes", "bjorn.vold", "liv.aune", "stein.ronning", "trine.bakken", "erik.sveen", "aase.nordby",
        "heidi.rustad", "vidar.engen", "geir.lien",
    ];

    private static readonly string RowSelector = $"li.party-row[data-party=\"{Party}\"]";

    /// <summary>
    /// In every page, before the app's scripts: a MutationObserver that notes when the hospital's row first shows the
    /// expected label (and the next animation frame after it), and the time of any click on a submit button.
    /// </summary>
    private static readonly string Probe = $$"""
        (() => {
          const now = () => performance.timeOrigin + performance.now();
          const live = window.__live = { round: 0, expect: null, seenAt: null, frameAt: null, clickAt: null, shown: null, done: null };
          // Set before each click; the promise settles once the row shows the label and the next frame has run.
          window.__expect = label => {
            Object.assign(live, { round: live.round + 1, expect: label, seenAt: null, frameAt: null, clickAt: null });
            live.shown = new Promise(resolve => { live.done = resolve; });
          };
          const check = () => {
            if (live.expect === null || live.seenAt !== null) return;
            const cell = document.querySelector('{{RowSelector.Replace("\"", "\\\"")}} .party-position');
            if (!cell) return;
            const text = cell.textContent.replace(/[\u2713\u2717]/g, '').replace(/\s+/g, ' ').trim();
            if (text !== live.expect) return;
            live.seenAt = now();
            const round = live.round, done = live.done;
            requestAnimationFrame(() => { if (live.round === round) live.frameAt = now(); done(); });
            setTimeout(done, 250);
          };
          new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
          addEventListener('click', e => {
            if (e.target instanceof Element && e.target.closest('button[type=submit]')) live.clickAt = now();
          }, true);
        })();
        """;

    private readonly ITarget target;
    private readonly ITarget? second;
    private readonly IBrowser browser;
    private Participant clicker = null!;
    private readonly List<Participant> watchers = [];
    private int round;
    private IDisposable? serverProbe;
    private double publishedAt = double.NaN;

    /// <param name="second">A second app server on the same database: every other watcher follows the meeting there.</param>
    public BrowserBench(ITarget target, IBrowser browser, ITarget? second = null)
    {
        this.target = target;
        this.second = second;
        this.browser = browser;
        // The server's notifier, first subscriber: the wall-clock time at which the server starts handing a change out.
        serverProbe = target.OnPublished(() => Volatile.Write(ref publishedAt, (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds));
    }

    public ITarget Target => target;
    public int WatcherCount => watchers.Count;

    private sealed record Participant(string User, IBrowserContext Context, IPage Page, bool OnSecond = false);

    public int WatchersOnSecond => watchers.Count(w => w.OnSecond);

    /// <summary>One headless Chromium for every participant of both sites.</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new()
    {
        ExecutablePath = "/usr/bin/chromium",
        Headless = true,
        // Each participant has their own device with the meeting in front: no page is treated as a background tab.
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-renderer-backgrounding", "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows"],
    });

    /// <summary>
    /// In the app, the chair opens the meeting and the item through the page, as in a meeting; he then stays as a
    /// watcher. On the bare page the board is there from the start. Then the clicker joins.
    /// </summary>
    public async Task OpenMeetingAndItemAsync()
    {
        var chair = await JoinAsync(Chair, board: !target.SignsIn);
        if (target.SignsIn)
        {
            var page = chair.Page;
            await page.GetByRole(AriaRole.Button, new() { Name = "Åpne møtet", Exact = true }).ClickAsync();
            var openItem = page.GetByRole(AriaRole.Button, new() { Name = $"Åpne {ItemTitle}", Exact = true });
            await openItem.ClickAsync();
            await page.Locator(RowSelector).WaitForAsync();
        }
        watchers.Add(chair);
        clicker = await JoinAsync(Clicker);
        await clicker.Page.GetByRole(AriaRole.Button, new() { Name = "Registrer standpunkt" }).WaitForAsync();
    }

    /// <summary>Adds watchers until <paramref name="count"/> screens (the clicker's not counted) follow the meeting.</summary>
    public async Task GrowToAsync(int count)
    {
        if (count > Watchers.Length) throw new ArgumentException($"Only {Watchers.Length} watchers are listed.");
        // A few at a time: signing in waits mostly on the server and the browser, so joins overlap well.
        while (watchers.Count < count)
            watchers.AddRange(await Task.WhenAll(Enumerable.Range(watchers.Count, Math.Min(count, watchers.Count + 4) - watchers.Count)
                .Select(i => JoinAsync(Watchers[i], onSecond: second is not null && i % 2 == 1))));
    }

    /// <summary>A new browser context (signed in at /Account/Login on the app); done when its page's circuit is live.</summary>
    private async Task<Participant> JoinAsync(string user, bool board = true, bool onSecond = false)
    {
        var context = await NewContextAsync(user, onSecond ? second : null);
        var page = await OpenRoomAsync(context, board);
        return new Participant(user, context, page, onSecond);
    }

    public async Task<IBrowserContext> NewContextAsync(string user, ITarget? on = null)
    {
        var context = await browser.NewContextAsync(new()
        {
            BaseURL = (on ?? target).BaseUrl, ViewportSize = new() { Width = 1280, Height = 900 }, Locale = "nb-NO",
        });
        context.SetDefaultTimeout(60_000);
        await context.AddInitScriptAsync(Probe);
        if (!target.SignsIn) return context;
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.Locator("#username").FillAsync(user);
        await page.Locator("#password").FillAsync(Password);
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login"));
        await page.CloseAsync();
        return context;
    }

    /// <summary>A new page in the context on the site's page, once its circuit is live and the heading (and the board) shows.</summary>
    public async Task<IPage> OpenRoomAsync(IBrowserContext context, bool board = true)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(target.Path);
        await page.Locator("#circuit-live").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).Filter(new() { HasText = target.Heading }).WaitForAsync();
        if (board) await page.Locator(RowSelector).WaitForAsync();
        return page;
    }

    /// <summary>One click: the latency until every watcher's screen showed it, and each screen's own.</summary>
    /// <param name="ServerMs">From the click to the server's publish of the new snapshot (browser clock against the server's).</param>
    /// <param name="PerScreenOnSecondMs">The screens on the second server, if any (also in <paramref name="PerScreenMs"/>).</param>
    public sealed record Round(double AllScreensMs, double[] PerScreenMs, double AllFramesMs, int FramesMissing, double ServerMs,
        double[] PerScreenOnSecondMs);

    public async Task<Round> ClickOnceAsync()
    {
        var label = Labels[round++ % Labels.Length];
        var page = clicker.Page;
        await page.GetByRole(AriaRole.Radio, new() { Name = label, Exact = true }).CheckAsync();

        var everyone = watchers.Append(clicker).ToList();
        await Task.WhenAll(everyone.Select(p => p.Page.EvaluateAsync("label => window.__expect(label)", label)));

        Volatile.Write(ref publishedAt, double.NaN);
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrer standpunkt" }).ClickAsync();
        var clickAt = await page.EvaluateAsync<double?>("() => window.__live.clickAt")
            ?? throw new InvalidOperationException("The click on \"Registrer standpunkt\" was not recorded in the page.");

        // Each page answers when its row has shown the label (a promise in the page: no polling that would load the machine).
        var shown = Task.WhenAll(everyone.Select(p => p.Page.EvaluateAsync("() => window.__live.shown")));
        if (await Task.WhenAny(shown, Task.Delay(TimeSpan.FromSeconds(60))) != shown)
        {
            var error = await page.Locator(".mud-alert-text-error, [role=alert]").AllInnerTextsAsync();
            throw new InvalidOperationException($"{target.Name}, round {round}: not every screen showed \"{label}\" within 60 s. " +
                $"The clicker's page says: {string.Join(" | ", error)}");
        }
        await shown;
        var seen = await Task.WhenAll(watchers.Select(p => p.Page.EvaluateAsync<double[]>("() => [window.__live.seenAt ?? -1, window.__live.frameAt ?? -1]")));
        if (seen.Any(s => s[0] < clickAt))
            throw new InvalidOperationException($"{target.Name}, round {round}: a screen answered without a time at or after the click.");
        var perScreen = seen.Select(s => s[0] - clickAt).ToArray();
        var frames = seen.Where(s => s[1] >= 0).Select(s => s[1] - clickAt).ToArray();
        return new Round(perScreen.Max(), perScreen, frames.Length > 0 ? frames.Max() : double.NaN, seen.Length - frames.Length,
            Volatile.Read(ref publishedAt) - clickAt, perScreen.Where((_, i) => watchers[i].OnSecond).ToArray());
    }

    public async ValueTask DisposeAsync()
    {
        serverProbe?.Dispose();
        foreach (var p in watchers.Append(clicker).OfType<Participant>()) await p.Context.CloseAsync();
    }
}
