using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Helsefellesskap.App.Data;

/// <summary>
/// For <c>dotnet ef</c> only: each provider's context without starting the app, so each set of migrations can be
/// added (<c>--context SqliteAppDbContext</c> or <c>--context PostgresAppDbContext</c>) with no server running.
/// <c>dotnet ef database update</c> uses <c>ConnectionStrings__Default</c> when it is set.
/// </summary>
public sealed class SqliteDesignTimeContext : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<SqliteAppDbContext>)new DbContextOptionsBuilder<SqliteAppDbContext>()
            .UseAppSqlite(Environment.GetEnvironmentVariable("ConnectionStrings__Default") ?? "Data Source=data/helsefellesskap.db").Options);
}

/// <inheritdoc cref="SqliteDesignTimeContext"/>
public sealed class PostgresDesignTimeContext : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<PostgresAppDbContext>)new DbContextOptionsBuilder<PostgresAppDbContext>()
            .UseAppPostgres(Environment.GetEnvironmentVariable("ConnectionStrings__Default") ?? "Host=localhost;Database=helsefellesskap").Options);
}
