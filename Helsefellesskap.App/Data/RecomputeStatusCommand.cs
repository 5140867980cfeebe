using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Data;

/// <summary>
/// <c>dotnet run --project Helsefellesskap.App -- recompute-status</c>: the register's stored status and outcome
/// recomputed for every case (<see cref="RegisterProjection"/>), through the audited save, with the app's own
/// services (its audit key). Exits 0 when done, 2 when the database is not migrated yet.
/// </summary>
public static class RecomputeStatusCommand
{
    public const string Name = "recompute-status";

    public static bool Matches(string[] args) => args is [Name];

    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output)
    {
        await using (var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
            if ((await db.Database.GetPendingMigrationsAsync()).Any())
            {
                await output.WriteLineAsync("Databasen er ikke oppgradert. Start appen én gang først, så den oppgraderes.");
                return 2;
            }
        var corrected = await services.GetRequiredService<RegisterProjection>().RecomputeAllAsync();
        await output.WriteLineAsync(corrected == 0
            ? "Status og utfall var riktige for alle saker. Ingenting ble endret."
            : $"Status eller utfall rettet for {corrected} {(corrected == 1 ? "sak" : "saker")}; hver endring står i revisjonsloggen.");
        return 0;
    }
}
