using Helsefellesskap.App.Components.Account;
using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

[assembly: AssemblyFixture(typeof(Helsefellesskap.Tests.Infrastructure.DemoDatabaseTemplate))]

namespace Helsefellesskap.Tests.Infrastructure;

/// <summary>A clock that stands still, so demo seats with terms in 2026–2027 stay current whenever tests run.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public static readonly DateTimeOffset DemoNow = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}

public static class TestServices
{
    public static string NewDatabasePath() =>
        Path.Combine(Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "helsefellesskap-tests")).FullName, $"{Guid.NewGuid():N}.db");

    /// <summary>The app's own database registration on a file of the test's, with Identity for the seeder.</summary>
    public static ServiceProvider Build(string databasePath, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Default"] = $"Data Source={databasePath}" })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new FixedClock(FixedClock.DemoNow));
        services.AddAppDatabase(configuration);
        services.AddFeatures();
        // The app's Identity rules, so user administration is tested against the same password rules and messages.
        services.AddAppIdentity();
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        // Hashing 80 demo passwords at full strength takes seconds; the stored hash records its own count.
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000);
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }
}

/// <summary>Migrates and seeds one SQLite file per test run; each test works on its own copy.</summary>
public sealed class DemoDatabaseTemplate : IAsyncLifetime
{
    public string TemplatePath { get; } = TestServices.NewDatabasePath();

    public async ValueTask InitializeAsync()
    {
        await using (var services = TestServices.Build(TemplatePath))
            await services.MigrateAndSeedAsync();
        await using (var connection = new SqliteConnection($"Data Source={TemplatePath}"))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            // Fold the WAL into the file, so copying the file copies everything.
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync();
        }
        SqliteConnection.ClearAllPools();
    }

    public TestDatabase Copy(Action<IServiceCollection>? configure = null)
    {
        var path = TestServices.NewDatabasePath();
        File.Copy(TemplatePath, path);
        return new TestDatabase(path, TestServices.Build(path, configure));
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(TemplatePath);
        return ValueTask.CompletedTask;
    }
}

public sealed class TestDatabase(string path, ServiceProvider services) : IAsyncDisposable
{
    public string Path { get; } = path;
    public ServiceProvider Services { get; } = services;
    public IDbContextFactory<AppDbContext> Factory => Services.GetRequiredService<IDbContextFactory<AppDbContext>>();

    public AppDbContext NewContext() => Factory.CreateDbContext();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { Path, Path + "-wal", Path + "-shm" }) File.Delete(file);
    }
}
