using Helsefellesskap.App.Data;
using Helsefellesskap.Domain.Meetings;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingLiveBench;

/// <summary>
/// The real app (this Release build, environment Production) on Kestrel on a loopback port, over a fresh SQLite
/// file that the app migrates and seeds with its demo data itself at start-up; or, given a PostgreSQL connection
/// string with its database, on that database (the first server on it migrates and seeds it, a second one shares it).
/// </summary>
public sealed class LiveApp(string? postgres = null, string? sharedFolder = null) : WebApplicationFactory<Program>
{
    // Two servers on one database share the folder beside it too: the audit chain's key is there.
    private readonly string folder = sharedFolder ?? Directory.CreateDirectory(
        Path.Combine(Path.GetTempPath(), "helsefellesskap-bench", Guid.NewGuid().ToString("N"))).FullName;
    public string Folder => folder;

    public string DatabasePath => Path.Combine(folder, "helsefellesskap.db");
    public string BaseUrl { get; private set; } = "";

    public void Start()
    {
        UseKestrel(0);
        StartServer();
        BaseUrl = ClientOptions.BaseAddress.ToString().TrimEnd('/');
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        // Outside Development the packages' static files (blazor.web.js, MudBlazor) come from the published output;
        // an unpublished build serves them from their packages through the static web assets manifest.
        builder.UseStaticWebAssets();
        if (postgres is null) builder.UseSetting("ConnectionStrings:Default", $"Data Source={DatabasePath}");
        else
        {
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Default", postgres);
            builder.UseSetting("Database:Directory", folder);
        }
        // Sign-ins and start-up are logged at Information; the bench prints its own lines. No HTTPS here, on a loopback port.
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.HttpsPolicy", "Error");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.DataProtection", "Error");
        builder.ConfigureTestServices(services =>
        {
            // The seeder hashes ~80 demo passwords; the stored hash records its own count, so sign-in still works.
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000);
            CircuitCounter.AddTo(services);
        });
    }

    /// <summary>The demo's one meeting whose notice is sent: SSU on 2 December 2026.</summary>
    public async Task<Guid> NoticedMeetingAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.Meetings.AsNoTracking().Where(m => m.Status == MeetingStatus.NoticeSent).Select(m => m.Id).SingleAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (postgres is not null) Npgsql.NpgsqlConnection.ClearAllPools();
        if (sharedFolder is null) try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
