using System.Net;
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

/// <summary>Outside Development a failure shows a Norwegian message, never a stack trace or an exception's text.</summary>
public sealed class ProductionErrorTests : IAsyncLifetime
{
    private readonly ProductionApp app = new(TestServices.NewDatabasePath());

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task An_unexpected_error_shows_a_Norwegian_message_and_no_details()
    {
        var client = app.CreateClient();

        var response = await client.GetAsync("/test/feil");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Noe gikk galt", body);
        Assert.DoesNotContain("Hemmelig intern detalj", body);
        Assert.DoesNotContain("InvalidOperationException", body);
        Assert.DoesNotContain("   at ", body);
    }

    [Fact]
    public async Task An_unknown_address_shows_a_Norwegian_not_found_page()
    {
        var response = await app.CreateClient().GetAsync("/finnes/ikke");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Fant ikke siden", await response.Content.ReadAsStringAsync());
    }

    private sealed class ProductionApp(string databasePath) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("ConnectionStrings:Default", $"Data Source={databasePath}");
            builder.ConfigureTestServices(services =>
            {
                services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000);
                services.AddTransient<IStartupFilter, ThrowingEndpoint>();
            });
        }
    }

    /// <summary>A request the app has no endpoint for reaches this, at the end of the app's pipeline, and fails.</summary>
    private sealed class ThrowingEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext context, RequestDelegate rest) => context.Request.Path == "/test/feil"
                ? throw new InvalidOperationException("Hemmelig intern detalj")
                : rest(context));
        };
    }
}
