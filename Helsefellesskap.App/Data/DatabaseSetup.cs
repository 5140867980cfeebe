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
        services.AddSingleton(new DatabaseLocation(connection.ToString(), directory));
        return new DatabaseLocation(connection.ToString(), directory);
    }

    public static async Task MigrateAndSeedAsync(this IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync();
        // WAL lets readers go on while one writer commits; it is a property of the file and persists.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        await NextStepBackfill.RunAsync(db);
        await ProposalDraftBackfill.RunAsync(db);
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
        await RecordBackfill.RunAsync(scope.ServiceProvider);
    }
}
