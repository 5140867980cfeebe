using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features.Access;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Features.MyWork;

/// <summary>The signed-in person's worklist (/mitt-arbeid, the menu's count and the top of Oversikt).</summary>
public sealed class MyWorkQueries(IDbContextFactory<AppDbContext> dbFactory, Actors actors, TimeProvider clock)
{
    public async Task<IReadOnlyList<WorkItem>> MineAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var actor = await actors.CurrentAsync(db);
        if (actor.PersonId is not { } personId) return [];
        var today = OsloTime.Today(clock);
        return await WorkItems.GatherAsync(db, today, personId, await Cases.CaseRegister.UnreadableAsync(db, actor, today));
    }

    /// <summary>What the menu counts: everything that waits, but not meetings merely ahead.</summary>
    public static int Count(IEnumerable<WorkItem> items) => items.Count(i => i.Kind != WorkKind.Meeting);
}
