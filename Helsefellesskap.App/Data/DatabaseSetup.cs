using Helsefellesskap.App.Data.Seeding;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Data;

public sealed record DatabaseLocation(string ConnectionString, string Directory);

public static class DatabaseSetup
{
    /// <summary>
    /// One SQLite file, from <c>ConnectionStrings:Default</c>; by default <c>data/helsefellesskap.db</c> under the
    /// directory the app runs in. Components get one context per operation through the factory.
    /// </summary>
    public static DatabaseLocation AddAppDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var connection = new SqliteConnectionStringBuilder(
            configuration.GetConnectionString("Default") ?? "Data Source=data/helsefellesskap.db");
        var isFile = connection.Mode != SqliteOpenMode.Memory && !connection.DataSource.StartsWith(':');
        if (isFile) connection.DataSource = Path.GetFullPath(connection.DataSource);
        var directory = isFile ? Path.GetDirectoryName(connection.DataSource)! : Path.GetFullPath("data");
        Directory.CreateDirectory(directory);

        services.AddDbContextFactory<AppDbContext>(o =>
            o.UseSqlite(connection.ToString(), sqlite => sqlite.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)));
        services.AddScoped<DemoSeeder>();
        services.AddSingleton<WriteGate>();
        services.AddSingleton<RegisterProjection>();
        services.AddSingleton(new DatabaseLocation(connection.ToString(), directory));
        // Outside the database, so that whoever edits the file cannot also forge the chain or its published heads.
        services.AddSingleton(_ => Audit.AuditKey.Load(configuration, directory, create: true)!);
        services.AddSingleton(_ => new Audit.AuditCheckpoints(Audit.AuditCheckpoints.FileFor(configuration, connection.DataSource, directory)));
        return new DatabaseLocation(connection.ToString(), directory);
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
        // MigrateAsync first compares the model with the migrations' snapshot, which costs about a second even when
        // nothing is pending; the list of pending migrations reads the history table only.
        if ((await db.Database.GetPendingMigrationsAsync()).Any()) await db.Database.MigrateAsync();
        // WAL lets readers go on while one writer commits; it is a property of the file and persists.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
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
