using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Data;

/// <summary>The app's model on one SQLite file: the embedded default. Its migrations are in Data/Migrations.</summary>
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    public override string CaseInsensitiveCollation => "NOCASE";

    /// <summary>FTS5's CaseSearch table (SqlObjects.Sqlite), each word a quoted prefix term.</summary>
    protected override IQueryable<Guid> CaseSearchHits(IReadOnlyList<string> words)
    {
        var match = string.Join(" ", words.Select(w => $"\"{w}\"*"));
        return Database.SqlQuery<Guid>($"SELECT CaseId AS Value FROM CaseSearch WHERE CaseSearch MATCH {match}");
    }

    /// <summary>Microsoft.Data.Sqlite begins every transaction IMMEDIATE: the file's one writer lock is held already.</summary>
    protected override Task LockAuditChainAsync(bool async, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// The app's model on a PostgreSQL server, shared by every app server. Its migrations are in Data/Migrations/Postgres.
/// </summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options)
{
    /// <summary>An ICU collation made by the first migration: Norwegian order, case ignored (SqlObjects.Postgres).</summary>
    public override string CaseInsensitiveCollation => "nb_nocase";

    /// <summary>The key of the transaction-scoped advisory lock that every writer of the audit chain takes.</summary>
    public const long AuditChainLock = 0x48_46_41_55_44_49_54; // "HFAUDIT"

    /// <summary>The stored tsvector of Cases ('simple': no stemming, as FTS5's unicode61), each word a prefix (:*).</summary>
    protected override IQueryable<Guid> CaseSearchHits(IReadOnlyList<string> words)
    {
        var query = string.Join(" & ", words.Select(w => $"'{w}':*"));
        return Database.SqlQuery<Guid>($"""SELECT "Id" AS "Value" FROM "Cases" WHERE "SearchVector" @@ to_tsquery('simple', {query})""");
    }

    protected override async Task LockAuditChainAsync(bool async, CancellationToken cancellationToken)
    {
        if (async) await Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AuditChainLock})", cancellationToken);
        else Database.ExecuteSql($"SELECT pg_advisory_xact_lock({AuditChainLock})");
    }

    public override async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction?> BeginTurnAsync(Guid key)
    {
        var transaction = await Database.BeginTransactionAsync();
        await Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key.ToString("N")}, 0))");
        return transaction;
    }
}

/// <summary>What a user typed into a search field, as the words a full-text index matches.</summary>
public static partial class FullText
{
    /// <summary>Each run of letters and digits; everything else (quotes, operators, punctuation) only separates words.</summary>
    public static IReadOnlyList<string> Words(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : WordPattern().Matches(text).Select(m => m.Value).ToList();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();
}
