using Helsefellesskap.App.Features.FollowUp;
using Helsefellesskap.App.Data;
using Helsefellesskap.Domain.FollowUp;
using Microsoft.EntityFrameworkCore;

namespace Helsefellesskap.Tests.Access;

/// <summary>The follow-up rows of the matrix, on SSU's decision on discharge-ready patients.</summary>
public sealed partial class RoleMatrixSpecs
{
    private const string Decision = "Felles prosedyre for utskrivningsklare pasienter";
    private Guid ownFollowUp;

    /// <summary>For "own" actions: the secretariat first makes the persona responsible for one.</summary>
    private async Task PrepareFollowUpAsync(string command, string? user)
    {
        if (command != "UpdateOwnFollowUp" || user is null) return;
        await As("mari.hovde");
        var (caseId, treatmentId) = await DecisionAsync();
        await using var db = Database.NewContext();
        var person = await db.Users.Where(u => u.UserName == user).Select(u => u.PersonId!.Value).SingleAsync();
        var party = await db.Parties.Where(p => p.Name == "Sykehuset Innlandet HF").Select(p => p.Id).SingleAsync();
        ownFollowUp = await Service<FollowUpWork>().CreateAsync(caseId, treatmentId,
            new FollowUpInput("Lage opplæringsplan for prosedyren", party, person, new DateOnly(2027, 2, 1)));
    }

    private async Task<bool> RunFollowUpAsync(string command)
    {
        var work = Service<FollowUpWork>();
        switch (command)
        {
            case "CreateFollowUp":
            {
                var (caseId, treatmentId) = await DecisionAsync();
                var (party, person) = await OwnerAsync();
                await work.CreateAsync(caseId, treatmentId, new FollowUpInput("Måle etterlevelse av prosedyren", party, person, new DateOnly(2027, 6, 1)));
                return true;
            }
            case "EditFollowUp":
            {
                var (party, person) = await OwnerAsync();
                await work.EditAsync(await OthersActionAsync(), new FollowUpInput("Evaluere prosedyren etter ett år", party, person, new DateOnly(2027, 4, 1)));
                return true;
            }
            case "GiveMandate":
            {
                var (caseId, treatmentId) = await DecisionAsync();
                await work.GiveMandateAsync(caseId, treatmentId, new MandateInput(await Body("FU-PHBU"), "Utskrivning av barn og unge",
                    "Fagutvalget tilpasser prosedyren for barn og unge.", new DateOnly(2027, 5, 1)));
                return true;
            }
            case "UpdateOwnFollowUp":
                await work.UpdateProgressAsync(ownFollowUp, FollowUpStatus.InProgress, 30, "Utkast skrevet.");
                return true;
            case "UpdateOtherFollowUp":
                await work.UpdateProgressAsync(await OthersActionAsync(), FollowUpStatus.InProgress, 30, "Utkast skrevet.");
                return true;
            default:
                return false;
        }
    }

    private async Task<(Guid CaseId, Guid TreatmentId)> DecisionAsync()
    {
        await using var db = Database.NewContext();
        var decision = await db.Cases.WithRecord().SingleAsync(c => c.Title == Decision);
        return (decision.Id, decision.Treatments.Last(FollowUpAction.IsDecision).Id);
    }

    /// <summary>The seeded action Kjersti Haug is responsible for; she is none of the personas.</summary>
    private async Task<Guid> OthersActionAsync()
    {
        await using var db = Database.NewContext();
        var kjersti = await db.Users.Where(u => u.UserName == "kjersti.haug").Select(u => u.PersonId!.Value).SingleAsync();
        return await db.FollowUpActions.Where(a => a.OwnerPersonId == kjersti).Select(a => a.Id).SingleAsync();
    }

    private async Task<(Guid Party, Guid Person)> OwnerAsync()
    {
        await using var db = Database.NewContext();
        return (await db.Parties.Where(p => p.Name == "Sykehuset Innlandet HF").Select(p => p.Id).SingleAsync(),
            await db.Users.Where(u => u.UserName == "kjersti.haug").Select(u => u.PersonId!.Value).SingleAsync());
    }
}
