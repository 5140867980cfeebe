using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Helsefellesskap.Tests.Infrastructure;

/// <summary>A hash of every row of every table: equal fingerprints mean the database is unchanged.</summary>
public static class DatabaseFingerprint
{
    /// <param name="databasePath">A SQLite file's path, or a PostgreSQL database's name (<see cref="TestServices"/>).</param>
    public static async Task<string> OfAsync(string databasePath)
    {
        await using DbConnection connection = TestServices.OnPostgres
            ? new NpgsqlConnection(TestServices.ConnectionString(databasePath))
            : new SqliteConnection($"Data Source={databasePath}");
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = TestServices.OnPostgres
                ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"
                : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        var all = new StringBuilder();
        foreach (var table in tables)
        {
            var rows = new List<string>();
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var values = new object[reader.FieldCount];
                reader.GetValues(values);
                rows.Add(string.Join("\u001f", values.Select(v => v is byte[] b ? Convert.ToHexString(SHA256.HashData(b)) : Convert.ToString(v))));
            }
            rows.Sort(StringComparer.Ordinal);
            all.Append(table).Append('\u001e').AppendJoin('\u001d', rows).Append('\u001c');
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(all.ToString())));
    }
}
