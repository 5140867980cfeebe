using Helsefellesskap.App.Data;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Shared;

/// <summary>
/// The partnership's name as every page, feed and e-mail says it: the partnership record in the database, or, before
/// there is one, <c>Partnership:Name</c> from the configuration.
/// </summary>
public sealed class PartnershipName(IDbContextFactory<AppDbContext> dbFactory, IConfiguration? configuration = null)
{
    private string? stored;

    public string Value => stored ??= Stored() ?? Configured;

    private string Configured => configuration?["Partnership:Name"] is { Length: > 0 } name ? name : "Helsefellesskap";

    // Only the database's answer is kept: a name read before the partnership was seeded is asked for again.
    // Plain SQL: the e-mail settings ask for the name while the app starts, and a LINQ query there compiled EF's query
    // pipeline on the way to the first answer (about 0.4 s of a start; bench/README.md, cold start).
    private string? Stored()
    {
        using var db = dbFactory.CreateDbContext();
        db.Database.OpenConnection();
        try
        {
            using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = """SELECT "Name" FROM "Partnerships" ORDER BY "Name" LIMIT 1""";
            return command.ExecuteScalar() as string;
        }
        finally
        {
            db.Database.CloseConnection();
        }
    }

    public override string ToString() => Value;
}
