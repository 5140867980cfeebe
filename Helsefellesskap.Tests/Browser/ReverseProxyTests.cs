using System.Net;
using System.Text.RegularExpressions;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Tests.Browser;

/// <summary>
/// The app in Production behind a reverse proxy at 10.0.0.5 that ends TLS: what the proxy forwards is believed, what
/// anyone else sends is not, and a crafted return address after a correct password leads home, not away or to a 500.
/// </summary>
public sealed partial class ReverseProxyTests : IAsyncLifetime
{
    private const string Proxy = "10.0.0.5";
    private readonly ProxiedApp app = new(TestServices.NewDatabasePath());

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    private HttpClient Client() => app.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("http://hf.example.no"),
    });

    private static HttpRequestMessage Request(HttpMethod method, string url, string from, bool https)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add("X-Test-Remote-Ip", from);
        if (https) request.Headers.Add("X-Forwarded-Proto", "https");
        return request;
    }

    [Fact]
    public async Task Behind_the_known_proxy_the_request_counts_as_https_and_HSTS_is_sent()
    {
        var response = await Client().SendAsync(Request(HttpMethod.Get, "/Account/Login", Proxy, https: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task A_forwarded_scheme_from_anyone_else_is_not_believed_and_the_browser_is_sent_to_https()
    {
        var response = await Client().SendAsync(Request(HttpMethod.Get, "/Account/Login", "203.0.113.9", https: true));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.StartsWith("https://hf.example.no", response.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://evil.example/saker")]
    public async Task A_crafted_return_address_after_a_correct_password_leads_home_with_a_secure_cookie(string returnUrl)
    {
        var client = Client();
        var url = $"/Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl)}";
        var form = await client.SendAsync(Request(HttpMethod.Get, url, Proxy, https: true));
        var cookies = string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var token = TokenField().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;

        var post = Request(HttpMethod.Post, url, Proxy, https: true);
        post.Headers.Add("Cookie", cookies);
        post.Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = "liv.aune", ["Input.Password"] = "Innlandet-2026", ["__RequestVerificationToken"] = token, ["_handler"] = "login",
        });
        var response = await client.SendAsync(post);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // Home, on this site, and over https as the proxy said the browser came.
        Assert.Equal("https://hf.example.no/", response.Headers.Location!.ToString());
        var signIn = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
        Assert.Contains("secure", signIn, StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    private sealed class ProxiedApp(string databasePath) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("ConnectionStrings:Default", $"Data Source={databasePath}");
            builder.UseSetting("ReverseProxy:KnownProxies:0", Proxy);
            builder.UseSetting("https_port", "443");
            builder.ConfigureTestServices(services =>
            {
                services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000);
                services.AddTransient<IStartupFilter, RemoteAddress>();
            });
        }
    }

    /// <summary>The test server has no network: this gives each request the address it would have come from.</summary>
    private sealed class RemoteAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate rest) =>
            {
                if (context.Request.Headers.TryGetValue("X-Test-Remote-Ip", out var ip)) context.Connection.RemoteIpAddress = IPAddress.Parse(ip!);
                return rest(context);
            });
            next(app);
        };
    }
}
