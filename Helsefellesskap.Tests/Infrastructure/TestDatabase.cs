using Helsefellesskap.App.Components.Account;
using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

[assembly: AssemblyFixture(typeof(Helsefellesskap.Tests.Infrastructure.DemoDatabaseTemplate))]

namespace Helsefellesskap.Tests.Infrastructure;

/// <summary>A clock that stands still, so demo seats with terms in 2026–2027 stay current whenever tests run.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public static readonly DateTimeOffset DemoNow = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// Which database the tests run on: SQLite files (the default), or with <c>HF_TEST_DATABASE=postgres</c> databases on
/// the PostgreSQL server of <c>HF_TEST_POSTGRES</c> (default <c>Host=localhost;Username=hf_test;Password=hf_test</c>;
/// the role needs CREATEDB). A "database" in the tests is a SQLite file's path or a PostgreSQL database's name.
/// </summary>
public static class TestServices
{
    public static bool OnPostgres { get; } =
        string.Equals(Environment.GetEnvironmentVariable("HF_TEST_DATABASE"), "postgres", StringComparison.OrdinalIgnoreCase);

    public static string PostgresServer { get; } =
        Environment.GetEnvironmentVariable("HF_TEST_POSTGRES") is { Length: > 0 } server ? server : "Host=localhost;Username=hf_test;Password=hf_test";

    /// <summary>This run's databases on the server all start with it, so the run drops what it made and no other run's.</summary>
    public static readonly string RunPrefix = $"hf_test_{Guid.NewGuid().ToString("N")[..10]}_";

    /// <summary>Where the files beside a database go (keys, checkpoints, mail): one folder for the run's databases.</summary>
    public static string FilesDirectory { get; } =
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "helsefellesskap-tests")).FullName;

    /// <summary>A new database, not made yet: the first migration makes it (a PostgreSQL database too).</summary>
    public static string NewDatabasePath() => OnPostgres
        ? $"{RunPrefix}{Guid.NewGuid():N}"
        : Path.Combine(FilesDirectory, $"{Guid.NewGuid():N}.db");

    public static string ConnectionString(string database) => OnPostgres
        ? new NpgsqlConnectionStringBuilder(PostgresServer) { Database = database }.ToString()
        : $"Data Source={database}";

    public static IReadOnlyDictionary<string, string?> DatabaseSettings(string database) => OnPostgres
        ? new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres", ["ConnectionStrings:Default"] = ConnectionString(database),
            ["Database:Directory"] = FilesDirectory,
        }
        : new Dictionary<string, string?> { ["ConnectionStrings:Default"] = ConnectionString(database) };

    /// <summary>The app's own database registration on a database of the test's, with Identity for the seeder.</summary>
    public static ServiceProvider Build(string databasePath, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(DatabaseSettings(databasePath)).Build();
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

    /// <summary>
    /// A copy of <paramref name="source"/> under a new name. No connection to the source may be open (a PostgreSQL
    /// template cannot be copied while in use), so its pools are cleared first.
    /// </summary>
    public static string CopyDatabase(string source)
    {
        var target = NewDatabasePath();
        if (OnPostgres)
        {
            NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString(source)));
            // A running app's meeting bus listens through its own data source, outside the global pool: its connection
            // is ended (it reconnects). Only that one: other tests may be reading the source at this moment.
            Server($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{source}' AND application_name = 'helsefellesskap-bus'");
            // FILE_COPY copies the template's files (0.13-0.16 s here for the seeded 10 MB) where PostgreSQL 15's default,
            // WAL_LOG, writes every page through the log (0.22-0.29 s): once per test, over a thousand times a run.
            Server($"CREATE DATABASE \"{target}\" TEMPLATE \"{source}\" STRATEGY FILE_COPY");
        }
        else
        {
            SqliteConnection.ClearAllPools();
            File.Copy(source, target);
        }
        return target;
    }

    /// <summary>Drops the database (and its SQLite side files); connections still open to it are closed.</summary>
    public static void DeleteDatabase(string database)
    {
        if (OnPostgres)
        {
            NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString(database)));
            Server($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
        else
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { database, database + "-wal", database + "-shm" }) File.Delete(file);
        }
    }

    /// <summary>Drops every database this run made on the server, whether or not its test dropped it.</summary>
    public static void DeleteRunDatabases()
    {
        if (!OnPostgres) return;
        NpgsqlConnection.ClearAllPools();
        var names = new List<string>();
        using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresServer) { Database = "postgres", Pooling = false }.ToString()))
        {
            connection.Open();
            using var list = new NpgsqlCommand("SELECT datname FROM pg_database WHERE starts_with(datname, @prefix)", connection);
            list.Parameters.AddWithValue("prefix", RunPrefix);
            using var reader = list.ExecuteReader();
            while (reader.Read()) names.Add(reader.GetString(0));
        }
        foreach (var name in names) Server($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static void Server(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresServer) { Database = "postgres", Pooling = false }.ToString());
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    /// <summary>Drops a trigger, in the provider's words (PostgreSQL names the table too).</summary>
    public static string DropTrigger(string trigger, string table) =>
        OnPostgres ? $"DROP TRIGGER \"{trigger}\" ON \"{table}\";" : $"DROP TRIGGER \"{trigger}\";";

    /// <summary>
    /// SQL straight into the database, past the app, as someone with access to the server or the file would; its
    /// own connection, not pooled. Write identifiers quoted ("Cases") and the statement runs on either provider.
    /// </summary>
    public static async Task<int> SqlAsync(string database, string sql)
    {
        await using System.Data.Common.DbConnection connection = OnPostgres
            ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString(database)) { Pooling = false }.ToString())
            : new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }
}

/// <summary>Migrates and seeds one database per test run; each test works on its own copy.</summary>
public sealed class DemoDatabaseTemplate : IAsyncLifetime
{
    public string TemplatePath { get; } = TestServices.NewDatabasePath();

    public async ValueTask InitializeAsync()
    {
        await using (var services = TestServices.Build(TemplatePath))
            await services.MigrateAndSeedAsync();
        if (TestServices.OnPostgres)
        {
            NpgsqlConnection.ClearAllPools();
            return;
        }
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
        var path = TestServices.CopyDatabase(TemplatePath);
        return new TestDatabase(path, TestServices.Build(path, configure));
    }

    public ValueTask DisposeAsync()
    {
        TestServices.DeleteDatabase(TemplatePath);
        TestServices.DeleteRunDatabases();
        return ValueTask.CompletedTask;
    }
}

/// <param name="path">A SQLite file's path, or a PostgreSQL database's name (<see cref="TestServices"/>).</param>
public sealed class TestDatabase(string path, ServiceProvider services) : IAsyncDisposable
{
    public string Path { get; } = path;
    public ServiceProvider Services { get; } = services;
    public IDbContextFactory<AppDbContext> Factory => Services.GetRequiredService<IDbContextFactory<AppDbContext>>();

    public AppDbContext NewContext() => Factory.CreateDbContext();

    /// <summary>SQL past the app (<see cref="TestServices.SqlAsync"/>).</summary>
    public Task<int> SqlAsync(string sql) => TestServices.SqlAsync(Path, sql);

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        TestServices.DeleteDatabase(Path);
    }
}
