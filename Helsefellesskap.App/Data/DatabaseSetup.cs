using Helsefellesskap.App.Data.Seeding;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Helsefellesskap.App.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <param name="ConnectionString">As configured (a SQLite file's path made absolute).</param>
/// <param name="Directory">Where the files beside the database live: keys, checkpoints, the mail pickup folder.</param>
/// <param name="Name">The SQLite file's full path, or the PostgreSQL database's name.</param>
public sealed record DatabaseLocation(string ConnectionString, string Directory, DatabaseProvider Provider, string Name)
{
    /// <summary>A SQLite file.</summary>
    public DatabaseLocation(string connectionString, string directory)
        : this(connectionString, directory, DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder(connectionString).DataSource) { }

    /// <summary>The options of this database's context, for a context made outside the app's services (verify-record).</summary>
    public AppDbContext NewContext() => Provider == DatabaseProvider.Postgres
        ? new PostgresAppDbContext((DbContextOptions<PostgresAppDbContext>)new DbContextOptionsBuilder<PostgresAppDbContext>().UseAppPostgres(ConnectionString).Options)
        : new SqliteAppDbContext((DbContextOptions<SqliteAppDbContext>)new DbContextOptionsBuilder<SqliteAppDbContext>().UseAppSqlite(ConnectionString).Options);
}

public static class DatabaseSetup
{
    public const string ProviderSetting = "Database:Provider";
    public const string DirectorySetting = "Database:Directory";

    /// <summary><c>Database:Provider</c>: <c>Sqlite</c> (the default) or <c>Postgres</c>.</summary>
    public static DatabaseProvider ProviderOf(IConfiguration configuration) =>
        configuration[ProviderSetting] is { Length: > 0 } name
            ? Enum.TryParse<DatabaseProvider>(name, ignoreCase: true, out var provider) ? provider
                : name.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase) ? DatabaseProvider.Postgres
                : throw new InvalidOperationException($"{ProviderSetting} er «{name}»; bruk Sqlite eller Postgres.")
            : DatabaseProvider.Sqlite;

    /// <summary>
    /// The database from <c>Database:Provider</c> and <c>ConnectionStrings:Default</c>: by default one SQLite file,
    /// <c>data/helsefellesskap.db</c> under the directory the app runs in; with <c>Postgres</c> a PostgreSQL
    /// database (the connection string is then required). Components get one context per operation through the
    /// factory; <see cref="AppDbContext"/> and its factory resolve to the configured provider's context.
    /// </summary>
    public static DatabaseLocation AddAppDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var location = LocationOf(configuration);
        Directory.CreateDirectory(location.Directory);
        if (location.Provider == DatabaseProvider.Postgres)
            services.AddProviderContext<PostgresAppDbContext>(o => o.UseAppPostgres(location.ConnectionString));
        else
            services.AddProviderContext<SqliteAppDbContext>(o => o.UseAppSqlite(location.ConnectionString));
        services.AddScoped<DemoSeeder>();
        services.AddSingleton(new WriteGate(serialise: location.Provider == DatabaseProvider.Sqlite));
        services.AddSingleton<RegisterProjection>();
        services.AddSingleton(location);
        // How a live meeting's change reaches the screens: between app servers on PostgreSQL, in process on SQLite.
        Features.Meetings.Live.MeetingBusSetup.AddMeetingBus(services, location);
        // Outside the database, so that whoever edits the file cannot also forge the chain or its published heads.
        services.AddSingleton(_ => Audit.AuditKey.Load(configuration, location.Directory, create: true)!);
        services.AddSingleton(_ => new Audit.AuditCheckpoints(Audit.AuditCheckpoints.FileFor(configuration, location.Name, location.Directory)));
        // /health answers healthy only while the configured database answers.
        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database");
        return location;
    }

    public static DatabaseLocation LocationOf(IConfiguration configuration)
    {
        var provider = ProviderOf(configuration);
        var configured = configuration.GetConnectionString("Default");
        if (provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(configured))
                throw new InvalidOperationException("Database:Provider er Postgres, men ConnectionStrings:Default mangler.");
            return new DatabaseLocation(configured, Path.GetFullPath(configuration[DirectorySetting] is { Length: > 0 } d ? d : "data"), provider,
                new NpgsqlConnectionStringBuilder(configured).Database ?? "");
        }
        var connection = new SqliteConnectionStringBuilder(configured ?? "Data Source=data/helsefellesskap.db");
        var isFile = connection.Mode != SqliteOpenMode.Memory && !connection.DataSource.StartsWith(':');
        if (isFile) connection.DataSource = Path.GetFullPath(connection.DataSource);
        var directory = configuration[DirectorySetting] is { Length: > 0 } dir ? Path.GetFullPath(dir)
            : isFile ? Path.GetDirectoryName(connection.DataSource)! : Path.GetFullPath("data");
        return new DatabaseLocation(connection.ToString(), directory, provider, connection.DataSource);
    }

    // Each provider's model compiled ahead (Data/CompiledModels, `dotnet ef dbcontext optimize`): building it took 1.1-1.3 s
    // of CPU at every start. CompiledModelSpecs fails when the configuration has changed and the code has not been regenerated.
    internal static DbContextOptionsBuilder UseAppSqlite(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, sqlite => sqlite.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery))
            .UseModel(CompiledModels.Sqlite.SqliteAppDbContextModel.Instance);

    internal static DbContextOptionsBuilder UseAppPostgres(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery))
            .UseModel(CompiledModels.Postgres.PostgresAppDbContextModel.Instance);

    private static void AddProviderContext<TContext>(this IServiceCollection services, Action<DbContextOptionsBuilder> configure)
        where TContext : AppDbContext
    {
        // Registers the factory and the context itself (scoped); the app asks for AppDbContext, which is this one.
        services.AddDbContextFactory<TContext>(configure);
        services.AddSingleton<IDbContextFactory<AppDbContext>>(sp => new ProviderFactory<TContext>(sp.GetRequiredService<IDbContextFactory<TContext>>()));
        services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<TContext>());
    }

    private sealed class ProviderFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<AppDbContext>
        where TContext : AppDbContext
    {
        public AppDbContext CreateDbContext() => inner.CreateDbContext();
        public async Task<AppDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            await inner.CreateDbContextAsync(cancellationToken);
    }

    /// <summary>
    /// What a start does beyond migrations: seed an empty database, and the upgrade backfills
    /// (<see cref="NextStepBackfill"/>, <see cref="ProposalDraftBackfill"/>, <see cref="RecordBackfill"/>), which bring
    /// rows written before a change up to date and find nothing afterwards. Once a database has had them, its
    /// <see cref="AppSetting"/> says so and a start skips them (their queries took most of a second at every start).
    /// Bump the version when a backfill is added or changed, so that every database runs them once more.
    /// </summary>
    public const string SetupVersion = "1";
    public const string SetupVersionSetting = "DatabaseSetup.Version";

    public static async Task MigrateAndSeedAsync(this IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var location = scope.ServiceProvider.GetRequiredService<DatabaseLocation>();
        // MigrateAsync first compares the model with the migrations' snapshot, which costs about a second even when
        // nothing is pending; so it runs only when the history table lacks one of the app's migrations.
        if (await HasPendingMigrationsAsync(db))
        {
            if (location.Provider == DatabaseProvider.Sqlite)
                await BackUpBeforeMigratingAsync(db, location, scope.ServiceProvider.GetService<ILoggerFactory>()?.CreateLogger(typeof(DatabaseSetup)));
            await db.Database.MigrateAsync();
        }
        // WAL lets readers go on while one writer commits; it is a property of the file and persists.
        if (location.Provider == DatabaseProvider.Sqlite) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        if (await AppSetting.ReadAsync(db, SetupVersionSetting) != SetupVersion)
        {
            await NextStepBackfill.RunAsync(db);
            await ProposalDraftBackfill.RunAsync(db);
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
            await RecordBackfill.RunAsync(scope.ServiceProvider);
            await AppSetting.WriteAsync(scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>(), SetupVersionSetting, SetupVersion);
        }
        await scope.ServiceProvider.GetRequiredService<RegisterProjection>().RecomputeWhenRulesChangedAsync();
    }

    /// <summary>
    /// Whether the database lacks one of the app's migrations. EF's own GetPendingMigrationsAsync builds a model of
    /// the history table with its conventions and checks that the table exists first, about a quarter of a second of
    /// every start (bench/README.md, cold start); the history table's ids are read here with plain SQL instead.
    /// </summary>
    public static async Task<bool> HasPendingMigrationsAsync(AppDbContext db)
    {
        // No database yet (a new PostgreSQL database): MigrateAsync makes it. Asked first, as EF's check does, because
        // a failed open is logged as an error.
        if (!await db.Database.CanConnectAsync()) return true;
        var applied = new HashSet<string>();
        try
        {
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = """SELECT "MigrationId" FROM "__EFMigrationsHistory" """;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) applied.Add(reader.GetString(0));
        }
        catch (System.Data.Common.DbException)
        {
            return true; // no history table: a new database
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return db.Database.GetMigrations().Any(id => !applied.Contains(id));
    }

    /// <summary>
    /// Before a SQLite file that holds data takes pending migrations, a checked copy of it beside it,
    /// <c>&lt;file&gt;.before-&lt;last pending migration&gt;.bak</c>: a migration that fails or loses something can be
    /// undone by putting the copy back. A copy already there is kept: it was made before an earlier, failed attempt.
    /// Returns the copy's path, or null when none was needed.
    /// </summary>
    public static async Task<string?> BackUpBeforeMigratingAsync(AppDbContext db, DatabaseLocation location, ILogger? logger = null)
    {
        if (!File.Exists(location.Name) || new FileInfo(location.Name).Length == 0) return null;
        if (!(await db.Database.GetAppliedMigrationsAsync()).Any()) return null;
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        if (pending.Count == 0) return null;
        var target = $"{location.Name}.before-{pending[^1]}.bak";
        if (File.Exists(target)) return target;
        await BackupAsync(location.ConnectionString, target);
        logger?.LogWarning("Databasen har {Count} ventende migreringer; kopi tatt først: {Backup}", pending.Count, target);
        return target;
    }

    /// <summary>
    /// A consistent copy of the live database in <paramref name="targetFile"/>, made with <c>VACUUM INTO</c>, which
    /// reads one snapshot (the WAL included) while the app goes on writing, and then checked with
    /// <c>PRAGMA integrity_check</c>. Refuses to overwrite a file. Returns the copy's full path.
    /// </summary>
    public static async Task<string> BackupAsync(string connectionString, string targetFile, CancellationToken cancellationToken = default)
    {
        var source = new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadWrite };
        if (!File.Exists(source.DataSource)) throw new FileNotFoundException($"Fant ikke databasen {source.DataSource}.");
        var target = Path.GetFullPath(targetFile);
        if (File.Exists(target)) throw new IOException($"{target} finnes allerede; velg et nytt filnavn.");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);

        await using (var connection = new SqliteConnection(source.ToString()))
        {
            await connection.OpenAsync(cancellationToken);
            await using var vacuum = connection.CreateCommand();
            vacuum.CommandText = "VACUUM INTO $target;";
            vacuum.Parameters.AddWithValue("$target", target);
            await vacuum.ExecuteNonQueryAsync(cancellationToken);
        }
        var copy = new SqliteConnectionStringBuilder { DataSource = target, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        await using (var connection = new SqliteConnection(copy.ToString()))
        {
            await connection.OpenAsync(cancellationToken);
            await using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check;";
            var result = (string?)await check.ExecuteScalarAsync(cancellationToken);
            if (result != "ok") throw new InvalidDataException($"Sikkerhetskopien {target} er skadet: {result}");
        }
        return target;
    }
}
