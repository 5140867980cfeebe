using Helsefellesskap.App.Data;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Tests.Data;

/// <summary>The backup command's copy: consistent, checked, and the same data when opened.</summary>
public sealed class BackupSpecs(DemoDatabaseTemplate template) : ServiceSpec(template)
{
    private const string SqliteOnly = "VACUUM INTO copies a SQLite file; a PostgreSQL server is backed up with pg_dump.";

    [Fact]
    public async Task A_backup_is_a_checked_copy_that_opens_and_holds_the_data()
    {
        Assert.SkipWhen(TestServices.OnPostgres, SqliteOnly);
        var target = Path.Combine(Path.GetTempPath(), "helsefellesskap-tests", $"backup-{Guid.NewGuid():N}.db");
        await using var db = Database.NewContext();
        var cases = await db.Cases.CountAsync();
        var audit = await db.AuditRecords.CountAsync();

        var written = await DatabaseSetup.BackupAsync($"Data Source={Database.Path}", target);

        await using (var copy = new SqliteConnection($"Data Source={written};Mode=ReadOnly;Pooling=False"))
        {
            await copy.OpenAsync();
            await using var count = copy.CreateCommand();
            count.CommandText = "SELECT (SELECT COUNT(*) FROM Cases), (SELECT COUNT(*) FROM AuditRecords);";
            await using var reader = await count.ExecuteReaderAsync();
            await reader.ReadAsync();
            Assert.Equal((cases, audit), (reader.GetInt32(0), reader.GetInt32(1)));
        }
        await Assert.ThrowsAsync<IOException>(() => DatabaseSetup.BackupAsync($"Data Source={Database.Path}", target));
        File.Delete(written);
    }

    [Fact]
    public async Task Before_pending_migrations_are_applied_at_start_up_the_file_is_copied_as_it_was()
    {
        Assert.SkipWhen(TestServices.OnPostgres, SqliteOnly);
        var path = TestServices.NewDatabasePath();
        string before;
        List<string> all;
        await using (var services = TestServices.Build(path))
        {
            await using var db = services.GetRequiredService<AppDbContext>();
            all = db.Database.GetMigrations().ToList();
            before = all[^2];
            // A database of the previous version of the app: every migration but the last applied.
            await db.GetService<IMigrator>().MigrateAsync(before);
        }
        await using (var services = TestServices.Build(path))
            await services.MigrateAndSeedAsync();

        var copy = $"{path}.before-{all[^1]}.bak";
        Assert.True(File.Exists(copy));
        await using (var old = new SqliteConnection($"Data Source={copy};Mode=ReadOnly;Pooling=False"))
        {
            await old.OpenAsync();
            await using var applied = old.CreateCommand();
            applied.CommandText = "SELECT MAX(MigrationId) FROM __EFMigrationsHistory;";
            Assert.Equal(before, await applied.ExecuteScalarAsync());
        }
        await using (var services = TestServices.Build(path))
        await using (var db = services.GetRequiredService<AppDbContext>())
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        File.Delete(copy);
        TestServices.DeleteDatabase(path);
    }

    [Fact]
    public async Task Without_pending_migrations_or_without_a_database_start_up_copies_nothing()
    {
        Assert.SkipWhen(TestServices.OnPostgres, SqliteOnly);
        var location = Service<DatabaseLocation>();
        await using (var db = Database.NewContext())
            Assert.Null(await DatabaseSetup.BackUpBeforeMigratingAsync(db, location));
        var path = TestServices.NewDatabasePath();
        await using var services = TestServices.Build(path);
        await services.MigrateAndSeedAsync();
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + ".before-*"));
        TestServices.DeleteDatabase(path);
    }
}
