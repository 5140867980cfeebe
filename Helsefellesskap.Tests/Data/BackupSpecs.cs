using Helsefellesskap.App.Data;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.Tests.Data;

/// <summary>The backup command's copy: consistent, checked, and the same data when opened.</summary>
public sealed class BackupSpecs(DemoDatabaseTemplate template) : ServiceSpec(template)
{
    [Fact]
    public async Task A_backup_is_a_checked_copy_that_opens_and_holds_the_data()
    {
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
}
