using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace RegisterBench;

/// <summary>One SQLite file in a temporary folder, with the app's own database registration and features around it.</summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private BenchDatabase(string folder)
    {
        Folder = folder;
        Path = System.IO.Path.Combine(folder, "helsefellesskap.db");
        ConnectionString = $"Data Source={Path}";
        Capture = new SqlCapture();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Default"] = ConnectionString })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddAppDatabase(configuration);
        services.ConfigureDbContext<AppDbContext>(o => o.AddInterceptors(Capture));
        services.AddFeatures();
        // The register reads as a signed-in user (the secretariat, who may read every case), as the page does.
        services.AddSingleton<AuthenticationStateProvider, BenchSignIn>();
        services.AddIdentityCore<ApplicationUser>().AddEntityFrameworkStores<AppDbContext>();
        // The seeder hashes ~80 demo passwords; the stored hash records its own count, so sign-in still works.
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000);
        Services = services.BuildServiceProvider();
    }

    public string Folder { get; }
    public string Path { get; }
    public string ConnectionString { get; }
    public SqlCapture Capture { get; }
    public ServiceProvider Services { get; }
    public IDbContextFactory<AppDbContext> Factory => Services.GetRequiredService<IDbContextFactory<AppDbContext>>();

    /// <summary>A fresh folder with a migrated database holding the app's demo data.</summary>
    public static async Task<BenchDatabase> CreateAsync()
    {
        var folder = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "helsefellesskap-bench", Guid.NewGuid().ToString("N"))).FullName;
        var database = new BenchDatabase(folder);
        await database.Services.MigrateAndSeedAsync();
        await using (var db = await database.Factory.CreateDbContextAsync())
            ((BenchSignIn)database.Services.GetRequiredService<AuthenticationStateProvider>()).UserId =
                (await db.Users.SingleAsync(u => u.UserName == EndToEndBench.UserName)).Id;
        return database;
    }

    /// <summary>Folds the WAL into the file, so the file's size is the database's size.</summary>
    public async Task CheckpointAsync()
    {
        await using var connection = await OpenAsync();
        await Scalar<long>(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
    }

    public long SizeInBytes() =>
        new[] { Path, Path + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);

    public async Task<IReadOnlyList<(string Table, long Rows)>> RowCountsAsync()
    {
        await using var connection = await OpenAsync();
        var counts = new List<(string, long)>();
        foreach (var table in new[] { "Cases", "Treatments", "Positions", "RequiredParties", "Wordings", "Ratifications", "CaseSearch" })
            counts.Add((table, await Scalar<long>(connection, $"SELECT COUNT(*) FROM \"{table}\";")));
        return counts;
    }

    public async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<T> Scalar<T>(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T));
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    /// <summary>Removes the folder, database, WAL and Data Protection keys.</summary>
    public void Delete()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}

/// <summary>The bench's user, signed in as the app's cookie would carry it: by user id.</summary>
internal sealed class BenchSignIn : AuthenticationStateProvider
{
    public string? UserId { get; set; }

    public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(
        UserId is null ? new ClaimsPrincipal(new ClaimsIdentity())
            : new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, UserId)], "Bench"))));
}
