using Helsefellesskap.Domain.FollowUp;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.App.Data.Seeding;

/// <summary>
/// Demo follow-up of the demo decisions: one action overdue, one completed, others in progress or not started.
/// Finds the decisions by title and the owners by user name, so it does not depend on how they were seeded.
/// </summary>
public static class FollowUpSeeder
{
    private const string Goal = "https://helsefellesskap-innlandet.example.no/handlingsplan-2026-2027";

    public static async Task SeedAsync(AppDbContext db)
    {
        var cases = await db.Cases.WithRecord().ToListAsync();
        var parties = await db.Parties.ToDictionaryAsync(p => p.Name, p => p.Id);
        var people = await db.Users.Where(u => u.PersonId != null).ToDictionaryAsync(u => u.UserName!, u => u.PersonId!.Value);
        var secretary = people["mari.hovde"];

        FollowUpAction? Action(string caseTitle, string what, string party, string person, DateOnly deadline, string? goalTitle = null)
        {
            var decision = cases.SingleOrDefault(c => c.Title == caseTitle);
            var treatment = decision?.Treatments.LastOrDefault(FollowUpAction.IsDecision);
            if (decision is null || treatment is null) return null;
            var action = FollowUpAction.For(decision, treatment.Id, what, parties[party], people[person], deadline,
                goalTitle is null ? null : GoalLink.Create(goalTitle, Goal), secretary, treatment.ClosedAt!.Value);
            db.FollowUpActions.Add(action);
            return action;
        }

        var introduced = Action("Felles prosedyre for utskrivningsklare pasienter",
            "Innføre prosedyren i alle divisjoner og helseregioner", "Sykehuset Innlandet HF", "geir.lien", new DateOnly(2026, 3, 1));
        introduced?.Complete("Innført i alle divisjoner og sju helseregioner fra 1. mars.", people["geir.lien"], OsloTime.At(new DateOnly(2026, 3, 2), 10));
        Action("Felles prosedyre for utskrivningsklare pasienter",
            "Evaluere prosedyren etter ett år og legge fram erfaringene for SSU", "Sykehuset Innlandet HF", "kjersti.haug", new DateOnly(2027, 3, 1));

        // Overdue: the municipal councils were to have treated the pathway by 1 October.
        var councils = Action("Pasientforløp for personer med kols i Innlandet",
            "Sende kolsforløpet til politisk behandling i alle kommunene", "Kommunene i Innlandet (samlet)", "mari.hovde",
            new DateOnly(2026, 10, 1), "Handlingsplan 2026–2027, mål 1: pasientforløp for personer med sammensatte behov");
        councils?.ReportProgress(70, "30 av 43 parter har behandlet saken; 13 mangler.", secretary, OsloTime.At(new DateOnly(2026, 9, 15), 12));

        var pilot = Action("Etablering av fagutvalg for psykisk helse barn og unge (pilot)",
            "Evaluere piloten og foreslå mandat for flere fagutvalg", "Helseregion Hamar", "silje.vang", new DateOnly(2027, 6, 30),
            "Handlingsplan 2026–2027, mål 2: barn og unge");
        pilot?.ReportProgress(20, "Evalueringsopplegg avtalt med NTNU Gjøvik.", people["silje.vang"], OsloTime.At(new DateOnly(2026, 11, 1), 12));

        Action("Helsefellesskapets prioriteringer for 2027",
            "Lage pasientforløp for skrøpelige eldre", "Kommunene i Innlandet (samlet)", "torstein.vik", new DateOnly(2027, 12, 31));

        db.AuditAction = "Demodata: oppfølgingstiltak lagt inn";
        await db.SaveChangesAsync();
    }
}
