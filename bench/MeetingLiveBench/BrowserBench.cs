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

    /// <summary>Each page's circuit connection, to count what the server sends it.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<IPage, IWebSocket> sockets = new();

    /// <summary>A new page in the context on the site's page, once its circuit is live and the heading (and the board) shows.</summary>
    public async Task<IPage> OpenRoomAsync(IBrowserContext context, bool board = true)
    {
        var page = await context.NewPageAsync();
        page.WebSocket += (_, socket) => sockets[page] = socket;
        await page.GotoAsync(target.Path);
        await page.Locator("#circuit-live").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).Filter(new() { HasText = target.Heading }).WaitForAsync();
        if (board) await page.Locator(RowSelector).WaitForAsync();
        return page;
    }

    /// <summary>One click: the latency until every watcher's screen showed it, and each screen's own.</summary>
    /// <param name="ServerMs">From the click to the server's publish of the new snapshot (browser clock against the server's).</param>
    /// <param name="PerScreenOnSecondMs">The screens on the second server, if any (also in <paramref name="PerScreenMs"/>).</param>
    /// <param name="ServerCpuMs">CPU time this process spent from just before the click until every screen showed it.</param>
    /// <param name="BrowserCpuMs">CPU time every Chromium process spent in the same span (10 ms resolution: read as a mean).</param>
    public sealed record Round(double AllScreensMs, double[] PerScreenMs, double AllFramesMs, int FramesMissing, double ServerMs,
        double[] PerScreenOnSecondMs, double ServerCpuMs = double.NaN, double BrowserCpuMs = double.NaN,
        IReadOnlyDictionary<string, double>? PageMetrics = null);

    /// <summary>Chromium's own counters of one watcher's page (CDP Performance.getMetrics): the work a click gave that page's renderer.</summary>
    public static readonly string[] MetricNames = ["TaskDuration", "ScriptDuration", "RecalcStyleDuration", "LayoutDuration", "RecalcStyleCount", "LayoutCount", "Nodes", "JSHeapUsedSize"];

    private ICDPSession? metricsSession;

    /// <summary>
    /// The counters of the first watcher after the chair, durations in milliseconds. On the app that is annelise.dahl,
    /// the hospital's deputy chair: her position form follows her party's position, which the clicker changes.
    /// </summary>
    private async Task<Dictionary<string, double>?> PageMetricsAsync()
    {
        if (watchers.Count < 2) return null;
        if (metricsSession is null)
        {
            metricsSession = await watchers[1].Context.NewCDPSessionAsync(watchers[1].Page);
            await metricsSession.SendAsync("Performance.enable");
        }
        var result = await metricsSession.SendAsync("Performance.getMetrics");
        return result!.Value.GetProperty("metrics").EnumerateArray()
            .Select(m => (Name: m.GetProperty("name").GetString()!, Value: m.GetProperty("value").GetDouble()))
            .Where(m => MetricNames.Contains(m.Name))
            .ToDictionary(m => m.Name, m => m.Name.EndsWith("Duration") ? m.Value * 1000 : m.Value);
    }

    public async Task<Round> ClickOnceAsync()
    {
        var label = Labels[round++ % Labels.Length];
        var page = clicker.Page;
        await page.GetByRole(AriaRole.Radio, new() { Name = label, Exact = true }).CheckAsync();

        var everyone = watchers.Append(clicker).ToList();
        await Task.WhenAll(everyone.Select(p => p.Page.EvaluateAsync("label => window.__expect(label)", label)));

        Volatile.Write(ref publishedAt, double.NaN);
        var metricsBefore = await PageMetricsAsync();
        var (serverCpu, browserCpu) = (Machine.ServerCpuMs(), Machine.BrowserCpuMs());
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
        (serverCpu, browserCpu) = (Machine.ServerCpuMs() - serverCpu, Machine.BrowserCpuMs() - browserCpu);
        var metricsAfter = await PageMetricsAsync();
        var pageMetrics = metricsBefore is null || metricsAfter is null ? null
            : metricsAfter.ToDictionary(m => m.Key, m => m.Key is "Nodes" or "JSHeapUsedSize" ? m.Value : m.Value - metricsBefore.GetValueOrDefault(m.Key));
        var seen = await Task.WhenAll(watchers.Select(p => p.Page.EvaluateAsync<double[]>("() => [window.__live.seenAt ?? -1, window.__live.frameAt ?? -1]")));
        if (seen.Any(s => s[0] < clickAt))
            throw new InvalidOperationException($"{target.Name}, round {round}: a screen answered without a time at or after the click.");
        var perScreen = seen.Select(s => s[0] - clickAt).ToArray();
        var frames = seen.Where(s => s[1] >= 0).Select(s => s[1] - clickAt).ToArray();
        return new Round(perScreen.Max(), perScreen, frames.Length > 0 ? frames.Max() : double.NaN, seen.Length - frames.Length,
            Volatile.Read(ref publishedAt) - clickAt, perScreen.Where((_, i) => watchers[i].OnSecond).ToArray(), serverCpu, browserCpu, pageMetrics);
    }

    /// <summary>
    /// What one click changes in the DOM of the metrics watcher's page (the first after the chair): every mutation
    /// record of that click, summarised as "type target: what", so a screen's work per click can be read.
    /// </summary>
    public async Task<string[]> MutationsOfOneClickAsync()
    {
        if (watchers.Count < 2) return [];
        var page = watchers[1].Page;
        await page.EvaluateAsync("""
            () => {
              const describe = n => n.nodeType === 1
                ? n.tagName.toLowerCase() + (n.id ? '#' + n.id : '') + (n.className && typeof n.className === 'string' ? '.' + n.className.trim().split(/\s+/).join('.') : '')
                : n.nodeType === 3 ? 'text' : n.nodeName;
              const path = n => { const parts = []; for (let e = n; e && e.nodeType !== 9 && parts.length < 4; e = e.parentNode) parts.unshift(describe(e)); return parts.join(' > '); };
              window.__mutations = [];
              const o = new MutationObserver(records => { for (const r of records) window.__mutations.push(
                r.type + ' ' + path(r.target) + ': ' + (r.type === 'attributes' ? r.attributeName + '=' + r.target.getAttribute(r.attributeName)
                  : r.type === 'characterData' ? JSON.stringify(r.target.data.slice(0, 60))
                  : '+' + r.addedNodes.length + ' -' + r.removedNodes.length + ' ' + JSON.stringify([...r.addedNodes].map(n => (n.textContent || '').trim().slice(0, 40))))); });
              o.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
              window.__stopMutations = () => o.disconnect();
            }
            """);
        // What the server sent that page for the click: Blazor's render batches come over the circuit's WebSocket.
        var (frames, bytes) = (0, 0L);
        void Received(object? sender, IWebSocketFrame f) { Interlocked.Increment(ref frames); Interlocked.Add(ref bytes, f.Binary?.Length ?? f.Text.Length); }
        var socket = sockets.GetValueOrDefault(page);
        if (socket is not null) socket.FrameReceived += Received;
        await ClickOnceAsync();
        if (socket is not null) socket.FrameReceived -= Received;
        var mutations = await page.EvaluateAsync<string[]>("() => { window.__stopMutations(); return window.__mutations; }");
        return [$"WebSocket: {frames} frames, {bytes} bytes received" + (socket is null ? " (no socket seen)" : ""), .. mutations];
    }

    /// <summary>
    /// A Chromium trace (devtools.timeline) of <paramref name="clicks"/> clicks on this site alone: the self time of
    /// every trace event on the renderers' main threads (every page's, the clicker's included), summed by the event's
    /// name, per click, largest first. It says what the screens' browsers do with a change.
    /// </summary>
    public async Task<(string Name, double MsPerClick)[]> TraceClicksAsync(int clicks)
    {
        // Through the DevTools protocol: the browser sends the trace's events in chunks, then says it is complete.
        var session = await browser.NewBrowserCDPSessionAsync();
        var chunks = new List<string>();
        var complete = new TaskCompletionSource();
        session.Event("Tracing.dataCollected").OnEvent += (_, data) => { lock (chunks) chunks.Add(data!.Value.GetProperty("value").GetRawText()); };
        session.Event("Tracing.tracingComplete").OnEvent += (_, _) => complete.TrySetResult();
        await session.SendAsync("Tracing.start", new()
        {
            ["transferMode"] = "ReportEvents",
            ["traceConfig"] = new Dictionary<string, object> { ["includedCategories"] = new[] { "devtools.timeline", "disabled-by-default-devtools.timeline", "v8" } },
        });
        for (var i = 0; i < clicks; i++) await ClickOnceAsync();
        await session.SendAsync("Tracing.end");
        await complete.Task.WaitAsync(TimeSpan.FromMinutes(2));
        await session.DetachAsync();
        // The whole trace, to open in Chromium's or Perfetto's trace viewer.
        if (Environment.GetEnvironmentVariable("MEETINGLIVE_TRACE_DIR") is { } dir)
            lock (chunks) File.WriteAllText(Path.Combine(dir, $"{target.Name}.json"), "[" + string.Join(",", chunks.Select(c => c[1..^1])) + "]");
        lock (chunks) return Trace.SelfTimeByName(chunks, "CrRendererMain").Select(e => (e.Name, e.Ms / clicks)).ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        serverProbe?.Dispose();
        foreach (var p in watchers.Append(clicker).OfType<Participant>()) await p.Context.CloseAsync();
    }
}
