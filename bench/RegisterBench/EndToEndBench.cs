using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Helsefellesskap.App.Data.Seeding;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace RegisterBench;

/// <summary>
/// The real app (this Release build, environment Production) on Kestrel over the generated database, and a
/// signed-in user's HTTP client that GETs <c>/saker</c>: the server-prerendered page, with its 25 rows.
/// </summary>
public sealed partial class EndToEndBench(BenchDatabase database, int warmUp, int iterations) : IAsyncDisposable
{
    public const string UserName = "mari.hovde";

    private readonly App app = new(database.ConnectionString);
    private HttpClient client = null!;

    /// <summary>
    /// A page to fetch, and what its rows must show, taken from the register itself: the first row's case (its
    /// link and its number, which is "Utkast" for a draft) and the number of rows.
    /// </summary>
    public sealed record Page(string Path, Guid FirstCaseId, string FirstNumber, int ExpectedRows, int Matched);

    public async Task StartAsync()
    {
        var clock = Stopwatch.StartNew();
        app.UseKestrel(0);
        app.StartServer();
        var cookies = new CookieContainer();
        client = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = app.ClientOptions.BaseAddress,
        };
        await SignInAsync(cookies);
        Console.WriteLine($"  app started on {client.BaseAddress} and {UserName} signed in ({clock.Elapsed.TotalSeconds:F1} s)");
    }

    /// <summary>
    /// As a browser does it: GET the login form for its antiforgery token and hidden fields, POST it with the
    /// user name and password, and keep the authentication cookie.
    /// </summary>
    private async Task SignInAsync(CookieContainer cookies)
    {
        var form = await client.GetStringAsync("/Account/Login");
        var fields = HiddenInput().Matches(form)
            .Select(m => (Name: Attribute(m.Value, "name"), Value: Attribute(m.Value, "value")))
            .Where(f => f.Name is not null)
            .ToDictionary(f => f.Name!, f => WebUtility.HtmlDecode(f.Value ?? ""));
        if (!fields.ContainsKey("__RequestVerificationToken"))
            throw new InvalidOperationException("The login form has no antiforgery token.");
        fields.TryAdd("_handler", "login");
        fields["Input.UserName"] = UserName;
        fields["Input.Password"] = DemoSeeder.DemoPassword;

        using var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(fields));
        var signedIn = cookies.GetAllCookies().Any(c => c.Name == ".AspNetCore.Identity.Application");
        if (response.StatusCode != HttpStatusCode.Redirect || !signedIn)
            throw new InvalidOperationException($"Signing in as {UserName} failed: {(int)response.StatusCode}, " +
                $"redirect to {response.Headers.Location}, authentication cookie {(signedIn ? "set" : "missing")}.");
    }

    public async Task<Measurement> MeasureAsync(Page page)
    {
        string? body = null;
        var (median, p95, min, max) = await Timing.MeasureAsync(async () =>
        {
            using var response = await client.GetAsync(page.Path);
            if (response.StatusCode != HttpStatusCode.OK)
                throw new InvalidOperationException($"GET {page.Path} answered {(int)response.StatusCode} {response.Headers.Location}.");
            body = await response.Content.ReadAsStringAsync();
        }, warmUp, iterations);

        // The last response must be the real page: its rows, the first of them the register's first case.
        var rows = CaseLink().Matches(body!).Count;
        var showsFirst = body!.Contains($"href=\"/saker/{page.FirstCaseId}\"", StringComparison.Ordinal) &&
            body.Contains($">{page.FirstNumber}<", StringComparison.Ordinal);
        if (!showsFirst || rows != page.ExpectedRows)
            throw new InvalidOperationException($"GET {page.Path} did not render the expected rows: {rows} case links " +
                $"(expected {page.ExpectedRows}); first case {page.FirstNumber} ({page.FirstCaseId}) {(showsFirst ? "shown" : "missing")}.");
        var measurement = new Measurement("end-to-end", $"GET {page.Path}", page.Matched, median, p95, min, max);
        Console.WriteLine($"  GET {page.Path,-48} median {median,7:F1} ms  p95 {p95,7:F1} ms  " +
            $"({body.Length / 1024.0:F0} KiB, {rows} rows, first row {page.FirstNumber})");
        return measurement;
    }

    private static string? Attribute(string tag, string name) =>
        Regex.Match(tag, $"\\b{name}=\"([^\"]*)\"") is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex("""<input[^>]*type="hidden"[^>]*>""")]
    private static partial Regex HiddenInput();

    /// <summary>Each row links its title to the case page.</summary>
    [GeneratedRegex("""href="/saker/[0-9a-f]{8}-""")]
    private static partial Regex CaseLink();

    public async ValueTask DisposeAsync()
    {
        client?.Dispose();
        await app.DisposeAsync();
    }

    private sealed class App(string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("ConnectionStrings:Default", connectionString);
        }
    }
}
