using Helsefellesskap.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(AppServer))]

namespace Helsefellesskap.Tests.Infrastructure;

/// <summary>
/// The real app on Kestrel with its own database (a SQLite file, or on PostgreSQL as TestServices says), which it migrates and seeds itself at start-up,
/// and Debian's Chromium driven by Playwright. One of each per test run.
/// </summary>
public sealed class AppServer : IAsyncLifetime
{
    private readonly IReadOnlyDictionary<string, string?> settings;
    private Factory? factory;
    private IPlaywright? playwright;
    private IBrowser? browser;
    private readonly SemaphoreSlim launching = new(1, 1);
    private readonly SemaphoreSlim lookersGate = new(1, 1);
    private readonly Dictionary<(string User, int Width, bool BypassCsp), IBrowserContext> lookers = [];

    public AppServer() : this(new Dictionary<string, string?>()) { }

    /// <summary>A server of a test's own, with its own settings, database and clock: for a test that moves time.</summary>
    internal AppServer(IReadOnlyDictionary<string, string?> settings) => this.settings = settings;

    public string DatabasePath { get; } = TestServices.NewDatabasePath();
    public FixedClock Clock { get; } = new(FixedClock.DemoNow);
    public string BaseUrl { get; private set; } = "";
    public IServiceProvider Services => factory!.Services;

    /// <summary>The SMTP server the app sends its mail to: real SMTP on the loopback.</summary>
    public SmtpSink Smtp { get; private set; } = null!;

    /// <summary>
    /// An organisation's OpenID Connect provider, started first so the app is configured with it in every run; it
    /// only adds a button to the sign-in page for the tests that do not use it.
    /// </summary>
    public TestIdentityProvider IdentityProvider { get; } = new();

    /// <summary>Organisation numbers the test provider's token may name, each mapped to a party.</summary>
    public static readonly IReadOnlyDictionary<string, string> ProvedOrganisations = new Dictionary<string, string>
    {
        ["940155223"] = "Kommunene i Innlandet (samlet)",
        ["983971709"] = "Sykehuset Innlandet HF",
    };

    public async ValueTask InitializeAsync()
    {
        Smtp = await SmtpSink.StartedAsync();
        await IdentityProvider.StartAsync();
        factory = new Factory(this);
        factory.UseKestrel(0);
        factory.StartServer();
        BaseUrl = factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        await IdentityProvider.RegisterClientAsync(BaseUrl);
        // The app reads the provider's metadata on its first challenge, which on a busy machine takes longer than a
        // browser test waits; a first challenge here, whose redirect is not followed, leaves the app ready.
        using (var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromMinutes(1) })
            (await http.GetAsync($"{BaseUrl}/Account/ExternalLogin/{TestIdentityProvider.Name}")).EnsureSuccessOrRedirect();

        // Machines here are shared (2 cores): wait longer than Playwright's 5 s before calling a page wrong.
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    /// <summary>
    /// Chromium starts with the first browser test, so that a run of only the domain, service and bUnit specs needs
    /// no browser on the machine.
    /// </summary>
    private async Task<IBrowser> BrowserAsync()
    {
        if (browser is not null) return browser;
        await launching.WaitAsync();
        try
        {
            if (browser is not null) return browser;
            await BrowserTools.EnsureChromiumAsync();
            playwright = await Playwright.CreateAsync();
            return browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = BrowserTools.ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            });
        }
        finally { launching.Release(); }
    }

    /// <summary>A fresh browser context (its own cookies), as a separate person on a separate device.</summary>
    /// <param name="bypassCsp">Only for injecting test tools (axe-core) into a page: the app's policy forbids inline scripts.</param>
    /// <param name="baseUrl">Another server's address, for a test that has one browser visit two servers.</param>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900, bool bypassCsp = false, string? baseUrl = null)
    {
        var context = await (await BrowserAsync()).NewContextAsync(new()
        {
            BaseURL = baseUrl ?? BaseUrl, ViewportSize = new() { Width = width, Height = height }, Locale = "nb-NO", BypassCSP = bypassCsp,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async Task<IPage> SignedInPageAsync(string userName, int width = 1280, bool bypassCsp = false, string? baseUrl = null)
    {
        var page = await NewPageAsync(width, bypassCsp: bypassCsp, baseUrl: baseUrl);
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Brukernavn").FillAsync(userName);
        await page.GetByLabel("Passord", new() { Exact = true }).FillAsync("Innlandet-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Logg inn" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login"));
        await WhenLiveAsync(page);
        return page;
    }

    /// <summary>
    /// A new page in a browser context signed in once per user and width, for tests that only look at pages (axe): a
    /// sign-in and a cold cache cost each test seconds. Close the page, not its context. Should the sign-in have ended
    /// since (another test renewed the user's security stamp), it signs in again.
    /// </summary>
    public async Task<IPage> PageSignedInOnceAsync(string userName, int width = 1280, bool bypassCsp = false)
    {
        await lookersGate.WaitAsync();
        try
        {
            var key = (userName, width, bypassCsp);
            if (lookers.TryGetValue(key, out var context))
            {
                var check = await context.APIRequest.GetAsync("/Account/Manage/ChangePassword", new() { MaxRedirects = 0 });
                if (check.Status == 200) return await context.NewPageAsync();
                await context.CloseWithinAsync();
            }
            var first = await SignedInPageAsync(userName, width, bypassCsp);
            lookers[key] = first.Context;
            return first;
        }
        finally { lookersGate.Release(); }
    }

    /// <summary>
    /// Waits until the page's live connection has taken over. A click before that can race the first interactive
    /// render, which would then draw the page the browser came from.
    /// </summary>
    public static Task WhenLiveAsync(IPage page) =>
        page.Locator("#circuit-live").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>Loads an interactive page and waits until it is live, so the test's next click is not lost.</summary>
    public static async Task GotoLiveAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        await WhenLiveAsync(page);
    }

    /// <summary>
    /// Loads an interactive page and waits until the router has moved focus to its heading (FocusOnNavigate does
    /// that just after the page goes live): a keyboard test that starts tabbing before then loses its place.
    /// </summary>
    public static async Task GotoSettledAsync(IPage page, string url)
    {
        await GotoLiveAsync(page, url);
        await Assertions.Expect(page.Locator("h1").First).ToBeFocusedAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null) await browser.CloseAsync();
        playwright?.Dispose();
        if (factory is not null) await factory.DisposeAsync();
        if (Smtp is not null) await Smtp.DisposeAsync();
        await IdentityProvider.DisposeAsync();
        TestServices.DeleteDatabase(DatabasePath);
    }

    private sealed class Factory(AppServer server) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            foreach (var (key, value) in TestServices.DatabaseSettings(server.DatabasePath)) builder.UseSetting(key, value);
            // The server shares the test run's console: its warnings and errors help read a failure, its
            // information lines (a sign-in per test) bury the failure under thousands of lines.
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Email:Smtp:Host", "127.0.0.1");
            builder.UseSetting("Email:Smtp:Port", server.Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Email:Smtp:UseTls", "false");
            builder.UseSetting("Email:PollInterval", "00:00:05");
            foreach (var (key, value) in server.settings) builder.UseSetting(key, value);
            foreach (var (key, value) in server.IdentityProvider.AppSettings(ProvedOrganisations)) builder.UseSetting(key, value);
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<TimeProvider>(server.Clock);
                services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000);
            });
        }
    }
}

internal static class HttpResponses
{
    public static void EnsureSuccessOrRedirect(this HttpResponseMessage response)
    {
        if ((int)response.StatusCode is < 200 or >= 400)
            throw new InvalidOperationException($"Svar {(int)response.StatusCode} fra {response.RequestMessage?.RequestUri}");
    }
}
