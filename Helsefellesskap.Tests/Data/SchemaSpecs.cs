using System.Data.Common;
using Helsefellesskap.App.Data;
using Helsefellesskap.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Helsefellesskap.Tests.Data;

/// <summary>
/// Each provider's migrations make the whole schema, the SQL objects of SqlObjects included, on an empty database:
/// what the seeded template has (tables, columns, indexes, triggers, functions, collations) a fresh one has too.
/// Runs on the provider the test run uses (HF_TEST_DATABASE).
/// </summary>
public sealed class SchemaSpecs(DemoDatabaseTemplate template)
{
    [Fact]
    public async Task An_empty_database_migrated_has_the_schema_of_the_seeded_one_with_every_sql_object()
    {
        var path = TestServices.NewDatabasePath();
        try
        {
            await using (var services = TestServices.Build(path))
            await using (var db = services.GetRequiredService<AppDbContext>())
            {
                await db.Database.MigrateAsync();
                Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            }
            var migrated = await SchemaAsync(path);
            var seeded = await SchemaAsync(template.TemplatePath);

            Assert.Equal(seeded, migrated);
            string[] objects = TestServices.OnPostgres
                ? ["collation nb_nocase", "column Cases.SearchVector tsvector", "index IX_Cases_SearchVector", "index IX_Cases_NumberOrder",
                   "index IX_Cases_TitleOrder", "trigger AuditRecords_no_update", "trigger AuditRecords_no_delete",
                   "trigger AuditRecords_no_truncate", "function audit_records_append_only"]
                : ["table CaseSearch", "trigger Cases_search_insert", "trigger Cases_search_update", "trigger Cases_search_delete",
                   "index IX_Cases_NumberOrder", "index IX_Cases_TitleOrder", "trigger AuditRecords_no_update", "trigger AuditRecords_no_delete"];
            foreach (var name in objects) Assert.Contains(migrated, line => line.StartsWith(name + " ", StringComparison.Ordinal) || line == name);
        }
        finally { TestServices.DeleteDatabase(path); }
    }

    [Fact]
    public async Task Health_answers_healthy_while_the_configured_database_answers_and_unhealthy_when_it_does_not()
    {
        await using var database = template.Copy();
        var healthy = await database.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Healthy, healthy.Status);
        Assert.Equal(["database"], healthy.Entries.Keys);

        // A database that cannot be opened: a PostgreSQL name never made, a folder where a SQLite file should be.
        var missing = TestServices.OnPostgres ? TestServices.NewDatabasePath() : TestServices.FilesDirectory;
        await using var broken = TestServices.Build(missing);
        var unhealthy = await broken.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Unhealthy, unhealthy.Status);
    }

    /// <summary>One line per schema object, with its definition as the database reports it, sorted.</summary>
    private static async Task<List<string>> SchemaAsync(string database)
    {
        await using DbConnection connection = TestServices.OnPostgres
            ? new Npgsql.NpgsqlConnection(TestServices.ConnectionString(database))
            : new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = TestServices.OnPostgres
            ? """
              SELECT 'table ' || table_name FROM information_schema.tables WHERE table_schema = 'public'
              UNION ALL SELECT 'column ' || table_name || '.' || column_name || ' ' || udt_name || ' ' || is_nullable || ' ' || coalesce(column_default, '')
                  || ' ' || coalesce(collation_name, '') || ' ' || coalesce(generation_expression, '')
                  FROM information_schema.columns WHERE table_schema = 'public'
              UNION ALL SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
              UNION ALL SELECT 'constraint ' || conname || ' ' || pg_get_constraintdef(c.oid) FROM pg_constraint c
                  JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public'
              UNION ALL SELECT 'trigger ' || tgname || ' ' || pg_get_triggerdef(t.oid) FROM pg_trigger t WHERE NOT tgisinternal
              UNION ALL SELECT 'function ' || proname || ' ' || md5(prosrc) FROM pg_proc p
                  JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
              UNION ALL SELECT 'collation ' || collname || ' ' || coalesce(colliculocale, '') || ' ' || collisdeterministic FROM pg_collation c
                  JOIN pg_namespace n ON n.oid = c.collnamespace WHERE n.nspname = 'public'
              """
            : "SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'";
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
