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
    private string? Stored()
    {
        using var db = dbFactory.CreateDbContext();
        return db.Partnerships.AsNoTracking().OrderBy(p => p.Name).Select(p => p.Name).FirstOrDefault();
    }

    public override string ToString() => Value;
}
