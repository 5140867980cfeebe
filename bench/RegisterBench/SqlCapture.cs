using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace RegisterBench;

/// <summary>A command EF sent, with its parameters, to be explained afterwards.</summary>
public sealed record CapturedCommand(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters);

/// <summary>
/// Records the SQL that the register's queries send while <see cref="Recording"/> is on, so the bench can show
/// SQLite's plan for the statements of a slow scenario. Off while timing.
/// </summary>
public sealed class SqlCapture : DbCommandInterceptor
{
    private readonly List<CapturedCommand> commands = [];

    public bool Recording { get; private set; }

    public void Start()
    {
        lock (commands) commands.Clear();
        Recording = true;
    }

    public IReadOnlyList<CapturedCommand> Stop()
    {
        Recording = false;
        lock (commands) return commands.ToList();
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    private void Record(DbCommand command)
    {
        if (!Recording) return;
        var parameters = command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList();
        lock (commands) commands.Add(new CapturedCommand(command.CommandText, parameters));
    }

    /// <summary>SQLite's <c>EXPLAIN QUERY PLAN</c> for a captured command, as an indented tree.</summary>
    public static async Task<string> ExplainAsync(SqliteConnection connection, CapturedCommand captured)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + captured.Sql;
        foreach (var (name, value) in captured.Parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        var depth = new Dictionary<long, int> { [0] = 0 };
        var plan = new StringBuilder();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var id = reader.GetInt64(0);
            var parent = reader.GetInt64(1);
            var level = depth.GetValueOrDefault(parent) + 1;
            depth[id] = level;
            plan.Append(' ', 2 * level).Append("- ").AppendLine(reader.GetString(3));
        }
        return plan.ToString();
    }
}
